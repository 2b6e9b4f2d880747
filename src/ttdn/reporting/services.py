"""Writes of periodic reporting: periods, a unit's task updates (with indicator values, money
and evidence — the evidence itself is in `reporting.evidence`), and the unit report's workflow.

Every function is keyword-only, checks permission itself, runs in one transaction and records
the acting user in the audit trail. Bad input raises ValidationFailed (nothing written); an
edit racing another raises Conflict (optimistic locking on `version`), and the caller keeps
what the user typed so nothing is lost.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from ttdn.core.errors import Conflict, ValidationFailed
from ttdn.notifications.services import Message, notify, role_recipients, unit_members
from ttdn.plans.models import Plan, WorkItem
from ttdn.plans.tracking import plan_year, work_item_apply
from ttdn.reporting.models import (
    Indicator,
    PeriodKind,
    ReportingPeriod,
    ReportStatus,
    TaskUpdate,
    UnitReport,
    UpdateValue,
)
from ttdn.reporting.rules import UnitRef
from ttdn.reporting.selectors import period_closed_reason
from ttdn.text.normalize import nfc
from ttdn.units.models import Role, Unit
from ttdn.units.services import audit_actor, require_perm, save_audited

MAX_TEXT = 20_000
MAX_SPENT_VND = 10**15
MAX_INDICATOR_VALUE = 10**12
ROMAN = ("I", "II", "III", "IV")


# --- periods ---------------------------------------------------------------------------------


def default_deadline(*, plan: Plan, kind: str, ends: dt.date) -> dt.date:
    """The year's period is due on the plan's report deadline; shorter periods on the same day
    of the month in their last month (15/11 in the plan → 15/3, 15/6, …), never before the
    period starts nor after it ends."""
    if kind == PeriodKind.YEAR and plan.report_deadline:
        return plan.report_deadline
    day = plan.report_deadline.day if plan.report_deadline else 15
    last = calendar.monthrange(ends.year, ends.month)[1]
    return min(ends.replace(day=min(day, last)), ends)


@transaction.atomic
def period_create(
    *,
    user: Any,
    plan: Plan,
    kind: str,
    name: str,
    starts: dt.date,
    ends: dt.date,
    deadline: dt.date | None = None,
    lock_after_deadline: bool = False,
) -> ReportingPeriod:
    require_perm(user, "reporting.manage_periods")
    name = nfc(name or "").strip()
    if kind not in PeriodKind.values:
        raise ValidationFailed("Loại kỳ báo cáo không hợp lệ.")
    if not name:
        raise ValidationFailed("Tên kỳ báo cáo không được để trống.")
    if ends < starts:
        raise ValidationFailed("Ngày kết thúc kỳ phải sau ngày bắt đầu.")
    deadline = deadline or default_deadline(plan=plan, kind=kind, ends=ends)
    if deadline < starts:
        raise ValidationFailed("Hạn gửi báo cáo không được trước ngày bắt đầu kỳ.")
    if ReportingPeriod.objects.filter(plan=plan, name=name).exists():
        raise ValidationFailed(f"Kế hoạch đã có kỳ báo cáo “{name}”.")
    period = ReportingPeriod(
        plan=plan,
        kind=kind,
        name=name[:150],
        starts=starts,
        ends=ends,
        deadline=deadline,
        lock_after_deadline=lock_after_deadline,
        created_by=audit_actor(user),
    )
    save_audited(period, user)
    return period


@transaction.atomic
def periods_create_defaults(*, user: Any, plan: Plan) -> list[ReportingPeriod]:
    """The usual periods of a plan year: four quarters, the first six months and the year.
    Periods that already exist (by name) are left as they are."""
    require_perm(user, "reporting.manage_periods")
    year = plan_year(plan)
    wanted = [
        (
            PeriodKind.QUARTER,
            f"Quý {ROMAN[q]}/{year}",
            dt.date(year, 3 * q + 1, 1),
            dt.date(year, 3 * q + 3, calendar.monthrange(year, 3 * q + 3)[1]),
        )
        for q in range(4)
    ]
    wanted.insert(
        2, (PeriodKind.HALF, f"6 tháng đầu năm {year}", dt.date(year, 1, 1), dt.date(year, 6, 30))
    )
    wanted.append((PeriodKind.YEAR, f"Năm {year}", dt.date(year, 1, 1), dt.date(year, 12, 31)))
    existing = set(ReportingPeriod.objects.filter(plan=plan).values_list("name", flat=True))
    return [
        period_create(user=user, plan=plan, kind=kind, name=name, starts=starts, ends=ends)
        for kind, name, starts, ends in wanted
        if name not in existing
    ]


PERIOD_EDITABLE = ("name", "deadline", "lock_after_deadline")


@transaction.atomic
def period_update(*, user: Any, period: ReportingPeriod, changes: Mapping[str, Any]) -> None:
    """Rename, move the deadline or (un)lock a period; its dates stay (reports refer to them)."""
    require_perm(user, "reporting.manage_periods")
    unknown = set(changes) - set(PERIOD_EDITABLE)
    if unknown:
        raise ValidationFailed(f"Không sửa được: {', '.join(sorted(unknown))}.")
    for field, value in changes.items():
        setattr(period, field, nfc(value).strip() if isinstance(value, str) else value)
    if not period.name:
        raise ValidationFailed("Tên kỳ báo cáo không được để trống.")
    if period.deadline < period.starts:
        raise ValidationFailed("Hạn gửi báo cáo không được trước ngày bắt đầu kỳ.")
    if (
        ReportingPeriod.objects.filter(plan=period.plan, name=period.name)
        .exclude(pk=period.pk)
        .exists()
    ):
        raise ValidationFailed(f"Kế hoạch đã có kỳ báo cáo “{period.name}”.")
    save_audited(period, user)


# --- task updates ----------------------------------------------------------------------------


def editable_for_unit(*, period: ReportingPeriod | None, unit_id: int, today: dt.date) -> None:
    if period is None:
        return
    status = (
        UnitReport.objects.filter(period=period, unit_id=unit_id)
        .values_list("status", flat=True)
        .first()
    )
    reason = period_closed_reason(period, status, today)
    if reason:
        raise ValidationFailed(reason + " Không sửa được số liệu của kỳ này.")


def _stale(kind: str, who: Any, when: dt.datetime) -> Conflict:
    moment = timezone.localtime(when)
    return Conflict(
        f"{kind} vừa được {who or 'người khác'} lưu lúc {moment:%H:%M %d/%m/%Y} trong khi bạn "
        "đang sửa. Nội dung bạn nhập vẫn còn trên biểu mẫu: hãy xem bản mới nhất, gộp phần "
        "của mình rồi lưu lại."
    )


@transaction.atomic
def task_update_save(
    *,
    user: Any,
    item: WorkItem,
    period: ReportingPeriod | None,
    narrative: str,
    status: str,
    progress: int,
    spent_vnd: int | None = None,
    values: Mapping[int, int] | None = None,
    version: int = 0,
    today: dt.date | None = None,
) -> TaskUpdate:
    """Save the unit's update of `item` for `period` and apply its status and progress.

    `version` is the version of the update the form was opened on (0: there was none); if
    someone saved in between, Conflict. `values` maps indicator id → figure (0 or missing:
    none); they replace the update's figures.
    """
    require_perm(user, "reporting.update_item", item)
    today = today or timezone.localdate()
    item = WorkItem.objects.select_for_update().select_related("occurrence").get(pk=item.pk)
    if period is not None and period.plan_id != item.occurrence.task.plan_id:
        raise ValidationFailed("Kỳ báo cáo không thuộc kế hoạch của nhiệm vụ này.")
    editable_for_unit(period=period, unit_id=item.unit_id, today=today)
    narrative = nfc(narrative or "").strip()
    if len(narrative) > MAX_TEXT:
        raise ValidationFailed("Nội dung dài quá 20.000 ký tự.")
    if not isinstance(progress, int) or not 0 <= progress <= 100:
        raise ValidationFailed(f"Tiến độ phải từ 0 đến 100%, không phải {progress}%.")
    if spent_vnd is not None and not 0 <= spent_vnd <= MAX_SPENT_VND:
        raise ValidationFailed("Kinh phí đã chi phải là số đồng không âm.")
    figures = _checked_values(values or {})
    update = TaskUpdate.objects.select_for_update().filter(work_item=item, period=period).first()
    if update is None:
        if version:
            raise ValidationFailed("Bản cập nhật đang sửa không còn; hãy mở lại trang.")
        update = TaskUpdate(work_item=item, period=period, author=user)
    elif update.version != version:
        raise _stale("Bản cập nhật này", update.history.first().history_user, update.updated_at)
    else:
        update.version += 1
    work_item_apply(user=user, item=item, status=status, progress=progress, today=today)
    update.narrative = narrative
    update.status, update.progress = item.status, item.progress
    update.spent_vnd = spent_vnd
    save_audited(update, user)
    _replace_values(update, figures, user)
    return update


def _checked_values(values: Mapping[int, int]) -> dict[int, int]:
    figures = {}
    for indicator_id, value in values.items():
        if value is None or value == 0:
            continue
        if not isinstance(value, int) or not 0 <= value <= MAX_INDICATOR_VALUE:
            raise ValidationFailed("Số liệu chỉ tiêu phải là số nguyên không âm.")
        figures[int(indicator_id)] = value
    known = Indicator.objects.in_bulk(list(figures))
    missing = set(figures) - set(known)
    if missing:
        raise ValidationFailed("Có chỉ tiêu không còn trong danh mục; hãy tải lại trang.")
    return figures


def _replace_values(update: TaskUpdate, figures: dict[int, int], user: Any) -> None:
    current = {v.indicator_id: v for v in update.values.all()}
    for indicator_id, row in current.items():
        if indicator_id not in figures:
            row._history_user = user
            row.delete()
    for indicator_id, value in figures.items():
        row = current.get(indicator_id) or UpdateValue(update=update, indicator_id=indicator_id)
        if row.pk and row.value == value:
            continue
        row.value = value
        save_audited(row, user)


# --- unit reports ----------------------------------------------------------------------------

# action → (statuses it starts from, status it leads to, permission)
REPORT_ACTIONS: dict[str, tuple[tuple[str, ...], str, str]] = {
    "send_for_approval": (
        (ReportStatus.DRAFT, ReportStatus.RETURNED),
        ReportStatus.PENDING_APPROVAL,
        "reporting.prepare_report",
    ),
    "approve": (
        (ReportStatus.DRAFT, ReportStatus.RETURNED, ReportStatus.PENDING_APPROVAL),
        ReportStatus.APPROVED,
        "reporting.approve_report",
    ),
    "send_back": (
        (ReportStatus.PENDING_APPROVAL, ReportStatus.APPROVED),
        ReportStatus.DRAFT,
        "reporting.approve_report",
    ),
    "submit": ((ReportStatus.APPROVED,), ReportStatus.SUBMITTED, "reporting.prepare_report"),
    "accept": ((ReportStatus.SUBMITTED,), ReportStatus.ACCEPTED, "reporting.review_report"),
    "return": ((ReportStatus.SUBMITTED,), ReportStatus.RETURNED, "reporting.review_report"),
}
ACTION_LABELS = {
    "send_for_approval": gettext_lazy("Trình lãnh đạo duyệt"),
    "approve": gettext_lazy("Duyệt"),
    "send_back": gettext_lazy("Trả lại để sửa"),
    "submit": gettext_lazy("Gửi cơ quan đầu mối"),
    "accept": gettext_lazy("Tiếp nhận"),
    "return": gettext_lazy("Trả lại đơn vị"),
}


@transaction.atomic
def report_open(*, user: Any, period: ReportingPeriod, unit: Unit) -> UnitReport:
    """The unit's report for the period, created as a draft on first use."""
    require_perm(user, "reporting.view_item", UnitRef(unit))
    report = UnitReport.objects.filter(period=period, unit=unit).first()
    if report is not None:
        return report
    require_perm(user, "reporting.prepare_report", UnitRef(unit))
    report = UnitReport(period=period, unit=unit, prepared_by=user)
    save_audited(report, user)
    return report


@transaction.atomic
def report_save(
    *,
    user: Any,
    report: UnitReport,
    summary: str,
    difficulties: str,
    proposals: str,
    version: int,
    today: dt.date | None = None,
) -> UnitReport:
    require_perm(user, "reporting.prepare_report", report)
    report = UnitReport.objects.select_for_update().select_related("period").get(pk=report.pk)
    if report.version != version:
        raise _stale("Báo cáo này", report.history.first().history_user, _changed_at(report))
    editable_for_unit(
        period=report.period, unit_id=report.unit_id, today=today or timezone.localdate()
    )
    texts = [nfc(t or "").strip() for t in (summary, difficulties, proposals)]
    if any(len(t) > MAX_TEXT for t in texts):
        raise ValidationFailed(
            f"Mỗi phần của báo cáo dài tối đa {MAX_TEXT:,} ký tự.".replace(",", ".")
        )
    report.summary, report.difficulties, report.proposals = texts
    report.prepared_by = user
    report.version += 1
    save_audited(report, user)
    return report


def _changed_at(report: UnitReport) -> dt.datetime:
    record = report.history.first()
    return record.history_date if record else timezone.now()


@transaction.atomic
def report_transition(
    *,
    user: Any,
    report: UnitReport,
    action: str,
    comment: str = "",
    version: int | None = None,
    now: dt.datetime | None = None,
) -> UnitReport:
    """Move the report along its workflow; each move is audited and tells the people next in
    line. A report already sent cannot be sent again (Conflict with when and by whom)."""
    if action not in REPORT_ACTIONS:
        raise ValidationFailed("Thao tác không hợp lệ.")
    sources, target, perm = REPORT_ACTIONS[action]
    require_perm(user, perm, report)
    report = (
        UnitReport.objects.select_for_update()
        .select_related("period__plan", "unit")
        .get(pk=report.pk)
    )
    now = now or timezone.now()
    today = timezone.localdate(now)
    if action == "submit" and report.status in (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED):
        # Said before any version check: a double click must hear "already sent", not "stale".
        raise Conflict(
            f"Báo cáo đã được gửi lúc {timezone.localtime(report.submitted_at):%H:%M %d/%m/%Y}"
            "; không gửi lại lần nữa."
        )
    if version is not None and version != report.version:
        raise _stale("Báo cáo này", report.history.first().history_user, _changed_at(report))
    if report.status not in sources:
        raise Conflict(
            f"Báo cáo đang ở trạng thái “{report.get_status_display()}”; không thực hiện được "
            f"“{ACTION_LABELS[action]}”."
        )
    comment = nfc(comment or "").strip()
    if action in ("return", "send_back") and not comment:
        raise ValidationFailed("Ghi rõ nội dung cần sửa khi trả lại báo cáo.")
    if action in ("send_for_approval", "approve", "submit"):
        reason = period_closed_reason(report.period, ReportStatus.DRAFT, today)
        if reason and report.status != ReportStatus.RETURNED:
            raise ValidationFailed(reason)
    if action in ("send_for_approval", "approve") and not _has_content(report):
        raise ValidationFailed(
            "Báo cáo chưa có nội dung: cập nhật kết quả ít nhất một nhiệm vụ hoặc ghi đánh giá "
            "chung trước khi trình."
        )
    report.status = target
    if action == "approve":
        report.approved_by, report.approved_at = user, now
    elif action == "submit":
        report.submitted_at = now
        report.first_submitted_at = report.first_submitted_at or now
    elif action in ("accept", "return"):
        report.reviewed_by, report.reviewed_at = user, now
        report.review_comment = comment
    elif action == "send_back":
        report.review_comment = comment
    report.version += 1
    report._change_reason = comment[:100] or None
    save_audited(report, user)
    _announce(report, action, user)
    return report


def _has_content(report: UnitReport) -> bool:
    if report.summary.strip():
        return True
    return TaskUpdate.objects.filter(period=report.period, work_item__unit=report.unit).exists()


def report_is_late(report: UnitReport) -> bool:
    first = report.first_submitted_at
    return first is not None and timezone.localdate(first) > report.period.deadline


def _announce(report: UnitReport, action: str, user: Any) -> None:
    url = reverse("reporting:report", args=[report.pk])
    period, unit = report.period, report.unit
    key = f"report:{report.pk}:v{report.version}"
    if action == "send_for_approval":
        users = unit_members([unit.pk], roles=(Role.UNIT_LEADER,))[unit.pk]
        title = f"Báo cáo kỳ {period.name} chờ lãnh đạo duyệt"
    elif action == "submit":
        users = role_recipients((Role.COORDINATOR,))
        late = " (nộp muộn)" if report_is_late(report) else ""
        title = f"{unit.name} đã gửi báo cáo kỳ {period.name}{late}"
    elif action in ("return", "send_back"):
        users = unit_members([unit.pk])[unit.pk]
        title = f"Báo cáo kỳ {period.name} bị trả lại để sửa"
    elif action == "accept":
        users = unit_members([unit.pk])[unit.pk]
        title = f"Cơ quan đầu mối đã tiếp nhận báo cáo kỳ {period.name}"
    else:
        return
    body = report.review_comment if action in ("return", "send_back") else ""
    notify(
        users=[u for u in users if u.pk != getattr(user, "pk", None)],
        messages=[Message(key=key, kind="report", title=title, body=body, url=url)],
    )


def indicator_values_suggested(*, item: WorkItem, period: ReportingPeriod) -> dict[int, int]:
    """For a longer period (6 months, year), the sums of the item's figures in the shorter
    periods it contains: what the unit most likely reports, offered as a starting point."""
    totals: dict[int, int] = {}
    for value in (
        UpdateValue.objects.filter(
            update__work_item=item,
            update__period__plan_id=period.plan_id,
            update__period__starts__gte=period.starts,
            update__period__ends__lte=period.ends,
        )
        .exclude(update__period=period)
        .exclude(update__period__kind__in=_longer_or_equal(period))
    ):
        totals[value.indicator_id] = totals.get(value.indicator_id, 0) + value.value
    return totals


def _longer_or_equal(period: ReportingPeriod) -> Sequence[str]:
    order = [PeriodKind.QUARTER, PeriodKind.HALF, PeriodKind.YEAR]
    if period.kind not in order:
        return [PeriodKind.HALF, PeriodKind.YEAR, PeriodKind.AD_HOC]
    return [*order[order.index(period.kind) :], PeriodKind.AD_HOC]
