"""The default taxonomy's vocabulary and the rule language's matching of scripts and long phrases."""

from __future__ import annotations

import pytest

from ttdn.monitoring.nlp.rules import Document, parse
from ttdn.monitoring.nlp.topics import default_taxonomy, score_topics


def codes(title: str, text: str) -> list[str]:
    return [t.code for t in score_topics(default_taxonomy(), title, text)]


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        (  # a Vietnamese synonym of "nhân quyền"
            "Hội thảo về quyền con người",
            "Các đại biểu thảo luận về bảo đảm quyền con người và quyền tự do của công dân.",
            ["nhan-quyen-dan-chu"],
        ),
        (  # English words of daily-life news
            "Power outages hit northern provinces",
            "Residents faced a blackout as the heat wave pushed electricity demand to a record.",
            ["xa-hoi"],
        ),
        (  # a phrase of six words
            "Gặp mặt đầu xuân",
            "Tỉnh gặp mặt người Việt Nam ở nước ngoài về quê ăn Tết.",
            ["nguoi-viet-nuoc-ngoai"],
        ),
        (  # French form of a border crossing
            "Ouverture d'une porte frontalière",
            "Les deux provinces ont convenu d'ouvrir la porte frontalière secondaire.",
            ["bien-gioi"],
        ),
    ],
)
def test_topic_vocabulary(title: str, text: str, expected: list[str]) -> None:
    assert codes(title, text) == expected


def test_everyday_words_containing_a_country_name_are_not_diplomacy() -> None:
    # "biện pháp", "pháp luật" contain "pháp" (France) and the departments "hợp tác" at home.
    found = codes(
        "Tỉnh tăng cường biện pháp bảo đảm an ninh trật tự",
        "Các sở, ngành hợp tác chặt chẽ, áp dụng biện pháp theo pháp luật để giữ vững trật tự.",
    )
    assert found == ["quoc-phong-an-ninh"]


def test_a_trial_of_an_activist_is_filed_under_rights_not_crime() -> None:
    found = codes(
        "Xét xử nhà hoạt động",
        "Tòa án tỉnh xét xử nhà hoạt động về tội tuyên truyền chống nhà nước, tuyên phạt 8 năm tù.",
    )
    assert found == ["nhan-quyen-dan-chu"]


def test_an_aircraft_carrier_is_not_an_airport() -> None:
    carrier = codes(
        "Tàu sân bay Hoa Kỳ thăm Đà Nẵng",
        "Tàu sân bay của Hải quân Hoa Kỳ thăm thành phố, thủy thủ giao lưu với người dân.",
    )
    airport = codes("Sân bay mới đón chuyến bay đầu tiên", "Sân bay phục vụ người dân và du khách.")
    assert (carrier, airport[0]) == (["quoc-phong-an-ninh", "doi-ngoai-hop-tac"], "xa-hoi")


def test_lao_and_khmer_terms_keep_their_vowel_signs() -> None:
    # The vowel signs are not word characters: the term must not be cut into pieces.
    node = parse("ພາຍຸ OR កិច្ចសហប្រតិបត្តិការ")
    assert node.scripts == ("ພາຍຸ", "កិច្ចសហប្រតិបត្តិការ")
    hits: set[str] = set()
    assert node.matches(Document.of("ແຂວງ ຊ່ວຍເຫຼືອ ພາຍຫຼັງພາຍຸນ້ຳຖ້ວມ"), hits)
    assert hits == {"ພາຍຸ"}
    assert not node.matches(Document.of("ພາຍໃນ ແຂວງ"), set())  # "ພາຍ" alone is another word
