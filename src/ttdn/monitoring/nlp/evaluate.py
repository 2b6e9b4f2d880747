"""Scores of the analysis against labelled lines (the dev.jsonl form): the `monitor eval` figures.

Language accuracy, province-set F1 (micro over items), topic micro/macro F1, sentiment macro F1,
and precision/recall of same-story pairs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ttdn.monitoring.nlp.dedup import pairs
from ttdn.monitoring.nlp.pipeline import Analysis

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
    gold_groups = {
        row["id"]: row["labels"]["duplicate_group"] or f"single:{row['id']}" for row in labelled
    }
    got_groups = {row["id"]: a.story_id for row, a in zip(labelled, analyses, strict=True)}
    gold_pairs, got_pairs = pairs(gold_groups), pairs(got_groups)
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
