"""Lexicon sentiment toward the province / Vietnam's image: positive, neutral or negative.

Weighted terms (data/sentiment.yaml) are read sentence by sentence: a negator shortly before a term
reverses it, an intensifier strengthens it, a hedge ("dự báo", "phòng chống") weakens the rest of
its clause, a contrast ("nhưng", "but") weakens what came before; in a story that names other
countries more than us, a bad event in a sentence with no Vietnamese place or subject is not held
against us. The headline counts twice; the subject's own tone and critical foreign coverage
of sensitive topics add a bias.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from ttdn.monitoring.nlp.gazetteer import load_gazetteer
from ttdn.monitoring.nlp.places import find_mentions
from ttdn.monitoring.nlp.rules import words_of
from ttdn.text.normalize import nfc

DEFAULT_LEXICON = Path(__file__).parent / "data" / "sentiment.yaml"
LABELS = ("positive", "neutral", "negative")
_MAX_PER_TERM = 3
_NEGATION_REACH = 3  # a negator acts on a term at most this many words later ("không có ai chết")
_INTENSIFIER_REACH = 2
_WORDS = re.compile(r"\w+")
# Sentences, then clauses: a negator or an intensifier never reaches past a comma.
_SENTENCE = re.compile(r"[^.!?…\n]+")
_CLAUSE = re.compile(r"[,;:()\"“”]")
# Marker kinds besides weighted terms; "plain" phrases only stop a shorter match ("không khí").
_KINDS = ("negators", "intensifiers", "hedges", "contrasts", "home", "abroad", "plain")


@dataclass(frozen=True)
class Lexicon:
    terms: dict[tuple[str, ...], float]  # exact phrases → signed weight
    prefixes: dict[str, float]  # one-word stems written with a trailing *
    markers: dict[tuple[str, ...], str]  # phrase → one of _KINDS
    topic_bias: dict[str, float]
    foreign_sensitive_bias: float
    threshold: float
    negation_factor: float = -0.75
    intensifier_factor: float = 1.5
    contrast_factor: float = 0.5
    hedge_factor: float = 0.5
    abroad_factor: float = 0.0
    prefix_pattern: re.Pattern[str] | None = None  # longest stems first
    heads: dict[str, tuple[int, ...]] = field(default_factory=dict)  # first word → lengths

    def __post_init__(self) -> None:
        lengths: dict[str, set[int]] = {}
        for key in (*self.terms, *self.markers):
            lengths.setdefault(key[0], set()).add(len(key))
        heads = {w: tuple(sorted(ns, reverse=True)) for w, ns in lengths.items()}
        object.__setattr__(self, "heads", heads)


def lexicon_from(data: dict[str, Any]) -> Lexicon:
    terms: dict[tuple[str, ...], float] = {}
    prefixes: dict[str, float] = {}
    for sign, key in ((1.0, "positive"), (-1.0, "negative")):
        for weight, words in (data.get(key) or {}).items():
            for term in words:
                if term.endswith("*"):
                    prefixes[term[:-1].lower()] = sign * float(weight)
                else:
                    terms[tuple(words_of(nfc(term)))] = sign * float(weight)
    markers = {
        tuple(words_of(nfc(phrase))): kind for kind in _KINDS for phrase in data.get(kind) or []
    }
    return Lexicon(
        terms=terms,
        prefixes=prefixes,
        markers=markers,
        topic_bias={str(k): float(v) for k, v in (data.get("topic_bias") or {}).items()},
        foreign_sensitive_bias=float(data.get("foreign_sensitive_bias", 0)),
        threshold=float(data.get("threshold", 1.5)),
        negation_factor=float(data.get("negation_factor", -0.75)),
        intensifier_factor=float(data.get("intensifier_factor", 1.5)),
        contrast_factor=float(data.get("contrast_factor", 0.5)),
        hedge_factor=float(data.get("hedge_factor", 0.5)),
        abroad_factor=float(data.get("abroad_factor", 0.0)),
        prefix_pattern=re.compile(
            "|".join(re.escape(p) for p in sorted(prefixes, key=len, reverse=True))
        )
        if prefixes
        else None,
    )


@cache
def default_lexicon() -> Lexicon:
    return lexicon_from(yaml.safe_load(DEFAULT_LEXICON.read_text(encoding="utf-8")))


@dataclass
class _Scan:
    """The running state of one text: per-term counts, and what the current sentence says."""

    seen: dict[tuple[str, ...], int] = field(default_factory=dict)
    positive: float = 0.0
    negative: float = 0.0
    home: int = 0  # markers of ours in the current sentence
    abroad: int = 0
    trace: list[tuple[str, float]] | None = None


# One sentence as read: (good, bad, about us).
_Sentence = tuple[float, float, bool]


def lexicon_score(
    lexicon: Lexicon,
    text: str,
    home_names: Iterable[str] = (),
    trace: list[tuple[str, float]] | None = None,
) -> float:
    """Signed tone of `text` (NFC). `home_names` (the provinces found) mark a sentence as ours.

    The text alone decides whether it is a story about another country (no gazetteer look-up:
    that is `lexicon_sentiment`'s). With `trace`, every counted term is appended as (term, value).
    """
    sentences, home, abroad = _read(lexicon, text, tuple(n.lower() for n in home_names), trace)
    return _total(lexicon, sentences, abroad > home)


def _read(
    lexicon: Lexicon, text: str, names: tuple[str, ...], trace: list[tuple[str, float]] | None
) -> tuple[list[_Sentence], int, int]:
    """The sentences of `text`, and how often it names us and other countries."""
    scan = _Scan(trace=trace)
    sentences: list[_Sentence] = []
    home = abroad = 0
    for sentence in _SENTENCE.findall(text.lower()):
        scan.positive = scan.negative = 0.0
        scan.home = scan.abroad = 0
        for number, clause in enumerate(_CLAUSE.split(sentence)):
            if _scan_clause(lexicon, words_of(clause), scan) and number == 0:
                # "Tuy nhiên, …" weakens the sentences before.
                f = lexicon.contrast_factor
                sentences = [(good * f, bad * f, ours) for good, bad, ours in sentences]
        ours = scan.home > 0 or any(n in sentence for n in names)
        home, abroad = home + scan.home + ours, abroad + scan.abroad
        if scan.positive or scan.negative:
            sentences.append((scan.positive, scan.negative, ours))
    return sentences, home, abroad


def _total(lexicon: Lexicon, sentences: list[_Sentence], abroad_story: bool) -> float:
    """Sum the sentences; in a story about another country, its bad news is not ours."""
    factor = lexicon.abroad_factor if abroad_story else 1.0
    return sum(good + (bad if ours else bad * factor) for good, bad, ours in sentences)


def _scan_clause(lexicon: Lexicon, words: list[str], scan: _Scan) -> bool:
    """Add the clause's terms to `scan`; True when the clause opens with a contrast."""
    negated_at = boosted_at = -99
    hedged = opens_with_contrast = False
    i = 0
    while i < len(words):
        key, kind, step = _match(lexicon, words, i)
        end = i + step - 1
        if kind == "term":
            _count(lexicon, key, i - negated_at, i - boosted_at, hedged, scan)
        elif kind == "negators":
            negated_at = end
        elif kind == "intensifiers":
            boosted_at = end
        elif kind == "hedges":
            hedged = True
        elif kind == "contrasts":
            scan.positive *= lexicon.contrast_factor
            scan.negative *= lexicon.contrast_factor
            opens_with_contrast = opens_with_contrast or i == 0
        elif kind == "home":
            scan.home += 1
        elif kind == "abroad":
            scan.abroad += 1
        i += step
    return opens_with_contrast


def _match(lexicon: Lexicon, words: list[str], i: int) -> tuple[tuple[str, ...], str, int]:
    """The longest entry starting at word i: (phrase, kind, length); kind "" when none."""
    for n in lexicon.heads.get(words[i], ()):
        key = tuple(words[i : i + n])
        if key in lexicon.terms:
            return key, "term", n
        kind = lexicon.markers.get(key)
        if kind is not None:
            return key, kind, n
    if lexicon.prefix_pattern is not None:
        m = lexicon.prefix_pattern.match(words[i])
        if m is not None:
            return (m.group() + "*",), "term", 1
    return (), "", 1


def _count(
    lexicon: Lexicon,
    key: tuple[str, ...],
    since_negator: int,
    since_booster: int,
    hedged: bool,
    scan: _Scan,
) -> None:
    scan.seen[key] = scan.seen.get(key, 0) + 1
    if scan.seen[key] > _MAX_PER_TERM:
        return
    value = lexicon.prefixes[key[0][:-1]] if key[0].endswith("*") else lexicon.terms[key]
    if since_booster <= _INTENSIFIER_REACH:
        value *= lexicon.intensifier_factor
    if since_negator <= _NEGATION_REACH:
        value *= lexicon.negation_factor
    if hedged:
        value *= lexicon.hedge_factor
    if value > 0:
        scan.positive += value
    else:
        scan.negative += value
    if scan.trace is not None:
        scan.trace.append((" ".join(key), round(value, 3)))


def lexicon_sentiment(
    lexicon: Lexicon,
    title: str,
    text: str,
    topics: list[str],
    sensitive: set[str],
    foreign: bool,
    home_names: Iterable[str] = (),
) -> tuple[str, float]:
    """Return (label, confidence) from the lexicon score, the topics' bias and the outlet.

    `home_names` are the provinces the article is about (as written in it), if known.
    """
    names = tuple(n.lower() for n in home_names)
    head, head_home, head_abroad = _read(lexicon, title, names, None)
    body, body_home, body_abroad = _read(lexicon, text, names, None)
    abroad_story = head_abroad + body_abroad > head_home + body_home
    if abroad_story and not names:
        # Our places are often written without a marker ("Hoi An", "Nha Trang"): ask the
        # gazetteer, only for the few stories that name other countries more than us.
        abroad_story = not find_mentions(load_gazetteer(), f"{title}\n{text}", len(title))
    words = max(len(_WORDS.findall(text)), 1)
    # Normalise by length so a long page does not outvote a short one; the headline counts twice.
    score = 2 * _total(lexicon, head, abroad_story) + _total(lexicon, body, abroad_story) * (
        120 / max(words, 120)
    )
    score += sum(lexicon.topic_bias.get(code, 0.0) for code in topics)
    if foreign and sensitive.intersection(topics):
        score += lexicon.foreign_sensitive_bias
    if score >= lexicon.threshold:
        label = "positive"
    elif score <= -lexicon.threshold:
        label = "negative"
    else:
        label = "neutral"
    confidence = min(1.0, 0.4 + abs(score) / (4 * lexicon.threshold))
    return label, round(confidence, 3)
