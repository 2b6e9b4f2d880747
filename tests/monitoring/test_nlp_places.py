"""Province relevance: the gazetteer from underthesea's data, dates, lists, custom places."""

from __future__ import annotations

from datetime import date

import pytest

from ttdn.monitoring.nlp.gazetteer import load_gazetteer, mapping_path
from ttdn.monitoring.nlp.places import score_provinces


@pytest.fixture(scope="module")
def gazetteer():  # type: ignore[no-untyped-def]
    return load_gazetteer()


def test_gazetteer_is_read_from_the_installed_package(gazetteer) -> None:  # type: ignore[no-untyped-def]
    assert mapping_path().name == "mapping.json"
    assert "underthesea" in mapping_path().parts
    assert len(gazetteer.former) == 63
    assert len(gazetteer.current) == 34
    assert gazetteer.current_of["Quảng Nam"] == "Đà Nẵng"
    assert gazetteer.current_of["Long An"] == "Tây Ninh"
    assert gazetteer.current_of["Quảng Ninh"] == "Quảng Ninh"


def test_name_in_force_follows_the_article_date(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "Phố cổ Hội An đón nhiều du khách quốc tế dịp cuối năm. Hội An rực rỡ đèn lồng."
    before = score_provinces(gazetteer, "", text, date(2024, 3, 1))
    after = score_provinces(gazetteer, "", text, date(2025, 9, 1))
    assert [p.name for p in before.provinces] == ["Quảng Nam"]
    assert [p.name for p in after.provinces] == ["Đà Nẵng"]


def test_spans_point_at_the_names(gazetteer) -> None:  # type: ignore[no-untyped-def]
    title = "Quảng Trị đón đoàn doanh nghiệp Lào"
    text = "Đoàn làm việc tại cửa khẩu Lao Bảo, tỉnh Quảng Trị."
    result = score_provinces(gazetteer, title, text, date(2026, 1, 5))
    assert [p.name for p in result.provinces] == ["Quảng Trị"]
    body = f"{title}\n{text}"
    assert [body[s:e] for s, e in result.provinces[0].spans] == ["Quảng Trị", "Quảng Trị"]


def test_a_list_of_provinces_is_not_the_subject(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Bão gây mưa lớn. Các tỉnh Nghệ An, Hà Tĩnh, Quảng Bình và Quảng Trị cần đề phòng lũ. "
        "Tại Thanh Hóa, nhiều tuyến đường ở Thanh Hóa bị ngập."
    )
    result = score_provinces(gazetteer, "Thanh Hóa ngập sâu sau bão", text, date(2024, 9, 1))
    assert [p.name for p in result.provinces] == ["Thanh Hóa"]


def test_english_spellings_and_lowercase_words_are_told_apart(gazetteer) -> None:  # type: ignore[no-untyped-def]
    result = score_provinces(
        gazetteer, "Ho Chi Minh City metro opens", "Ho Chi Minh City residents ride.", None
    )
    assert [p.name for p in result.provinces] == ["Hồ Chí Minh"]
    peace = score_provinces(gazetteer, "", "Hai nước cam kết giữ hòa bình ở Thái Bình Dương.", None)
    assert peace.provinces == ()


def test_target_relevance_and_custom_places(gazetteer) -> None:  # type: ignore[no-untyped-def]
    custom = gazetteer.with_places({"Quảng Trị": ["Thành cổ", "Nguyễn Văn Ví Dụ"]})
    text = "Ông Nguyễn Văn Ví Dụ thăm Thành cổ cùng đoàn cựu chiến binh."
    plain = score_provinces(gazetteer, "", text, None, "Quảng Trị")
    configured = score_provinces(custom, "", text, None, "Quảng Trị")
    assert plain.relevance == 0.0
    assert [p.name for p in configured.provinces] == ["Quảng Trị"]
    assert configured.relevance == 0.777  # 1 - exp(-3.0 / 2): two custom names in the opening
