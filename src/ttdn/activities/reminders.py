"""Reminders before the dates of the calendar: a visit's start, the answer due on a request, the
report due after a programme, a delegation's start, a press event, an activity. Sent to the
host unit's officers and leader at the TTDN_REMINDER_DAYS thresholds; each event once."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from ttdn.activities.models import Activity
from ttdn.notifications.services import Message, notify, unit_members
from ttdn.press.models import Delegation, PressEvent, Visit, VisitStatus


@dataclass(frozen=True)
class Due:
    key: str
    unit_id: int
    day: dt.date
    title: str
    url: str


def _thresholds() -> list[int]:
    return sorted({int(n) for n in settings.TTDN_REMINDER_DAYS if int(n) >= 0})


def _dues(today: dt.date, horizon: dt.date) -> list[Due]:
    """What falls between today and the horizon; five queries."""
    dues: list[Due] = []
    window = Q(starts__gte=today, starts__lte=horizon)
    for visit in Visit.objects.filter(
        window, status__in=[VisitStatus.PROPOSED, VisitStatus.APPROVED]
    ):
        url = reverse("press:visit", args=[visit.pk])
        dues.append(
            Due(
                f"visit-start:{visit.pk}",
                visit.unit_id,
                visit.starts,
                f"Đoàn phóng viên “{visit.title}” bắt đầu",
                url,
            )
        )
    answers = Visit.objects.filter(
        status=VisitStatus.PROPOSED, answer_due__gte=today, answer_due__lte=horizon
    )
    for visit in answers:
        url = reverse("press:visit", args=[visit.pk])
        dues.append(
            Due(
                f"visit-answer:{visit.pk}",
                visit.unit_id,
                visit.answer_due,
                f"Hạn trả lời đề nghị của đoàn “{visit.title}”",
                url,
            )
        )  # type: ignore[arg-type]
    reports = Visit.objects.filter(
        status=VisitStatus.FINISHED,
        reported_on__isnull=True,
        report_due__gte=today,
        report_due__lte=horizon,
    )
    for visit in reports:
        url = reverse("press:visit", args=[visit.pk])
        dues.append(
            Due(
                f"visit-report:{visit.pk}",
                visit.unit_id,
                visit.report_due,
                f"Hạn báo cáo kết quả đoàn “{visit.title}”",
                url,
            )
        )  # type: ignore[arg-type]
    for row in Delegation.objects.filter(window):
        dues.append(
            Due(
                f"delegation:{row.pk}",
                row.unit_id,
                row.starts,
                f"{row} bắt đầu",
                reverse("press:delegation", args=[row.pk]),
            )
        )
    start = timezone.make_aware(dt.datetime.combine(today, dt.time.min))
    end = timezone.make_aware(dt.datetime.combine(horizon + dt.timedelta(days=1), dt.time.min))
    for event in PressEvent.objects.filter(starts_at__gte=start, starts_at__lt=end):
        local = timezone.localtime(event.starts_at)
        dues.append(
            Due(
                f"press:{event.pk}",
                event.unit_id,
                local.date(),
                f"{event.get_kind_display()} “{event.title}” lúc {local:%H:%M}",
                reverse("press:press_event", args=[event.pk]),
            )
        )
    for activity in Activity.objects.filter(window):
        dues.append(
            Due(
                f"activity:{activity.pk}",
                activity.unit_id,
                activity.starts,
                f"{activity.get_kind_display()} “{activity.title}” bắt đầu",
                reverse("activities:detail", args=[activity.pk]),
            )
        )
    return dues


def calendar_reminders(*, today: dt.date) -> int:
    """Notify each unit of what is due within a threshold; the threshold is part of the key,
    so the 7-day and the 1-day reminders are two events, each sent once."""
    thresholds = _thresholds()
    if not thresholds:
        return 0
    dues = _dues(today, today + dt.timedelta(days=max(thresholds)))
    people = unit_members({due.unit_id for due in dues})
    by_unit: dict[int, list[Message]] = defaultdict(list)
    for due in dues:
        left = (due.day - today).days
        threshold = next(n for n in thresholds if left <= n)
        when = "hôm nay" if left == 0 else f"còn {left} ngày ({due.day:%d/%m/%Y})"
        by_unit[due.unit_id].append(
            Message(
                key=f"{due.key}:{due.day.isoformat()}:{threshold}",
                kind="calendar",
                title=f"{due.title}: {when}",
                url=due.url,
            )
        )
    return sum(
        notify(users=people.get(unit_id, []), messages=messages)
        for unit_id, messages in by_unit.items()
    )
