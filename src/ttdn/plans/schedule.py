"""When a task falls due: its occurrences (one per quarter for a quarterly bulletin, …).

Pure date arithmetic, no database: `occurrences(due=…, recurrence=…, year=…)` gives the rows
`plans.lifecycle.work_items_sync` stores. The rules, in the words officials use:

- a one-off task ("trước 30/6") has one occurrence due on its date;
- with no date at all it is a standing duty of the plan year, due 31/12;
- "hằng năm" is one occurrence a year, due on the date given or 31/12;
- "hằng quý" is four, due on the last day of each quarter; "hằng tháng" twelve;
- "thường xuyên" (continuous) is checked every quarter, so it gets the four quarterly
  occurrences too: a unit reports what it did in each quarter.

A dated recurring task ("hằng quý, đến hết tháng 9") stops at the quarter holding that date.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

ROMAN_QUARTERS = ("I", "II", "III", "IV")


@dataclass(frozen=True)
class Occurrence:
    seq: int
    label: str
    starts: dt.date
    due: dt.date


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def occurrences(*, due: dt.date | None, recurrence: str, year: int) -> list[Occurrence]:
    """The occurrences of a task of plan year `year`, in order (at least one)."""
    year_start = dt.date(year, 1, 1)
    last = due or dt.date(year, 12, 31)
    if recurrence in ("quarterly", "continuous"):
        rows = []
        for q in range(4):
            starts = dt.date(year, 3 * q + 1, 1)
            if starts > last:
                break
            ends = min(_month_end(year, 3 * q + 3), last)
            rows.append(Occurrence(q + 1, f"Quý {ROMAN_QUARTERS[q]}/{year}", starts, ends))
        if rows:
            return rows
    if recurrence == "monthly":
        rows = []
        for month in range(1, 13):
            starts = dt.date(year, month, 1)
            if starts > last:
                break
            ends = min(_month_end(year, month), last)
            rows.append(Occurrence(month, f"Tháng {month}/{year}", starts, ends))
        if rows:
            return rows
    label = f"Năm {year}" if recurrence in ("yearly", "continuous") or due is None else ""
    return [Occurrence(1, label, min(year_start, last), last)]
