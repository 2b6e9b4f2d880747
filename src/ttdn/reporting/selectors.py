"""Reads of task tracking and reporting, scoped to what the asking user's unit may see.

A unit officer sees the work items of their unit (and sub-units), lead or support, and only
their unit's updates and reports; the coordinating agency, administrators and the province's
leaders see every unit. Fetch one row with `<thing>_get_for_user`, which answers "not found"
for another unit's rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone

from ttdn.core.errors import NotFound
from ttdn.monitoring.case_figures import CaseFigures, as_of, case_figures
from ttdn.plans.models import Plan, TaskOccurrence, TaskStatus, WorkItem
from ttdn.reporting.completeness import (
    Completeness,
    ItemRow,
    ReportRow,
    compute,
    section_counts,
)
from ttdn.reporting.models import (
    Evidence,
    Indicator,
    ReportingPeriod,
    ReportStatus,
    TaskUpdate,
    UnitReport,
    UpdateValue,
)
from ttdn.units.models import Unit
from ttdn.units.selectors import unit_scope_ids, unit_subtree_ids

# A unit may still change its updates for a period while its report is in these states.
EDITABLE_REPORT = (ReportStatus.DRAFT, ReportStatus.RETURNED)
HIDDEN = (TaskStatus.CANCELLED,)


def _items() -> QuerySet[WorkItem]:
    return WorkItem.objects.select_related("occurrence__task__plan__document", "unit", "assignment")


def work_items_for_user(
    *,
    user: Any,
    own_unit: bool = False,
    plan: Plan | None = None,
    status: str = "",
    role: str = "",
    unit: Unit | None = None,
) -> QuerySet[WorkItem]:
    """Work items the user may see, overdue first, then by due date.

    `own_unit` limits to the user's unit and sub-units even for those who see everything
    ("Việc của tôi" of a coordinator is their own agency's work).
    """
    items = _items()
    scope = unit_scope_ids(user)
    if own_unit:
        scope = unit_subtree_ids(user.unit_id) if user.unit_id else set()
    if scope is not None:
        items = items.filter(unit_id__in=scope)
    if plan is not None:
        items = items.filter(occurrence__task__plan=plan)
    if unit is not None:
        items = items.filter(unit=unit)
    if status:
        items = items.filter(status=status)
    if role:
        items = items.filter(role=role)
    return items.annotate(
        late_first=Case(
            When(status=TaskStatus.OVERDUE, then=Value(0)),
            When(status__in=(TaskStatus.DONE, *HIDDEN), then=Value(2)),
            default=Value(1),
            output_field=IntegerField(),
        )
    ).order_by("late_first", "occurrence__due", "occurrence__task__order", "pk")


def work_item_get_for_user(*, user: Any, pk: int) -> WorkItem:
    item = _items().filter(pk=pk).first()
    if item is None or not user.has_perm("reporting.view_item", item):
        raise NotFound("Không tìm thấy phần việc (hoặc phần việc thuộc đơn vị khác).")
    return item


def work_item_siblings(*, item: WorkItem, user: Any) -> list[WorkItem]:
    """The other units on the same occurrence the user may see (for "who else works on it")."""
    others = _items().filter(occurrence=item.occurrence).exclude(pk=item.pk)
    scope = unit_scope_ids(user)
    if scope is not None:
        others = others.filter(unit_id__in=scope)
    return list(others)


def _updates() -> QuerySet[TaskUpdate]:
    return TaskUpdate.objects.select_related("period", "author").prefetch_related(
        Prefetch("values", UpdateValue.objects.select_related("indicator")),
        Prefetch("evidence", Evidence.objects.order_by("added_at", "pk")),
    )


def work_item_updates(*, item: WorkItem) -> list[TaskUpdate]:
    """The item's updates, newest period first (scope: whoever may see the item)."""
    return list(_updates().filter(work_item=item).order_by("-period__ends", "-updated_at"))


def update_get(*, item: WorkItem, period: ReportingPeriod | None) -> TaskUpdate | None:
    return _updates().filter(work_item=item, period=period).first()


def update_get_for_user(*, user: Any, pk: int) -> TaskUpdate:
    """An update, "not found" when its work item belongs to a unit the user may not see."""
    update = TaskUpdate.objects.select_related("work_item__unit", "period").filter(pk=pk).first()
    if update is None or not user.has_perm("reporting.view_item", update.work_item):
        raise NotFound("Không tìm thấy bản cập nhật (hoặc bản cập nhật thuộc đơn vị khác).")
    return update


def evidence_get_for_user(*, user: Any, pk: int) -> Evidence:
    evidence = Evidence.objects.select_related("update__work_item__unit").filter(pk=pk).first()
    if evidence is None or not user.has_perm("reporting.view_item", evidence.update.work_item):
        raise NotFound("Không tìm thấy minh chứng.")
    return evidence


def indicators_active() -> list[Indicator]:
    return list(Indicator.objects.filter(active=True))


def periods_of_plan(*, plan: Plan) -> list[ReportingPeriod]:
    return list(ReportingPeriod.objects.filter(plan=plan).order_by("ends", "starts", "pk"))


def period_get(*, pk: int) -> ReportingPeriod:
    period = ReportingPeriod.objects.select_related("plan__document").filter(pk=pk).first()
    if period is None:
        raise NotFound("Không tìm thấy kỳ báo cáo.")
    return period


def periods_all() -> QuerySet[ReportingPeriod]:
    return ReportingPeriod.objects.select_related("plan__document").order_by("-ends", "plan", "pk")


def periods_for_update(
    *, item: WorkItem, today: dt.date | None = None
) -> list[tuple[ReportingPeriod, str]]:
    """The item's plan's periods, each with why the unit cannot report on it ("" if it can).

    Open periods come first, the one ending soonest before the others: that is the report the
    unit is writing now.
    """
    today = today or timezone.localdate()
    periods = periods_of_plan(plan=item.occurrence.task.plan)
    statuses = dict(
        UnitReport.objects.filter(period__in=periods, unit_id=item.unit_id).values_list(
            "period_id", "status"
        )
    )
    rows = []
    for period in periods:
        reason = period_closed_reason(period, statuses.get(period.pk), today)
        rows.append((period, reason))
    rows.sort(key=lambda row: (bool(row[1]), row[0].deadline < today, row[0].ends))
    return rows


def period_closed_reason(period: ReportingPeriod, report_status: str | None, today: dt.date) -> str:
    """Why a unit cannot change its data for the period, or "" when it can."""
    if report_status and report_status not in EDITABLE_REPORT:
        shown = ReportStatus(report_status).label
        return f"Báo cáo kỳ “{period.name}” của đơn vị đang ở trạng thái “{shown}”."
    if period.is_locked(today) and report_status != ReportStatus.RETURNED:
        return (
            f"Kỳ “{period.name}” đã khóa sau hạn {period.deadline:%d/%m/%Y}; đề nghị cơ quan "
            "đầu mối mở khóa nếu cần bổ sung."
        )
    return ""


def report_get_for_user(*, user: Any, pk: int) -> UnitReport:
    report = (
        UnitReport.objects.select_related(
            "period__plan__document", "unit", "prepared_by", "approved_by", "reviewed_by"
        )
        .filter(pk=pk)
        .first()
    )
    if report is None or not user.has_perm("reporting.view_item", report):
        raise NotFound("Không tìm thấy báo cáo (hoặc báo cáo thuộc đơn vị khác).")
    return report


def reports_for_user(*, user: Any, period: ReportingPeriod | None = None) -> QuerySet[UnitReport]:
    reports = UnitReport.objects.select_related("period__plan", "unit")
    scope = unit_scope_ids(user)
    if scope is not None:
        reports = reports.filter(unit_id__in=scope)
    if period is not None:
        reports = reports.filter(period=period)
    return reports.order_by("-period__ends", "unit__name")


@dataclass(frozen=True)
class ReportLine:
    item: WorkItem
    update: TaskUpdate | None


def report_lines(*, period: ReportingPeriod, unit: Unit) -> list[ReportLine]:
    """The unit's work items active in the period, each with its update for the period."""
    items = list(
        _items()
        .filter(unit=unit, occurrence__task__plan_id=period.plan_id)
        .filter(occurrence__starts__lte=period.ends, occurrence__due__gte=period.starts)
        .exclude(status=TaskStatus.CANCELLED)
        .order_by("occurrence__task__order", "occurrence__seq")
    )
    updates = {u.work_item_id: u for u in _updates().filter(period=period, work_item__in=items)}
    return [ReportLine(item, updates.get(item.pk)) for item in items]


def report_totals(lines: list[ReportLine]) -> tuple[list[tuple[Indicator, int]], int]:
    """Indicator sums and money spent across a report's updates."""
    sums: dict[int, tuple[Indicator, int]] = {}
    spent = 0
    for line in lines:
        if line.update is None:
            continue
        spent += line.update.spent_vnd or 0
        for value in line.update.values.all():
            indicator, total = sums.get(value.indicator_id, (value.indicator, 0))
            sums[value.indicator_id] = (indicator, total + value.value)
    ordered = sorted(sums.values(), key=lambda pair: (pair[0].order, pair[0].name))
    return ordered, spent


@dataclass(frozen=True)
class PeriodDashboard:
    period: ReportingPeriod
    figures: Completeness
    units: dict[int, Unit]
    reports: dict[int, UnitReport]


def period_completeness(
    *, period: ReportingPeriod, today: dt.date | None = None
) -> PeriodDashboard:
    """Completeness and timeliness of the period, per unit and per section: five queries
    whatever the number of units and tasks."""
    today = today or timezone.localdate()
    window = Q(occurrence__starts__lte=period.ends, occurrence__due__gte=period.starts)
    item_rows = [
        ItemRow(unit_id, section, status, completed_at, starts, due)
        for unit_id, section, status, completed_at, starts, due in WorkItem.objects.filter(
            window, occurrence__task__plan_id=period.plan_id
        ).values_list(
            "unit_id",
            "occurrence__task__section",
            "status",
            "completed_at",
            "occurrence__starts",
            "occurrence__due",
        )
    ]
    reports = {r.unit_id: r for r in UnitReport.objects.filter(period=period).order_by("unit_id")}
    figures = compute(
        starts=period.starts,
        ends=period.ends,
        deadline=period.deadline,
        items=item_rows,
        reports=[ReportRow(r.unit_id, r.status, r.first_submitted_at) for r in reports.values()],
        today=today,
    )
    occurrences = [
        ItemRow(0, section, status, completed_at, starts, due)
        for section, status, completed_at, starts, due in TaskOccurrence.objects.filter(
            task__plan_id=period.plan_id, due__gte=period.starts, due__lte=period.ends
        ).values_list("task__section", "status", "completed_at", "starts", "due")
    ]
    figures.sections = section_counts(
        starts=period.starts, ends=period.ends, occurrences=occurrences, today=today
    )
    units = Unit.objects.in_bulk([u.unit_id for u in figures.units])
    figures.units.sort(key=lambda u: units[u.unit_id].name)
    return PeriodDashboard(period, figures, units, reports)


@dataclass(frozen=True)
class ScoreRow:
    period: ReportingPeriod
    report: UnitReport | None
    figures: Any  # UnitFigures | None
    cases: CaseFigures | None = None  # the press monitoring's cases opened in the period


def unit_scorecard(*, unit: Unit, plan: Plan, today: dt.date | None = None) -> list[ScoreRow]:
    """The unit's own figures in each period of the plan (its timeliness, its tasks and the
    response cases assigned to it)."""
    today = today or timezone.localdate()
    rows = []
    item_rows = [
        ItemRow(unit.pk, section, status, completed_at, starts, due)
        for section, status, completed_at, starts, due in WorkItem.objects.filter(
            unit=unit, occurrence__task__plan=plan
        ).values_list(
            "occurrence__task__section",
            "status",
            "completed_at",
            "occurrence__starts",
            "occurrence__due",
        )
    ]
    periods = periods_of_plan(plan=plan)
    reports = {r.period_id: r for r in UnitReport.objects.filter(unit=unit, period__in=periods)}
    cases = (
        case_figures(
            starts=min(p.starts for p in periods),
            ends=max(p.ends for p in periods),
            unit_ids={unit.pk},
            now=as_of(today),
        )
        if periods
        else None
    )
    for period in periods:
        report = reports.get(period.pk)
        figures = compute(
            starts=period.starts,
            ends=period.ends,
            deadline=period.deadline,
            items=item_rows,
            reports=[ReportRow(unit.pk, report.status, report.first_submitted_at)]
            if report
            else [],
            today=today,
        )
        mine = figures.units[0] if figures.units else None
        opened = cases.opened_within(period.starts, period.ends) if cases else None
        rows.append(ScoreRow(period, report, mine, opened))
    return rows
