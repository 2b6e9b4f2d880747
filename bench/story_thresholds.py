"""Stage-2 story thresholds on a labelled file: pair precision/recall, whole file and two halves.

Run: `.venv/bin/python bench/story_thresholds.py ../shared/samples/news/dev.jsonl`.
Each item is analysed once; stories are then re-grouped for each (threshold, undated margin).
The halves split the labelled stories by a stable hash (`evaluate.split_half`): choose the
setting on one half, read the other half's figures as held-out.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

THRESHOLDS = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35)
MARGINS = (0.1, 0.2, 0.3)


def main() -> None:
    from ttdn.monitoring.nlp import Analyzer, Article
    from ttdn.monitoring.nlp.evaluate import split_half, story_pairs

    rows = [json.loads(line) for line in Path(sys.argv[1]).read_text("utf-8").splitlines() if line]
    articles = [Article.from_json(row) for row in rows]
    analyzer = Analyzer()
    analyses = [analyzer.analyze(article) for article in articles]
    parts = {"all": range(len(rows))}
    for half in (0, 1):
        parts[f"half {half}"] = [i for i, row in enumerate(rows) if split_half(row) == half]
    print("| undated margin | threshold | " + " | ".join(parts) + " |")
    print("|---|---|" + "---|" * len(parts))
    for margin in MARGINS:
        for threshold in THRESHOLDS:
            cells = []
            for members in parts.values():
                s = story_pairs(
                    [rows[i] for i in members],
                    [articles[i] for i in members],
                    [analyses[i] for i in members],
                    threshold,
                    margin,
                )
                cells.append(f"{s.hit}/{s.found} of {s.gold}: P {s.precision:.2f} R {s.recall:.2f}")
            print(f"| {margin} | {threshold} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
