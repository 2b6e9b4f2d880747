"""Lexicon sentiment toward the province / Vietnam's image: positive, neutral or negative.

Weighted terms (data/sentiment.yaml) count in the headline twice; a negator just before a term
flips it. The subject's own tone and critical foreign coverage of sensitive topics add a bias.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from ttdn.monitoring.nlp.rules import words_of
from ttdn.text.normalize import nfc

_WORDS = re.compile(r"\w+")

DEFAULT_LEXICON = Path(__file__).parent / "data" / "sentiment.yaml"
LABELS = ("positive", "neutral", "negative")
_MAX_PER_TERM = 3


@dataclass(frozen=True)
class Lexicon:
    terms: dict[tuple[str, ...], float]  # exact phrases
    prefixes: dict[str, float]  # one-word stems written with a trailing *
    negators: frozenset[tuple[str, ...]]
    topic_bias: dict[str, float]
    foreign_sensitive_bias: float
    threshold: float
    longest: int
    prefix_pattern: re.Pattern[str] | None = None  # longest stems first
    heads: dict[str, tuple[int, ...]] = field(default_factory=dict)  # first word → lengths

    def __post_init__(self) -> None:
        lengths: dict[str, set[int]] = {}
        for key in self.terms:
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
    return Lexicon(
        terms=terms,
        prefixes=prefixes,
        negators=frozenset(tuple(words_of(nfc(n))) for n in data.get("negators", [])),
        topic_bias={str(k): float(v) for k, v in (data.get("topic_bias") or {}).items()},
        foreign_sensitive_bias=float(data.get("foreign_sensitive_bias", 0)),
        threshold=float(data.get("threshold", 1.5)),
        longest=max((len(k) for k in terms), default=1),
        prefix_pattern=re.compile(
            "|".join(re.escape(p) for p in sorted(prefixes, key=len, reverse=True))
        )
        if prefixes
        else None,
    )


@cache
def default_lexicon() -> Lexicon:
    return lexicon_from(yaml.safe_load(DEFAULT_LEXICON.read_text(encoding="utf-8")))


def lexicon_score(lexicon: Lexicon, text: str) -> float:
    words = words_of(text)
    seen: dict[tuple[str, ...], int] = {}
    total = 0.0
    i = 0
    while i < len(words):
        step, weight = 1, 0.0
        key: tuple[str, ...] = ()
        lengths = lexicon.heads.get(words[i], ())
        for n in lengths:
            k = tuple(words[i : i + n])
            if k in lexicon.terms:
                step, weight, key = n, lexicon.terms[k], k
                break
        if not key and lexicon.prefix_pattern is not None:
            m = lexicon.prefix_pattern.match(words[i])
            if m is not None:
                weight, key = lexicon.prefixes[m.group()], (m.group(),)
        if key:
            seen[key] = seen.get(key, 0) + 1
            if seen[key] <= _MAX_PER_TERM:
                before = (tuple(words[max(0, i - 1) : i]), tuple(words[max(0, i - 2) : i]))
                flipped = any(b in lexicon.negators for b in before if b)
                total += -weight if flipped else weight
        i += step
    return total


def lexicon_sentiment(
    lexicon: Lexicon,
    title: str,
    text: str,
    topics: list[str],
    sensitive: set[str],
    foreign: bool,
) -> tuple[str, float]:
    """Return (label, confidence) from the lexicon score, the topics' bias and the outlet."""
    words = max(len(_WORDS.findall(text)), 1)
    # Normalise by length so a long page does not outvote a short one; the headline counts twice.
    score = 2 * lexicon_score(lexicon, title) + lexicon_score(lexicon, text) * (
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
