"""The pure analysis core: language, rules, topics, sentiment, the trainable model, stories."""

from __future__ import annotations

import socket

import pytest

from ttdn.monitoring.nlp import Analyzer, Article
from ttdn.monitoring.nlp.dedup import group_stories, pairs
from ttdn.monitoring.nlp.language import detect_language
from ttdn.monitoring.nlp.model import NotEnoughLabels, TrainedModel, document, train
from ttdn.monitoring.nlp.rules import Document, RuleSyntaxError, parse
from ttdn.monitoring.nlp.sentiment import default_lexicon, lexicon_sentiment
from ttdn.monitoring.nlp.topics import default_taxonomy, score_topics, taxonomy_from

VI = "Tỉnh đẩy mạnh thu hút đầu tư vào các khu công nghiệp, nhiều doanh nghiệp đăng ký vốn mới."
EN = "The province welcomed a trade delegation and signed a cooperation agreement on ports."


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (VI, "vi"),
        (EN, "en"),
        (
            "La province accueille une délégation économique et signe un accord de coopération.",
            "fr",
        ),
        ("越南广宁省吸引外国投资，旅游业快速发展。", "zh"),
        ("ສປປ ລາວ ແລະ ຫວຽດນາມ ຮ່ວມມືກັນດ້ານການຄ້າ", "lo"),
        ("ព្រះរាជាណាចក្រកម្ពុជា និងវៀតណាម សហប្រតិបត្តិការ", "km"),
    ],
)
def test_language_of_each_supported_language(text: str, code: str) -> None:
    assert detect_language(text)[0] == code


def test_rules_parse_and_match_phrases_prefixes_and_negation() -> None:
    doc = Document.of("Tàu Trung Quốc xua đuổi ngư dân; investments keep growing.")
    assert parse('"ngư dân" AND ("trung quốc" OR china)').matches(doc, hits := set())
    assert hits == {"ngư dân", "trung quốc"}
    assert parse("invest*").matches(doc, set())
    assert not parse('"du lịch" OR NOT "ngư dân"').matches(doc, set())
    with pytest.raises(RuleSyntaxError, match="Thiếu dấu"):
        parse("(a OR b")
    with pytest.raises(RuleSyntaxError, match="ngoặc kép"):
        parse('"biển đông')


def test_default_taxonomy_topics_of_a_sea_incident() -> None:
    title = "Tàu Trung Quốc tấn công ngư dân Việt Nam gần quần đảo Hoàng Sa"
    text = "Bộ Ngoại giao phản đối việc tàu Trung Quốc tấn công tàu cá của ngư dân tại Hoàng Sa."
    codes = [t.code for t in score_topics(default_taxonomy(), title, text)]
    # The diplomatic protest is incidental next to the sea incident (under half its score).
    assert codes == ["chu-quyen-bien-dao"]


def test_an_edited_taxonomy_replaces_the_default() -> None:
    taxonomy = taxonomy_from(
        [
            {
                "code": "cang-bien",
                "name": "Cảng biển",
                "rules": [{"when": "cảng OR port*", "weight": 2}],
            }
        ]
    )
    scored = score_topics(taxonomy, "", EN)
    assert [(t.code, t.evidence) for t in scored] == [("cang-bien", ("port*",))]


def test_lexicon_sentiment_reads_tone_and_negation() -> None:
    lex = default_lexicon()
    good = lexicon_sentiment(lex, "Lễ hội thu hút hàng vạn du khách", VI, ["du-lich"], set(), False)
    bad = lexicon_sentiment(
        lex, "Lũ quét làm 5 người thiệt mạng", "Nhiều nhà bị cuốn trôi.", [], set(), False
    )
    flat = lexicon_sentiment(
        lex, "Họp giao ban", "Sở tổ chức họp giao ban tháng.", [], set(), False
    )
    assert (good[0], bad[0], flat[0]) == ("positive", "negative", "neutral")


def _labelled() -> tuple[list[str], list[list[str]], list[str | None]]:
    texts, topics, sentiments = [], [], []
    for i in range(8):
        texts.append(
            document(f"Cảng biển số {i} mở rộng", "Cảng đón tàu hàng, xuất khẩu tăng mạnh.")
        )
        topics.append(["kinh-te-dau-tu"])
        sentiments.append("positive")
        texts.append(document(f"Lũ lớn vùng {i}", "Lũ quét cuốn trôi nhà, nhiều người thiệt mạng."))
        topics.append(["xa-hoi"])
        sentiments.append("negative")
    return texts, topics, sentiments


def test_the_model_learns_from_labels_and_round_trips() -> None:
    texts, topics, sentiments = _labelled()
    model = TrainedModel.loads(train(texts, topics, sentiments).dumps())
    doc = document("Cảng biển mới", "Cảng đón tàu hàng xuất khẩu.")
    assert [c for c, _ in model.predict_topics([doc])[0]] == ["kinh-te-dau-tu"]
    label, confidence = model.predict_sentiment([doc])[0]
    assert label == "positive"
    assert 0.5 < confidence <= 1.0
    with pytest.raises(NotEnoughLabels):
        train(texts[:3], topics[:3], sentiments[:3])


def test_syndicated_copies_form_one_story() -> None:
    base = (
        "Sáng nay tại thành phố, lễ khởi công dự án cảng biển quốc tế đã diễn ra với sự tham dự "
        "của lãnh đạo tỉnh, các nhà đầu tư và đông đảo người dân địa phương. Dự án có tổng vốn "
        "hơn hai tỷ đô la, dự kiến hoàn thành sau bốn năm xây dựng và tạo việc làm cho nghìn lao động."
    )
    groups = group_stories(
        [("a", base), ("b", base.replace("Sáng nay", "Sáng 12/3") + " Ảnh: Báo tỉnh."), ("c", EN)]
    )
    assert groups == {"a": "a", "b": "a", "c": "c"}
    assert pairs(groups) == {("a", "b")}


def test_priority_when_negative_meets_a_sensitive_topic_or_a_foreign_outlet() -> None:
    analyzer = Analyzer(province="Quảng Trị")
    sea = Article(
        "s1",
        "Tàu Trung Quốc tấn công ngư dân Quảng Trị",
        "Ngư dân Quảng Trị bị tấn công, tàu cá bị đâm chìm gần quần đảo Hoàng Sa.",
        source_domain="baoquangtri.vn",
    )
    fair = Article(
        "s2",
        "Quảng Trị khai trương lễ hội",
        "Lễ hội thu hút du khách.",
        source_domain="example.com",
    )
    first, second = analyzer.analyze(sea), analyzer.analyze(fair)
    assert (first.sentiment, first.priority, first.foreign) == ("negative", True, False)
    assert (second.sentiment, second.priority, second.foreign) == ("positive", False, True)
    assert first.as_json()["provinces"] == ["Quảng Trị"]


def test_nothing_is_fetched(monkeypatch: pytest.MonkeyPatch) -> None:
    """Analysis with fresh caches while every socket is refused: models and data are local."""
    from ttdn.monitoring.nlp import gazetteer, language, sentiment, topics

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    for cached in (
        gazetteer.load_gazetteer,
        language._langid,
        sentiment.default_lexicon,
        topics.default_taxonomy,
    ):
        cached.cache_clear()
    analysis = Analyzer().analyze(
        Article("x", "Hà Nội đón du khách", "Du lịch Hà Nội tăng trưởng.")
    )
    assert (analysis.language, [p.name for p in analysis.provinces]) == ("vi", ["Hà Nội"])
