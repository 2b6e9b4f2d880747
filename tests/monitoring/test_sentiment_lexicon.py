"""The default sentiment lexicon's reading: negation, intensifiers, hedges, contrast, target."""

from __future__ import annotations

import pytest

from ttdn.monitoring.nlp.sentiment import (
    default_lexicon,
    lexicon_from,
    lexicon_score,
    lexicon_sentiment,
)


def score(text: str) -> float:
    return lexicon_score(default_lexicon(), text)


@pytest.mark.parametrize(
    ("plain", "negated", "expected"),
    [
        ("Dự án thành công", "Dự án không thành công", -1.5),
        ("Đường sá an toàn", "Đường sá chưa an toàn", -0.75),
        ("Cảnh đẹp", "Cảnh chẳng đẹp", -0.75),
        ("The project did succeed", "The project did not succeed", -1.5),
    ],
)
def test_a_negator_reverses_the_term_after_it(plain: str, negated: str, expected: float) -> None:
    assert score(plain) > 0
    assert score(negated) == pytest.approx(expected)


def test_negation_reaches_over_a_few_words_but_not_past_a_comma() -> None:
    # Given a bad event said not to have happened, within three words of the negator
    assert score("Không có ai thiệt mạng") == pytest.approx(1.5)
    assert score("No casualties were reported") == pytest.approx(1.5)
    # When a comma ends the negator's clause, then the term keeps its sign
    assert score("Không, dự án thành công") == pytest.approx(2.0)


def test_words_that_merely_start_with_a_negator_do_not_negate() -> None:
    assert score("Không khí lễ hội vui tươi") == pytest.approx(3.0)
    assert score("Hãng hàng không an toàn") == pytest.approx(1.0)
    assert score("Tỉnh không chỉ thu hút du khách") == pytest.approx(3.0)


def test_an_intensifier_strengthens_and_a_hedge_weakens() -> None:
    assert score("Điểm đến rất hấp dẫn") == pytest.approx(3.0)
    assert score("Lũ quét xảy ra") == pytest.approx(-2.0)
    assert score("Dự báo lũ quét có thể xảy ra") == pytest.approx(-1.0)


def test_a_contrast_weakens_what_came_before_it() -> None:
    # lễ hội +2, thu hút +2, du khách +1 halved by "nhưng"; then ùn tắc -1, nghiêm trọng -1
    assert score("Lễ hội thu hút du khách nhưng gây ùn tắc nghiêm trọng") == pytest.approx(0.5)
    # "Tuy nhiên" opening a sentence halves the sentences before it
    assert score("Lễ hội thu hút du khách. Tuy nhiên, đường phố ùn tắc.") == pytest.approx(1.5)


def test_a_disaster_in_another_country_is_not_bad_news_about_us() -> None:
    lex = default_lexicon()
    abroad = lexicon_sentiment(
        lex,
        "Động đất ở Nhật Bản làm 50 người thiệt mạng",
        "Trận động đất mạnh làm rung chuyển miền bắc Nhật Bản, nhiều nhà bị sập.",
        [],
        set(),
        False,
    )
    english = lexicon_sentiment(
        lex,
        "Earthquake in Japan kills 50",
        "A strong earthquake struck northern Japan, killing 50 people.",
        [],
        set(),
        True,
    )
    at_home = lexicon_sentiment(
        lex,
        "Động đất ở Quảng Trị làm 50 người thiệt mạng",
        "Trận động đất mạnh làm rung chuyển miền núi Quảng Trị, nhiều nhà bị sập.",
        [],
        set(),
        False,
    )
    assert (abroad[0], english[0], at_home[0]) == ("neutral", "neutral", "negative")


def test_a_foreign_act_against_our_fishermen_or_places_stays_negative() -> None:
    lex = default_lexicon()
    at_sea = lexicon_sentiment(
        lex,
        "Tàu Trung Quốc đâm chìm tàu cá",
        "Tàu hải cảnh Trung Quốc đâm chìm tàu cá của ngư dân gần Hoàng Sa.",
        [],
        set(),
        False,
    )
    # A Vietnamese place written without any marker word is found through the gazetteer.
    damage = lexicon_sentiment(
        lex,
        "Typhoon from the Philippines hits Hoi An",
        "The typhoon that killed 20 in the Philippines flooded Hoi An, damaging 300 houses.",
        [],
        set(),
        True,
    )
    assert (at_sea[0], damage[0]) == ("negative", "negative")


def test_province_names_given_by_the_caller_mark_a_sentence_as_ours() -> None:
    lex = default_lexicon()
    title, text = "Bão ở Philippines", "Bão ở Philippines làm sập nhà ở Xứ Mường."
    assert lexicon_sentiment(lex, title, text, [], set(), False)[0] == "neutral"
    assert lexicon_sentiment(lex, title, text, [], set(), False, ["Xứ Mường"])[0] == "negative"


def test_an_edited_lexicon_sets_its_own_factors() -> None:
    lex = lexicon_from(
        {
            "positive": {2: ["tốt"]},
            "negators": ["không"],
            "negation_factor": -1,
            "intensifiers": ["rất"],
            "intensifier_factor": 2,
        }
    )
    assert lexicon_score(lex, "không tốt") == pytest.approx(-2.0)
    assert lexicon_score(lex, "rất tốt") == pytest.approx(4.0)
