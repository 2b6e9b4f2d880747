"""Completeness and timeliness of a reporting period, as DHIS2 measures them.

Reports, per unit:
- expected: the unit has work in the period (a work item of an occurrence overlapping the
  period, not cancelled) — or it submitted a report for the period anyway;
- submitted: it sent a report (the first submission counts; a returned and resent report is
  still submitted on the day it was first sent);
- on time: that first submission was no later than the deadline (Vietnam time);
- accepted: the coordinating agency accepted it.
Because a unit that submitted is always expected, no rate can exceed 100% when units are added
to or removed from the plan during the period.

Tasks, per unit (its work items) and per section (occurrences), for what fell due in the period:
due, done on time, done late, overdue (not done, date passed), pending (not done, not yet due).

`compute` is pure (rows in, figures out); `period_completeness` reads the rows in a fixed number
of queries whatever the number of units and tasks.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

VN = ZoneInfo("Asia/Ho_Chi_Minh")
DONE, CANCELLED = "done", "cancelled"


@dataclass(frozen=True)
class ItemRow:
    """A work item as `compute` needs it."""

    unit_id: int
    section: str
    status: str
    completed_at: dt.datetime | None
    starts: dt.date
    due: dt.date


@dataclass(frozen=True)
class ReportRow:
    unit_id: int
    status: str
    first_submitted_at: dt.datetime | None


@dataclass
class TaskCounts:
    due: int = 0
    done_on_time: int = 0
    done_late: int = 0
    overdue: int = 0
    pending: int = 0

    def add(self, row: ItemRow, today: dt.date) -> None:
        self.due += 1
        if row.status == DONE:
            finished = local_date(row.completed_at) if row.completed_at else row.due
            if finished <= row.due:
                self.done_on_time += 1
            else:
                self.done_late += 1
        elif row.due < today:
            self.overdue += 1
        else:
            self.pending += 1

    @property
    def done(self) -> int:
        return self.done_on_time + self.done_late

    @property
    def on_time_rate(self) -> float | None:
        return rate(self.done_on_time, self.due)


@dataclass
class UnitFigures:
    unit_id: int
    expected: bool = False
    submitted: bool = False
    on_time: bool = False
    accepted: bool = False
    report_status: str = ""
    items: int = 0  # work items active in the period
    tasks: TaskCounts = field(default_factory=TaskCounts)


@dataclass
class Completeness:
    units: list[UnitFigures]
    sections: dict[str, TaskCounts]  # filled from occurrences by `section_counts`
    expected: int
    submitted: int
    on_time: int
    accepted: int
    returned: int
    tasks: TaskCounts

    @property
    def completeness(self) -> float | None:
        return rate(self.submitted, self.expected)

    @property
    def timeliness(self) -> float | None:
        return rate(self.on_time, self.expected)

    @property
    def acceptance(self) -> float | None:
        return rate(self.accepted, self.expected)


def rate(part: int, whole: int) -> float | None:
    """A share in [0, 1], None when nothing was expected (shown as "—", never as 0% or 100%)."""
    return None if whole == 0 else min(part, whole) / whole


def percent(share: float | None) -> str:
    """A share as officials write it: "83%", rounded down so unfinished work never shows
    100%; "—" when nothing was expected."""
    if share is None:
        return "—"
    return f"{min(100, math.floor(share * 100 + 1e-9))}%"


def local_date(moment: dt.datetime) -> dt.date:
    return moment.astimezone(VN).date()


def compute(
    *,
    starts: dt.date,
    ends: dt.date,
    deadline: dt.date,
    items: Iterable[ItemRow],
    reports: Iterable[ReportRow],
    today: dt.date,
) -> Completeness:
    units: dict[int, UnitFigures] = {}
    total = TaskCounts()
    for row in items:
        if row.status == CANCELLED or row.starts > ends or row.due < starts:
            continue
        figures = units.setdefault(row.unit_id, UnitFigures(row.unit_id))
        figures.expected = True
        figures.items += 1
        if starts <= row.due <= ends:
            figures.tasks.add(row, today)
    for report in reports:
        figures = units.setdefault(report.unit_id, UnitFigures(report.unit_id))
        figures.report_status = report.status
        if report.first_submitted_at is not None:
            figures.expected = figures.submitted = True
            figures.on_time = local_date(report.first_submitted_at) <= deadline
            figures.accepted = report.status == "accepted"
    expected = [u for u in units.values() if u.expected]
    for figures in expected:
        for name in ("due", "done_on_time", "done_late", "overdue", "pending"):
            setattr(total, name, getattr(total, name) + getattr(figures.tasks, name))
    return Completeness(
        units=expected,
        sections={},
        expected=len(expected),
        submitted=sum(u.submitted for u in expected),
        on_time=sum(u.on_time for u in expected),
        accepted=sum(u.accepted for u in expected),
        returned=sum(u.report_status == "returned" for u in expected),
        tasks=total,
    )


def section_counts(
    *, starts: dt.date, ends: dt.date, occurrences: Iterable[ItemRow], today: dt.date
) -> dict[str, TaskCounts]:
    """Per plan section, the occurrences (whole tasks, not units' parts) due in the period."""
    sections: dict[str, TaskCounts] = defaultdict(TaskCounts)
    for row in occurrences:
        if row.status != CANCELLED and starts <= row.due <= ends:
            sections[row.section].add(row, today)
    return dict(sections)
