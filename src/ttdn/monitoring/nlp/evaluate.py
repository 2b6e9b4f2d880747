"""Scores of the analysis against labelled lines (the dev.jsonl form): the `monitor eval` figures.

Language accuracy, province-set F1 (micro over items), topic micro/macro F1, sentiment macro F1,
and precision/recall of same-story pairs; `story_pairs` re-groups the same analyses with other
stage-2 thresholds (the sweep of `bench/story_thresholds.py`).
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from typing import Any

from ttdn.monitoring.nlp.dedup import StoryIndex, pairs
from ttdn.monitoring.nlp.pipeline import Analysis, Article, assign_story
from ttdn.monitoring.nlp.stories import EventIndex

SENTIMENTS = ("positive", "neutral", "negative")


@dataclass(frozen=True)
class Scores:
    items: int
    language_accuracy: float
    province_f1: float
    topic_micro_f1: float
    topic_macro_f1: float
    sentiment_macro_f1: float
    duplicate_precision: float
    duplicate_recall: float

    def result_line(self) -> str:
        return (
            f"RESULT items={self.items} language_acc={self.language_accuracy:.3f} "
            f"province_f1={self.province_f1:.3f} topic_micro_f1={self.topic_micro_f1:.3f} "
            f"topic_macro_f1={self.topic_macro_f1:.3f} "
            f"sentiment_macro_f1={self.sentiment_macro_f1:.3f} "
            f"dup_precision={self.duplicate_precision:.3f} dup_recall={self.duplicate_recall:.3f}"
        )


def f1(tp: int, fp: int, fn: int) -> float:
    if tp == 0:
        return 1.0 if fp == 0 and fn == 0 else 0.0
    return 2 * tp / (2 * tp + fp + fn)


def _set_counts(gold: set[str], got: set[str]) -> tuple[int, int, int]:
    return len(gold & got), len(got - gold), len(gold - got)


def score(labelled: list[dict[str, Any]], analyses: list[Analysis]) -> Scores:
    n = len(labelled)
    lang_ok = prov_tp = prov_fp = prov_fn = 0
    topic_counts: dict[str, list[int]] = {}
    sentiment_counts = {s: [0, 0, 0] for s in SENTIMENTS}
    for row, got in zip(labelled, analyses, strict=True):
        labels = row["labels"]
        lang_ok += got.language == labels["language"]
        tp, fp, fn = _set_counts(set(labels["provinces"]), {p.name for p in got.provinces})
        prov_tp, prov_fp, prov_fn = prov_tp + tp, prov_fp + fp, prov_fn + fn
        gold_topics, got_topics = set(labels["topics"]), {t.code for t in got.topics}
        for code in gold_topics | got_topics:
            c = topic_counts.setdefault(code, [0, 0, 0])
            c[0] += code in gold_topics and code in got_topics
            c[1] += code in got_topics and code not in gold_topics
            c[2] += code in gold_topics and code not in got_topics
        gold_s = labels["sentiment"]
        if gold_s == got.sentiment:
            sentiment_counts[gold_s][0] += 1
        else:
            sentiment_counts.setdefault(got.sentiment, [0, 0, 0])[1] += 1
            sentiment_counts[gold_s][2] += 1
    got_groups = {row["id"]: a.story_id for row, a in zip(labelled, analyses, strict=True)}
    gold_pairs, got_pairs = pairs(_gold_stories(labelled)), pairs(got_groups)
    hit = len(gold_pairs & got_pairs)
    totals = [sum(c[i] for c in topic_counts.values()) for i in range(3)]
    gold_codes = [c for c, v in topic_counts.items() if v[0] + v[2] > 0]
    seen = [c for c in sentiment_counts.values() if any(c)]
    return Scores(
        items=n,
        language_accuracy=lang_ok / n if n else 0.0,
        province_f1=f1(prov_tp, prov_fp, prov_fn),
        topic_micro_f1=f1(*totals),
        topic_macro_f1=sum(f1(*topic_counts[c]) for c in gold_codes) / max(len(gold_codes), 1),
        sentiment_macro_f1=sum(f1(*c) for c in seen) / max(len(seen), 1),
        duplicate_precision=hit / len(got_pairs) if got_pairs else 1.0,
        duplicate_recall=hit / len(gold_pairs) if gold_pairs else 1.0,
    )


def _gold_stories(labelled: list[dict[str, Any]]) -> dict[str, str]:
    return {r["id"]: r["labels"]["duplicate_group"] or f"single:{r['id']}" for r in labelled}


@dataclass(frozen=True)
class PairScore:
    """Same-story pairs found (`hit` of `found`) against the labelled ones (`gold`)."""

    hit: int
    found: int
    gold: int

    @property
    def precision(self) -> float:
        return self.hit / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.hit / self.gold if self.gold else 1.0


def split_half(row: dict[str, Any]) -> int:
    """0 or 1, by a stable hash of the item's story (a labelled group never straddles halves)."""
    group = row["labels"]["duplicate_group"] or row["id"]
    return zlib.crc32(group.encode("utf-8")) % 2


def story_pairs(
    labelled: list[dict[str, Any]],
    articles: list[Article],
    analyses: list[Analysis],
    threshold: float,
    undated_margin: float,
) -> PairScore:
    """Group the analysed articles with stage-2 settings `threshold`, `undated_margin`."""
    index = StoryIndex(events=EventIndex(threshold, undated_margin))
    got = {a.id: assign_story(index, a, r) for a, r in zip(articles, analyses, strict=True)}
    gold_pairs, got_pairs = pairs(_gold_stories(labelled)), pairs(got)
    return PairScore(len(gold_pairs & got_pairs), len(got_pairs), len(gold_pairs))
