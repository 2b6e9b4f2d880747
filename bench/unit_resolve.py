"""Benchmark: resolving unit mentions against a national-size unit list (34 provinces).

Run: `.venv/bin/python bench/unit_resolve.py` — prints the median and p95 time per mention and
ends with `RESULT units=… median_us=… p95_us=… build_ms=…`. Not run as a test.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from ttdn.text.unit_resolver import UnitRecord, UnitResolver

PROVINCES = [f"Tỉnh Số {n}" for n in range(1, 35)]
DEPARTMENTS = [
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Ngoại vụ",
    "Sở Tài chính",
    "Sở Tư pháp",
    "Sở Công Thương",
    "Sở Nông nghiệp và Môi trường",
    "Sở Khoa học và Công nghệ",
    "Sở Giáo dục và Đào tạo",
    "Sở Y tế",
    "Sở Nội vụ",
    "Sở Xây dựng",
    "Sở Dân tộc và Tôn giáo",
    "Văn phòng Ủy ban nhân dân tỉnh",
    "Ban Tuyên giáo và Dân vận Tỉnh ủy",
]
MENTIONS = [
    "Sở VHTTDL",
    "Sở Văn hóa - Thể thao và Du lịch",
    "SNGV",
    "Sở Ngoại vụ",
    "Công an tỉnh",
    "UBND tỉnh",
    "Văn phòng UBND tỉnh",
    "Sở KH&CN",
    "Sở Tài chính",
    "các sở, ban, ngành",
    "Bộ Chỉ huy Bộ đội Biên phòng tỉnh",
    "Sở Nông nghiệp và Môi trường",
    "Công ty ABC",
    "Xã Số 7",
    "Sở GD&ĐT",
]


# Units every province has: (code suffix, name — "{p}" is the lower-cased province, kind).
PROVINCIAL_BODIES = [
    ("UBND", "Ủy ban nhân dân {p}", "ubnd"),
    ("CA", "Công an {p}", "armed_forces"),
    ("BDBP", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "armed_forces"),
    *((f"D{d}", name, "department") for d, name in enumerate(DEPARTMENTS)),
    *((f"X{x}", f"Xã Số {x}", "commune") for x in range(40)),
]


def registry() -> list[UnitRecord]:
    return [
        UnitRecord(
            code=f"P{p}-{suffix}",
            name=name.format(p=province.lower()),
            kind=kind,
            province=province,
        )
        for p, province in enumerate(PROVINCES)
        for suffix, name, kind in PROVINCIAL_BODIES
    ]


def main() -> None:
    units = registry()
    started = time.perf_counter()
    resolver = UnitResolver(units, province=PROVINCES[3])
    build_ms = (time.perf_counter() - started) * 1000
    timings = []
    for _ in range(50):
        for mention in MENTIONS:
            t0 = time.perf_counter()
            resolver.resolve(mention)
            timings.append((time.perf_counter() - t0) * 1e6)
    timings.sort()
    median = statistics.median(timings)
    p95 = timings[int(len(timings) * 0.95)]
    print(f"units: {len(units)}  mentions timed: {len(timings)}  index build: {build_ms:.0f} ms")
    print(f"per mention: median {median:.0f} µs, p95 {p95:.0f} µs, max {timings[-1]:.0f} µs")
    print(
        f"RESULT units={len(units)} median_us={median:.0f} p95_us={p95:.0f} build_ms={build_ms:.0f}"
    )


if __name__ == "__main__":
    main()
