"""Reads of the activities registry, scoped to the units the user may see, and the figures the
reports use: `activities_for_period` (for the compiled report) and `indicator_figures` (the
indicators of the reporting module, counted from activities, visits, delegations and press
events). Fixed number of queries whatever the number of rows."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any, Protocol

from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from ttdn.activities.models import Activity, ActivityKind
from ttdn.core.errors import NotFound
from ttdn.plans.models import Task
from ttdn.press.models import Delegation, PressEvent, Visit, VisitStatus
from ttdn.units.models import Unit
from ttdn.units.selectors import unit_scope_ids, unit_subtree_ids


def activities_for_user(
    *,
    user: Any,
    kind: str = "",
    starts_from: dt.date | None = None,
    starts_to: dt.date | None = None,
) -> QuerySet[Activity]:
    rows = Activity.objects.select_related("unit")
    scope = unit_scope_ids(user)
    if scope is not None:
        rows = rows.filter(unit_id__in=scope)
    if kind:
        rows = rows.filter(kind=kind)
    if starts_from:
        rows = rows.filter(ends__gte=starts_from)
    if starts_to:
        rows = rows.filter(starts__lte=starts_to)
    return rows.prefetch_related(Prefetch("tasks", Task.objects.select_related("plan"))).order_by(
        "-starts", "-pk"
    )


def activity_get_for_user(*, user: Any, pk: int) -> Activity:
    row = activities_for_user(user=user).prefetch_related("photos").filter(pk=pk).first()
    if row is None:
        raise NotFound("Không tìm thấy hoạt động.")
    return row


class Period(Protocol):
    """What the selector needs of a period: `reporting.ReportingPeriod` has it."""

    starts: dt.date
    ends: dt.date


@dataclass(frozen=True)
class ActivityLine:
    kind: str
    kind_label: str
    title: str
    starts: dt.date
    ends: dt.date
    unit: str
    place: str
    participants: int | None
    print_run: int | None
    task_refs: tuple[str, ...]  # the plan tasks it is evidence of ("II.1", …)


@dataclass(frozen=True)
class PeriodActivities:
    starts: dt.date
    ends: dt.date
    lines: tuple[ActivityLine, ...]
    by_kind: dict[str, int]  # kind → number of activities, every kind present (0 when none)
    indicators: dict[str, int]  # indicator code → figure (see INDICATOR_SOURCES)


def _in_period(starts: dt.date, ends: dt.date, unit_ids: set[int] | None) -> QuerySet[Activity]:
    rows = Activity.objects.filter(starts__lte=ends, ends__gte=starts)
    return rows.filter(unit_id__in=unit_ids) if unit_ids is not None else rows


def activities_for_period(*, period: Period, unit: Unit | None = None) -> PeriodActivities:
    """Activities that took place (at least partly) in the period, of the unit and its
    sub-units or of every unit; for the compiled report ([4/7]). Three queries plus the
    indicator counts, whatever the number of activities."""
    unit_ids = unit_subtree_ids(unit.pk) if unit is not None else None
    rows = (
        _in_period(period.starts, period.ends, unit_ids)
        .select_related("unit")
        .prefetch_related("tasks")
        .order_by("starts", "pk")
    )
    lines = tuple(
        ActivityLine(
            kind=row.kind,
            kind_label=str(row.get_kind_display()),
            title=row.title,
            starts=row.starts,
            ends=row.ends,
            unit=row.unit.name,
            place=row.place,
            participants=row.participants,
            print_run=row.print_run,
            task_refs=tuple(task.ref or str(task.order) for task in row.tasks.all()),
        )
        for row in rows
    )
    counts = Counter(line.kind for line in lines)
    return PeriodActivities(
        starts=period.starts,
        ends=period.ends,
        lines=lines,
        by_kind={kind: counts.get(kind, 0) for kind in ActivityKind.values},
        indicators=indicator_figures(starts=period.starts, ends=period.ends, unit_ids=unit_ids),
    )


# indicator code (reporting's default list) → what is counted
INDICATOR_SOURCES = {
    "lop-tap-huan": "số hoạt động tập huấn, hội nghị",
    "luot-tham-du": "tổng số người tham dự tập huấn, hội nghị",
    "an-pham": "số ấn phẩm",
    "ban-an-pham": "tổng số bản in của ấn phẩm",
    "cum-pa-no": "số cụm pa-nô lắp đặt trong kỳ",
    "doan": "số đoàn phóng viên (trừ bị từ chối) và đoàn vào, đoàn ra",
    "hop-bao": "số cuộc họp báo, giao ban báo chí",
}


def indicator_figures(
    *, starts: dt.date, ends: dt.date, unit_ids: set[int] | None = None
) -> dict[str, int]:
    """The figures of the indicators that registered records can count; four queries."""
    meeting = Q(kind__in=[ActivityKind.TRAINING, ActivityKind.CONFERENCE])
    publication = Q(kind=ActivityKind.PUBLICATION)
    billboard = Q(kind=ActivityKind.BILLBOARD, installed_on__gte=starts, installed_on__lte=ends)
    activities = (
        Activity.objects.all()
        if unit_ids is None
        else Activity.objects.filter(unit_id__in=unit_ids)
    )
    sums = activities.aggregate(
        meetings=Count("pk", filter=meeting & Q(starts__lte=ends, ends__gte=starts)),
        attendance=Sum("participants", filter=meeting & Q(starts__lte=ends, ends__gte=starts)),
        publications=Count("pk", filter=publication & Q(starts__gte=starts, starts__lte=ends)),
        copies=Sum("print_run", filter=publication & Q(starts__gte=starts, starts__lte=ends)),
        billboards=Count("pk", filter=billboard),
    )

    def scoped(queryset: QuerySet[Any]) -> QuerySet[Any]:
        return queryset if unit_ids is None else queryset.filter(unit_id__in=unit_ids)

    visits = scoped(Visit.objects.exclude(status=VisitStatus.REFUSED)).filter(
        starts__gte=starts, starts__lte=ends
    )
    delegations = scoped(Delegation.objects.filter(starts__gte=starts, starts__lte=ends))
    events = scoped(
        PressEvent.objects.filter(starts_at__date__gte=starts, starts_at__date__lte=ends)
    )
    return {
        "lop-tap-huan": sums["meetings"],
        "luot-tham-du": sums["attendance"] or 0,
        "an-pham": sums["publications"],
        "ban-an-pham": sums["copies"] or 0,
        "cum-pa-no": sums["billboards"],
        "doan": visits.count() + delegations.count(),
        "hop-bao": events.count(),
    }
