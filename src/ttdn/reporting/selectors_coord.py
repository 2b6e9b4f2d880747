"""Reads behind the coordinating agency's pages: which plan and period the dashboard opens on,
the per-unit and per-section tables in the order officials read them, the drill-downs, report
counts per period and the unit a scorecard may be shown for.

Each function reads in a fixed number of queries whatever the number of units and tasks.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch

from ttdn.core.errors import NotFound
from ttdn.plans.models import Plan, Task, TaskOccurrence, WorkItem
from ttdn.plans.selectors import plan_sections
from ttdn.reporting.completeness import TaskCounts, UnitFigures, percent
from ttdn.reporting.models import ReportingPeriod, UnitReport
from ttdn.reporting.selectors import PeriodDashboard
from ttdn.units.models import Unit
from ttdn.units.selectors import unit_get


def plans_to_choose() -> list[Plan]:
    """Plans to choose on the dashboard, newest first (the first is the default)."""
    return list(Plan.objects.select_related("document").order_by("-year", "-imported_at", "-pk"))


def plan_latest() -> Plan | None:
    return Plan.objects.order_by("-year", "-imported_at", "-pk").first()


def period_nearest(periods: list[ReportingPeriod], today: dt.date) -> ReportingPeriod | None:
    """The period whose deadline is nearest to today (the earlier one on a tie): the report
    being collected now, or the one just closed."""
    if not periods:
        return None
    return min(periods, key=lambda p: (abs((p.deadline - today).days), p.deadline, p.pk))


def report_counts_by_period(*, plan: Plan) -> dict[int, dict[str, int]]:
    """{period id: {report status: number of reports}} for the plan's periods (one query)."""
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    rows = (
        UnitReport.objects.filter(period__plan=plan)
        .values_list("period_id", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for period_id, status, n in rows:
        counts[period_id][status] = n
    return dict(counts)


def report_of(*, period: ReportingPeriod, unit: Unit) -> UnitReport | None:
    return UnitReport.objects.filter(period=period, unit=unit).first()


@dataclass(frozen=True)
class UnitRow:
    """One line of the dashboard's per-unit table."""

    unit: Unit
    figures: UnitFigures
    report: UnitReport | None

    @property
    def tasks(self) -> TaskCounts:
        return self.figures.tasks

    @property
    def on_time_pct(self) -> str:
        return percent(self.figures.tasks.on_time_rate)


def dashboard_unit_rows(dashboard: PeriodDashboard, *, worst_first: bool) -> list[UnitRow]:
    """The per-unit table; worst first: most overdue tasks, then not submitted, then late."""
    rows = [
        UnitRow(dashboard.units[f.unit_id], f, dashboard.reports.get(f.unit_id))
        for f in dashboard.figures.units
    ]
    if worst_first:  # the selector already ordered them by name; sort is stable
        rows.sort(key=lambda r: (-r.figures.tasks.overdue, r.figures.submitted, r.figures.on_time))
    return rows


@dataclass(frozen=True)
class SectionRow:
    name: str
    counts: TaskCounts

    @property
    def on_time_pct(self) -> str:
        return percent(self.counts.on_time_rate)


def dashboard_section_rows(dashboard: PeriodDashboard, *, plan: Plan) -> list[SectionRow]:
    """Per plan section, in the plan's order (sections without a title last)."""
    order = {name: i for i, name in enumerate(plan_sections(plan=plan))}
    names = sorted(dashboard.figures.sections, key=lambda s: (order.get(s, len(order)), s))
    return [SectionRow(name, dashboard.figures.sections[name]) for name in names]


def section_occurrences(*, period: ReportingPeriod, section: str) -> list[TaskOccurrence]:
    """The section's occurrences due in the period, each with its units' work items
    (`work_items.all()`, lead first), in the plan's order; cancelled ones included so the
    coordinating agency can restore them."""
    items = WorkItem.objects.select_related("unit").order_by("role", "unit__name", "pk")
    return list(
        TaskOccurrence.objects.filter(
            task__plan_id=period.plan_id,
            task__section=section,
            due__gte=period.starts,
            due__lte=period.ends,
        )
        .select_related("task")
        .prefetch_related(Prefetch("work_items", items))
        .order_by("task__order", "seq")
    )


class OwnedBy:
    """A unit seen as an object owned by it, for the `unit`-based permission predicates."""

    def __init__(self, unit: Unit) -> None:
        self.unit = unit


def unit_for_scorecard(*, user: Any, pk: int) -> Unit:
    """The unit if the user may read its figures (own unit and sub-units, or every unit for
    the coordinating agency and the province's leaders); "not found" otherwise."""
    unit = unit_get(pk=pk)
    if not user.has_perm("reporting.view_item", OwnedBy(unit)):
        raise NotFound("Không tìm thấy đơn vị.")
    return unit


def task_get(*, pk: int) -> Task:
    task = Task.objects.select_related("plan__document").filter(pk=pk).first()
    if task is None:
        raise NotFound("Không tìm thấy nhiệm vụ.")
    return task
