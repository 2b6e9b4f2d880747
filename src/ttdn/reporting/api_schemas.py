"""Schemas of the reporting API (/api/v1/reporting): what goes in and comes out of its routes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import timezone
from ninja import Schema

from ttdn.reporting.models import Evidence, EvidenceKind, TaskUpdate, UnitReport
from ttdn.reporting.services import report_is_late


class ErrorOut(Schema):
    detail: str


class WorkItemOut(Schema):
    """A unit's part (lead or support) of one due date of a task."""

    id: int
    plan_id: int
    task_id: int
    task_ref: str
    task_text: str
    section: str
    occurrence_id: int
    occurrence_label: str
    occurrence_starts: dt.date
    occurrence_due: dt.date
    unit_id: int
    unit_name: str
    role: str
    status: str
    progress: int
    completed_at: dt.datetime | None
    version: int

    @staticmethod
    def resolve_plan_id(obj: Any) -> int:
        return obj.occurrence.task.plan_id  # type: ignore[no-any-return]

    @staticmethod
    def resolve_task_id(obj: Any) -> int:
        return obj.occurrence.task_id  # type: ignore[no-any-return]

    @staticmethod
    def resolve_task_ref(obj: Any) -> str:
        return obj.occurrence.task.ref  # type: ignore[no-any-return]

    @staticmethod
    def resolve_task_text(obj: Any) -> str:
        return obj.occurrence.task.text  # type: ignore[no-any-return]

    @staticmethod
    def resolve_section(obj: Any) -> str:
        return obj.occurrence.task.section  # type: ignore[no-any-return]

    @staticmethod
    def resolve_occurrence_label(obj: Any) -> str:
        return obj.occurrence.label  # type: ignore[no-any-return]

    @staticmethod
    def resolve_occurrence_starts(obj: Any) -> dt.date:
        return obj.occurrence.starts  # type: ignore[no-any-return]

    @staticmethod
    def resolve_occurrence_due(obj: Any) -> dt.date:
        return obj.occurrence.due  # type: ignore[no-any-return]

    @staticmethod
    def resolve_unit_name(obj: Any) -> str:
        return obj.unit.name  # type: ignore[no-any-return]


class EvidenceOut(Schema):
    """A file (`download`: its path in this API) or a link (`url`)."""

    id: int
    kind: str
    title: str
    url: str | None
    download: str | None
    content_type: str
    size: int
    added_at: dt.datetime

    @staticmethod
    def resolve_url(obj: Evidence) -> str | None:
        return obj.url if obj.kind == EvidenceKind.LINK else None

    @staticmethod
    def resolve_download(obj: Evidence) -> str | None:
        if obj.kind != EvidenceKind.FILE:
            return None
        return reverse("api:reporting_evidence_file", args=[obj.pk])


class UpdateOut(Schema):
    """A unit's update of a work item for a period (`period_id` null: outside any period)."""

    id: int
    work_item_id: int
    period_id: int | None
    period_name: str | None
    narrative: str
    status: str
    progress: int
    spent_vnd: int | None
    values: dict[str, int]
    evidence: list[EvidenceOut]
    author: str | None
    updated_at: dt.datetime
    version: int

    @staticmethod
    def resolve_period_name(obj: TaskUpdate) -> str | None:
        return obj.period.name if obj.period else None

    @staticmethod
    def resolve_values(obj: Any) -> dict[str, int]:
        return {value.indicator.code: value.value for value in obj.values.all()}

    @staticmethod
    def resolve_evidence(obj: Any) -> list[Evidence]:
        return list(obj.evidence.all())

    @staticmethod
    def resolve_author(obj: TaskUpdate) -> str | None:
        return obj.author.display_name if obj.author else None


class UpdateIn(Schema):
    """`progress` is not bounded here on purpose: the service answers 140 with its message.
    `values` maps indicator code → figure (0 or missing: none) and replaces the update's
    figures; `version` is the update's version the client read (0: there was none)."""

    narrative: str = ""
    status: str
    progress: int
    spent_vnd: int | None = None
    values: dict[str, int] = {}
    version: int = 0


class LinkIn(Schema):
    url: str
    title: str = ""


class PeriodChoiceOut(Schema):
    """A period of the item's plan and why the unit cannot report on it ("" if it can)."""

    id: int
    name: str
    deadline: dt.date
    closed_reason: str


class WorkItemDetailOut(WorkItemOut):
    periods: list[PeriodChoiceOut]
    updates: list[UpdateOut]

    # `updates` is the model's reverse relation: the route hands the rows over under other names.
    @staticmethod
    def resolve_periods(obj: Any) -> list[dict[str, Any]]:
        return obj.listed_periods  # type: ignore[no-any-return]

    @staticmethod
    def resolve_updates(obj: Any) -> list[TaskUpdate]:
        return obj.listed_updates  # type: ignore[no-any-return]


class IndicatorOut(Schema):
    code: str
    name: str
    measure: str


class PeriodOut(Schema):
    id: int
    plan_id: int
    kind: str
    name: str
    starts: dt.date
    ends: dt.date
    deadline: dt.date
    lock_after_deadline: bool
    locked: bool

    @staticmethod
    def resolve_locked(obj: Any) -> bool:
        return obj.is_locked(timezone.localdate())  # type: ignore[no-any-return]


class PeriodIn(Schema):
    """`deadline` empty: the default (the plan's report deadline for the year, the same day of
    the last month for shorter periods)."""

    plan: int
    kind: str
    name: str
    starts: dt.date
    ends: dt.date
    deadline: dt.date | None = None
    lock_after_deadline: bool = False


class PeriodPatch(Schema):
    name: str | None = None
    deadline: dt.date | None = None
    lock_after_deadline: bool | None = None


class ReportOut(Schema):
    id: int
    period_id: int
    period_name: str
    unit_id: int
    unit_name: str
    status: str
    summary: str
    difficulties: str
    proposals: str
    approved_at: dt.datetime | None
    submitted_at: dt.datetime | None
    first_submitted_at: dt.datetime | None
    late: bool
    reviewed_at: dt.datetime | None
    review_comment: str
    version: int

    @staticmethod
    def resolve_period_name(obj: UnitReport) -> str:
        return str(obj.period.name)

    @staticmethod
    def resolve_unit_name(obj: UnitReport) -> str:
        return str(obj.unit.name)

    @staticmethod
    def resolve_late(obj: UnitReport) -> bool:
        return report_is_late(obj)


class ReportLineOut(Schema):
    item: WorkItemOut
    update: UpdateOut | None


class IndicatorTotalOut(IndicatorOut):
    total: int


class ReportDetailOut(ReportOut):
    lines: list[ReportLineOut]
    totals: list[IndicatorTotalOut]
    spent_vnd: int


class ReportIn(Schema):
    summary: str = ""
    difficulties: str = ""
    proposals: str = ""
    version: int


class ActionIn(Schema):
    """`action`: send_for_approval, approve, send_back, submit, accept or return; `version`
    (recommended): the report's version the client read, refused with 409 if it changed."""

    action: str
    comment: str = ""
    version: int | None = None


class TaskCountsOut(Schema):
    due: int
    done_on_time: int
    done_late: int
    overdue: int
    pending: int
    on_time_rate: float | None


class UnitCompletenessOut(Schema):
    unit_id: int
    unit_name: str
    expected: bool
    submitted: bool
    on_time: bool
    accepted: bool
    report_id: int | None
    report_status: str
    items: int
    tasks: TaskCountsOut


class SectionCompletenessOut(Schema):
    section: str
    tasks: TaskCountsOut


class CompletenessOut(Schema):
    """Rates are shares in [0, 1], null when no unit was expected to report."""

    period: PeriodOut
    expected: int
    submitted: int
    on_time: int
    accepted: int
    returned: int
    completeness: float | None
    timeliness: float | None
    acceptance: float | None
    tasks: TaskCountsOut
    units: list[UnitCompletenessOut]
    sections: list[SectionCompletenessOut]
