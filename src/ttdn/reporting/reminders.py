"""Reminders (đôn đốc): the daily job that warns units before due dates and report deadlines and
when they are missed, the weekly digest per unit, and the official reminder letter the
coordinating agency sends from the dashboard.

Every message carries a key naming its event, and `notify` sends each key to a person once, so
running a job twice (two schedulers, a retried worker) sends nothing new.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from ttdn.core.errors import ValidationFailed
from ttdn.notifications.models import Notification
from ttdn.notifications.services import Message, notify, unit_members
from ttdn.plans.lifecycle import OPEN
from ttdn.plans.models import AssignmentRole, Plan, WorkItem
from ttdn.reporting.models import Reminder, ReportingPeriod, ReportStatus, UnitReport
from ttdn.reporting.selectors import period_completeness
from ttdn.text.normalize import nfc
from ttdn.units.models import Unit
from ttdn.units.services import require_perm, save_audited

# A missed event is still announced when the job catches up within this many days; older
# ones are left to the dashboard (and keep each run's reads bounded).
CATCH_UP_DAYS = 30
DIGEST_AHEAD_DAYS = 14
DIGEST_LOOKBACK_DAYS = 92  # reports still missing from about the last quarter
DIGEST_LIST_MAX = 20
ANSWER_WITHIN_DAYS = 3
REMINDER_KINDS = ("due_soon", "overdue", "deadline")
MAX_REMINDER_TEXT = 20_000


def _d(day: dt.date) -> str:
    return f"{day:%d/%m/%Y}"


def _item_url(item: WorkItem) -> str:
    return reverse("reporting:work_item", args=[item.pk])


def _report_url(period: ReportingPeriod) -> str:
    return reverse("reporting:report_open", args=[period.pk])


def _members(unit_ids: Iterable[int]) -> dict[int, list[Any]]:
    """The officers and leaders who answer for each unit (a sub-unit without accounts: those
    of the unit above it); one query per level of the hierarchy."""
    return defaultdict(list, unit_members(unit_ids))


def _task_name(item: WorkItem) -> str:
    task = item.occurrence.task
    name = task.ref or f"số {task.order}"
    return f"{name} ({item.occurrence.label})" if item.occurrence.label else name


def _plan_name(plan: Plan) -> str:
    document = plan.document
    if document.number:
        dated = f" ngày {_d(document.date)}" if document.date else ""
        return f"{document.kind or 'Kế hoạch'} số {document.number}{dated}"
    return plan.title


def _thresholds() -> list[int]:
    return sorted({int(n) for n in settings.TTDN_REMINDER_DAYS if int(n) >= 0})


def _threshold(days_left: int, thresholds: Sequence[int]) -> int | None:
    """The smallest threshold the remaining days fall within: a first run 1 day before a date
    sends the 1-day reminder only, a run after a missed day still sends the 7-day one."""
    return next((n for n in thresholds if days_left <= n), None)


def _left(days_left: int) -> str:
    return "đến hạn hôm nay" if days_left == 0 else f"còn {days_left} ngày"


def _open_items(*, due_from: dt.date | None, due_to: dt.date | None) -> QuerySet[WorkItem]:
    items = WorkItem.objects.select_related("occurrence__task__plan__document", "unit").filter(
        status__in=OPEN
    )
    if due_from is not None:
        items = items.filter(occurrence__due__gte=due_from)
    if due_to is not None:
        items = items.filter(occurrence__due__lte=due_to)
    return items.order_by("occurrence__due", "occurrence__task__order", "pk")


def _periods(*, deadline_from: dt.date, deadline_to: dt.date) -> list[ReportingPeriod]:
    return list(
        ReportingPeriod.objects.select_related("plan__document")
        .filter(deadline__gte=deadline_from, deadline__lte=deadline_to)
        .order_by("deadline", "pk")
    )


def _reports_missing(
    periods: Iterable[ReportingPeriod], today: dt.date
) -> dict[int, list[tuple[ReportingPeriod, str]]]:
    """Per unit, the periods it is expected to report on and has not submitted (with the
    status of its report if it started one)."""
    missing: dict[int, list[tuple[ReportingPeriod, str]]] = defaultdict(list)
    for period in periods:
        for figures in period_completeness(period=period, today=today).figures.units:
            if not figures.submitted:
                missing[figures.unit_id].append((period, figures.report_status))
    return missing


# --- the daily job ---------------------------------------------------------------------------


def _item_message(item: WorkItem, today: dt.date, thresholds: Sequence[int]) -> Message | None:
    due = item.occurrence.due
    days_left = (due - today).days
    task = item.occurrence.task
    body = (
        f"{task.text[:300]}\nĐơn vị: {item.unit.name} "
        f"({AssignmentRole(item.role).label.lower()}). {_plan_name(task.plan)}."
    )
    if days_left < 0:
        return Message(
            key=f"overdue:{item.pk}:{due.isoformat()}",
            kind="overdue",
            title=f"Nhiệm vụ {_task_name(item)} đã quá hạn từ {_d(due)}",
            body=body,
            url=_item_url(item),
        )
    threshold = _threshold(days_left, thresholds)
    if threshold is None:
        return None
    return Message(
        key=f"due:{item.pk}:{due.isoformat()}:{threshold}",
        kind="due_soon",
        title=f"Nhiệm vụ {_task_name(item)} đến hạn {_d(due)} ({_left(days_left)})",
        body=body,
        url=_item_url(item),
    )


def _deadline_message(
    period: ReportingPeriod,
    unit_id: int,
    report_status: str,
    today: dt.date,
    thresholds: Sequence[int],
) -> Message | None:
    days_left = (period.deadline - today).days
    body = f"{_plan_name(period.plan)}; kỳ báo cáo từ {_d(period.starts)} đến {_d(period.ends)}."
    if report_status:
        body += f"\nBáo cáo của đơn vị đang ở trạng thái “{ReportStatus(report_status).label}”."
    if days_left < 0:
        return Message(
            key=f"deadline-passed:{period.pk}:{unit_id}",
            kind="deadline",
            title=f"Báo cáo kỳ {period.name} đã quá hạn gửi ({_d(period.deadline)})",
            body=body,
            url=_report_url(period),
        )
    threshold = _threshold(days_left, thresholds)
    if threshold is None:
        return None
    return Message(
        key=f"deadline:{period.pk}:{unit_id}:{threshold}",
        kind="deadline",
        title=f"Báo cáo kỳ {period.name} hạn {_d(period.deadline)} ({_left(days_left)})",
        body=body,
        url=_report_url(period),
    )


def reminders_due(*, today: dt.date) -> int:
    """The daily job: due-date, overdue and report-deadline reminders to each unit's officers
    and leaders, one e-mail per person per run. Returns how many notifications were created.

    Reads are bulk (items, periods, recipients, what was already sent), so the number of
    queries does not grow with the number of work items.
    """
    thresholds = _thresholds()
    horizon = today + dt.timedelta(days=max(thresholds, default=-1))
    earliest = today - dt.timedelta(days=CATCH_UP_DAYS)
    by_unit: dict[int, list[Message]] = defaultdict(list)
    for item in _open_items(due_from=earliest, due_to=horizon):
        message = _item_message(item, today, thresholds)
        if message is not None:
            by_unit[item.unit_id].append(message)
    periods = _periods(deadline_from=earliest, deadline_to=horizon)
    for unit_id, missing in _reports_missing(periods, today).items():
        for period, report_status in missing:
            message = _deadline_message(period, unit_id, report_status, today, thresholds)
            if message is not None:
                by_unit[unit_id].append(message)
    # Anything already sent was created at the earliest when its event's first reminder fell.
    since = earliest - dt.timedelta(days=max(thresholds, default=0) + 1)
    return _send(by_unit, since=since)


def _send(by_unit: dict[int, list[Message]], *, since: dt.date) -> int:
    """Each person's messages of the run in one `notify` (one e-mail), skipping what they
    already have. A person may answer for several units (a department and its centre)."""
    people = _members(by_unit)
    held = set(
        Notification.objects.filter(
            user__in=[u for users in people.values() for u in users],
            kind__in=REMINDER_KINDS,
            created_at__gte=_midnight(since),
        ).values_list("user_id", "key")
    )
    return _per_person(by_unit, people, held)


def _per_person(
    by_unit: dict[int, list[Message]],
    people: dict[int, list[Any]],
    held: set[tuple[int, str]] | None = None,
) -> int:
    users: dict[int, Any] = {}
    inbox: dict[int, dict[str, Message]] = defaultdict(dict)
    names = dict(Unit.objects.filter(pk__in=by_unit).values_list("pk", "name"))
    for unit_id, messages in by_unit.items():
        for user in people.get(unit_id, []):
            users[user.pk] = user
            for message in messages:
                if held is not None and (user.pk, message.key) in held:
                    continue
                if user.unit_id != unit_id:  # answering for a sub-unit: say which
                    message = replace(message, title=f"{names[unit_id]}: {message.title}")
                inbox[user.pk].setdefault(message.key, message)
    return sum(
        notify(users=[users[pk]], messages=list(messages.values()))
        for pk, messages in inbox.items()
        if messages
    )


def _midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


# --- the weekly digest -----------------------------------------------------------------------


def weekly_digest(*, today: dt.date) -> int:
    """Per unit with open work (or a report to send), one digest per member for the ISO week:
    counts, then what is overdue, what falls due in the next 14 days, which reports to send."""
    year, week, _ = today.isocalendar()
    soon = today + dt.timedelta(days=DIGEST_AHEAD_DAYS)
    open_count: dict[int, int] = defaultdict(int)
    overdue: dict[int, list[WorkItem]] = defaultdict(list)
    due_soon: dict[int, list[WorkItem]] = defaultdict(list)
    for item in _open_items(due_from=None, due_to=None):
        open_count[item.unit_id] += 1
        if item.occurrence.due < today:
            overdue[item.unit_id].append(item)
        elif item.occurrence.due <= soon:
            due_soon[item.unit_id].append(item)
    periods = _periods(
        deadline_from=today - dt.timedelta(days=DIGEST_LOOKBACK_DAYS), deadline_to=soon
    )
    reports = _reports_missing(periods, today)
    by_unit = {}
    for unit_id in set(open_count) | set(reports):
        lines = _digest_lines(overdue[unit_id], due_soon[unit_id], reports.get(unit_id, []))
        title = (
            f"Tổng hợp tuần {week}/{year}: {open_count[unit_id]} phần việc chưa hoàn thành, "
            f"{len(overdue[unit_id])} quá hạn, {len(due_soon[unit_id])} sắp đến hạn, "
            f"{len(reports.get(unit_id, []))} báo cáo cần gửi"
        )
        by_unit[unit_id] = [
            Message(
                key=f"digest:{unit_id}:{year}-W{week:02d}",
                kind="digest",
                title=title,
                body="\n".join(lines),
                url=reverse("reporting:my_work"),
            )
        ]
    return _per_person(by_unit, _members(by_unit))


def _digest_lines(
    overdue: list[WorkItem],
    due_soon: list[WorkItem],
    reports: list[tuple[ReportingPeriod, str]],
) -> list[str]:
    lines: list[str] = []
    sections = (
        ("Quá hạn:", [f"- {_task_name(i)}: hạn {_d(i.occurrence.due)}" for i in overdue]),
        (
            f"Đến hạn trong {DIGEST_AHEAD_DAYS} ngày tới:",
            [f"- {_task_name(i)}: hạn {_d(i.occurrence.due)}" for i in due_soon],
        ),
        (
            "Báo cáo cần gửi:",
            [f"- Kỳ {p.name}: hạn {_d(p.deadline)}" for p, _status in reports],
        ),
    )
    for heading, rows in sections:
        if not rows:
            continue
        lines += [heading, *rows[:DIGEST_LIST_MAX]]
        if len(rows) > DIGEST_LIST_MAX:
            lines.append(f"- … và {len(rows) - DIGEST_LIST_MAX} mục khác")
    return lines or ["Không có việc quá hạn, sắp đến hạn hay báo cáo cần gửi."]


# --- the official reminder (công văn đôn đốc) ------------------------------------------------


def _plan_citation(plan: Plan) -> str:
    document = plan.document
    title = plan.title or document.title
    if len(title) > 1 and title[0].isupper() and title[1].islower():
        title = title[0].lower() + title[1:]  # "về công tác …", but "về UBND …" stays
    parts = [_plan_name(plan)]
    if document.number and document.issuer:
        parts.append(f"của {document.issuer}")
    if document.number and title:
        parts.append(f"về {title}")
    return " ".join(parts)


def _report_paragraph(
    period: ReportingPeriod, unit: Unit, report: UnitReport | None, today: dt.date
) -> str:
    name, deadline = period.name, _d(period.deadline)
    if report is not None and report.status == ReportStatus.RETURNED:
        return (
            f"Báo cáo kỳ {name} của {unit.name} đã được trả lại để bổ sung, chỉnh sửa nhưng "
            f"đến ngày {_d(today)} đơn vị chưa gửi lại."
        )
    if report is not None and report.first_submitted_at is not None:
        sent = timezone.localdate(report.first_submitted_at)
        if sent > period.deadline:
            return (
                f"Báo cáo kỳ {name} của {unit.name} được gửi ngày {_d(sent)}, chậm so với "
                f"thời hạn quy định (ngày {deadline})."
            )
        return f"{unit.name} đã gửi báo cáo kỳ {name} ngày {_d(sent)}."
    state = ""
    if report is not None:
        state = f" (báo cáo đang ở trạng thái “{ReportStatus(report.status).label.lower()}”)"
    if today > period.deadline:
        return (
            f"Đến ngày {_d(today)}, đã quá thời hạn gửi báo cáo (ngày {deadline}) nhưng "
            f"{unit.name} chưa gửi báo cáo kỳ {name}{state}."
        )
    return (
        f"Đến ngày {_d(today)}, {unit.name} chưa gửi báo cáo kỳ {name}{state}; hạn gửi là "
        f"ngày {deadline}."
    )


def reminder_draft(*, period: ReportingPeriod, unit: Unit, today: dt.date) -> tuple[str, str]:
    """The reminder letter's subject and text, for the coordinating agency to edit and send."""
    report = UnitReport.objects.filter(period=period, unit=unit).first()
    overdue = list(
        WorkItem.objects.select_related("occurrence__task")
        .filter(unit=unit, occurrence__task__plan_id=period.plan_id, status__in=OPEN)
        .filter(occurrence__due__lt=today)
        .order_by("occurrence__due", "occurrence__task__order", "pk")
    )
    missing_report = (
        report is None
        or report.status == ReportStatus.RETURNED
        or (report.first_submitted_at is None)
    )
    subject = "V/v đôn đốc báo cáo kết quả thực hiện nhiệm vụ thông tin đối ngoại kỳ " + period.name
    paragraphs = [
        f"Kính gửi: {unit.name}.",
        f"Thực hiện {_plan_citation(period.plan)}, các cơ quan, đơn vị được giao nhiệm vụ báo "
        f"cáo kết quả thực hiện kỳ {period.name} (từ ngày {_d(period.starts)} đến ngày "
        f"{_d(period.ends)}) trước ngày {_d(period.deadline)}.",
        _report_paragraph(period, unit, report, today),
    ]
    if overdue:
        rows = [
            f"- Nhiệm vụ {_task_name(i)}: {i.occurrence.task.text[:200]} "
            f"(hạn ngày {_d(i.occurrence.due)})."
            for i in overdue
        ]
        paragraphs.append(
            f"Theo dõi trên hệ thống, đơn vị còn {len(overdue)} nhiệm vụ đã quá hạn nhưng chưa "
            "hoàn thành:\n" + "\n".join(rows)
        )
    asks = []
    if overdue:
        asks.append("cập nhật kết quả thực hiện các nhiệm vụ quá hạn nêu trên")
    if missing_report:
        asks.append(f"hoàn thiện, gửi báo cáo kỳ {period.name}")
    if not asks:
        asks.append("tiếp tục cập nhật đầy đủ kết quả thực hiện nhiệm vụ")
    answer_by = today + dt.timedelta(days=ANSWER_WITHIN_DAYS)
    paragraphs += [
        f"Để bảo đảm tiến độ tổng hợp, báo cáo cấp có thẩm quyền, đề nghị {unit.name} khẩn "
        f"trương {' và '.join(asks)} trên Hệ thống quản lý công tác thông tin đối ngoại, hoàn "
        f"thành trước ngày {_d(answer_by)}.",
        "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, đề nghị đơn vị kịp thời phản "
        "ánh về cơ quan đầu mối để được hướng dẫn./.",
        "Nơi nhận:\n- Như trên;\n- Lưu: VT.",
    ]
    return subject, "\n\n".join(paragraphs)


@transaction.atomic
def reminder_send(
    *, user: Any, period: ReportingPeriod, unit: Unit, subject: str, text: str, token: str
) -> Reminder:
    """Record the reminder and notify the unit's officers and leaders. The form's `token`
    makes it idempotent: sending the same form again returns the first reminder, sends nothing."""
    require_perm(user, "reporting.send_reminder")
    token = (token or "").strip()
    if not token or len(token) > 64:
        raise ValidationFailed("Biểu mẫu không hợp lệ; tải lại trang rồi gửi lại.")
    existing = Reminder.objects.filter(token=token).first()
    if existing is not None:
        return existing
    subject, text = nfc(subject or "").strip(), nfc(text or "").strip()
    if not subject or not text:
        raise ValidationFailed("Nhập trích yếu và nội dung văn bản đôn đốc.")
    if len(subject) > 255 or len(text) > MAX_REMINDER_TEXT:
        raise ValidationFailed("Trích yếu dài tối đa 255 ký tự, nội dung tối đa 20.000 ký tự.")
    users = unit_members([unit.pk])[unit.pk]
    reminder = Reminder(
        period=period,
        unit=unit,
        token=token,
        subject=subject,
        text=text,
        sent_by=user,
        recipients=len(users),
    )
    try:
        with transaction.atomic():
            save_audited(reminder, user)
    except IntegrityError:  # the same form sent twice at the same moment
        return Reminder.objects.get(token=token)
    message = Message(
        key=f"reminder:{reminder.pk}",
        kind="reminder",
        title=subject,
        body=text,
        url=_report_url(period),
    )
    notify(users=users, messages=[message])
    return reminder
