"""Benchmark: parsing every sample plan of a folder with `ttdn.plans.parsing.parse_file`.

Run: `.venv/bin/python bench/plan_parse.py [--samples DIR] [--repeat N]` — prints, per file, its
size, the median and p95 parse time and the tasks found, and ends with
`RESULT max_median_ms=…` (the slowest file's median). Not run as a test.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from ttdn.plans.parsing import PlanParseError, parse_file

DEFAULT_SAMPLES = Path(__file__).resolve().parents[1].parent / "shared" / "samples" / "plans"
SUFFIXES = {".txt", ".md", ".docx", ".pdf"}


def time_file(path: Path, repeat: int) -> tuple[list[float], int | str]:
    """Parse `path` `repeat` times; return the sorted timings (ms) and the tasks found."""
    timings = []
    found: int | str = 0
    for _ in range(repeat):
        started = time.perf_counter()
        try:
            found = len(parse_file(path).tasks)
        except PlanParseError as exc:
            found = f"error: {exc.message}"
        timings.append((time.perf_counter() - started) * 1000)
    return sorted(timings), found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=Path, default=DEFAULT_SAMPLES)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    files = sorted(p for p in args.samples.glob("*") if p.suffix.lower() in SUFFIXES)
    if not files:
        sys.exit(f"no sample plans in {args.samples}")
    repeat = max(1, args.repeat)
    medians = []
    print(f"{'file':<32} {'KB':>6} {'median ms':>10} {'p95 ms':>8}  tasks")
    for path in files:
        timings, found = time_file(path, repeat)
        median = statistics.median(timings)
        p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
        medians.append(median)
        size = path.stat().st_size / 1024
        print(f"{path.name:<32} {size:>6.1f} {median:>10.1f} {p95:>8.1f}  {found}")
    print(f"RESULT max_median_ms={max(medians):.1f}")


if __name__ == "__main__":
    main()
