"""Tuning discipline for the default topic rules and sentiment lexicon: a fixed two-way split.

Run: `.venv/bin/python bench/monitoring_split.py [FILE.jsonl] [--errors A|B] [--per-topic]`.
Items go to half A or B by the SHA-1 of their story key (the duplicate group, else the id), so
copies of one story never straddle the halves. Rules are studied on A only; B is held out to
check that a change generalises. Prints `RESULT` lines for A, B and the whole file; `--errors A`
also lists A's topic and sentiment mistakes (to the terminal only: the texts are not ours).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from ttdn.monitoring.nlp.evaluate import score  # noqa: E402
from ttdn.monitoring.nlp.pipeline import Analysis, Analyzer, Article  # noqa: E402
from ttdn.monitoring.nlp.sentiment import default_lexicon, lexicon_score  # noqa: E402

DEFAULT_FILE = ROOT.parent / "shared" / "samples" / "news" / "dev.jsonl"


def half_of(row: dict[str, Any]) -> str:
    key = row["labels"].get("duplicate_group") or row["id"]
    return "A" if hashlib.sha1(key.encode(), usedforsecurity=False).digest()[0] % 2 == 0 else "B"


def per_topic(rows: list[dict[str, Any]], analyses: list[Analysis]) -> dict[str, list[int]]:
    counts: dict[str, list[int]] = {}
    for row, got in zip(rows, analyses, strict=True):
        gold, found = set(row["labels"]["topics"]), {t.code for t in got.topics}
        for code in gold | found:
            c = counts.setdefault(code, [0, 0, 0])
            c[0] += code in gold and code in found
            c[1] += code in found and code not in gold
            c[2] += code in gold and code not in found
    return counts


def print_topics(counts: dict[str, list[int]]) -> None:
    for code, (tp, fp, fn) in sorted(counts.items()):
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        print(f"  {code:24} P={p:.2f} R={r:.2f} tp={tp} fp={fp} fn={fn}")


def print_tone(rows: list[dict[str, Any]], analyses: list[Analysis]) -> None:
    labels = ("positive", "neutral", "negative")
    matrix = {(g, f): 0 for g in labels for f in labels}
    for row, got in zip(rows, analyses, strict=True):
        matrix[(row["labels"]["sentiment"], got.sentiment)] += 1
    for gold in labels:
        cells = " ".join(f"{f[:3]}={matrix[(gold, f)]:3}" for f in labels)
        print(f"  sentiment gold {gold:8} -> {cells}")


def print_errors(rows: list[dict[str, Any]], analyses: list[Analysis]) -> None:
    for row, got in zip(rows, analyses, strict=True):
        gold, found = row["labels"]["topics"], [t.code for t in got.topics]
        wrong_topics = set(gold) != set(found)
        wrong_tone = row["labels"]["sentiment"] != got.sentiment
        if not (wrong_topics or wrong_tone):
            continue
        print(f"== {row['id']} {row['source_domain']} foreign={got.foreign}")
        print(f"   {(row.get('title') or '')[:110]} | {row['text'][:300]!r}")
        if wrong_topics:
            evidence = {t.code: t.evidence[:6] for t in got.topics}
            print(f"   topics gold={gold} got={found} {evidence}")
        if wrong_tone:
            trace: list[tuple[str, float]] = []
            lexicon = default_lexicon()
            lexicon_score(lexicon, row.get("title") or "", trace=trace)
            lexicon_score(lexicon, row["text"], trace=trace)
            gold = row["labels"]["sentiment"]
            print(f"   sentiment gold={gold} got={got.sentiment} {trace[:14]}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("path", nargs="?", default=str(DEFAULT_FILE))
    parser.add_argument("--errors", choices=["A", "B"], default=None)
    parser.add_argument("--per-topic", action="store_true")
    args = parser.parse_args()
    rows = [json.loads(line) for line in Path(args.path).read_text("utf-8").splitlines() if line]
    analyzer = Analyzer()
    analyses = analyzer.analyze_batch([Article.from_json(r) for r in rows])
    halves: dict[str, tuple[list[dict[str, Any]], list[Analysis]]] = {"A": ([], []), "B": ([], [])}
    for row, got in zip(rows, analyses, strict=True):
        halves[half_of(row)][0].append(row)
        halves[half_of(row)][1].append(got)
    for name, (part_rows, part_analyses) in [*halves.items(), ("all", (rows, analyses))]:
        print(f"{name}: {score(part_rows, part_analyses).result_line()}")
        if args.per_topic:
            print_topics(per_topic(part_rows, part_analyses))
            print_tone(part_rows, part_analyses)
    if args.errors:
        print_errors(*halves[args.errors])


if __name__ == "__main__":
    main()
