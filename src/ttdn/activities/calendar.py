"""The month calendar of visits, delegations, press events and activities, and its iCalendar
export: one query per kind of record whatever the number of events, scoped like every list."""

from __future__ import annotations

import calendar as month_grid
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from ttdn.activities.models import Activity
from ttdn.press.deadlines import work_calendar
from ttdn.press.models import Delegation, PressEvent, Visit, VisitStatus
from ttdn.units.selectors import unit_scope_ids, unit_subtree_ids

KINDS = {
    "visit": "Đoàn phóng viên",
    "delegation": "Đoàn vào, đoàn ra",
    "press": "Họp báo, giao ban",
    "activity": "Hoạt động",
}


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    kind: str
    title: str
    starts: dt.date
    ends: dt.date
    unit: str
    url: str
    at: dt.datetime | None = None  # a press event's hour
    status: str = ""

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind]


def _scope(user: Any, unit_id: int | None) -> set[int] | None:
    scope = unit_scope_ids(user)
    if unit_id is None:
        return scope
    wanted = unit_subtree_ids(unit_id)
    return wanted if scope is None else wanted & scope


def _visits(first: dt.date, last: dt.date, units: set[int] | None) -> Iterable[CalendarEvent]:
    rows = Visit.objects.select_related("unit").filter(starts__lte=last, ends__gte=first)
    rows = rows.exclude(status=VisitStatus.REFUSED)
    if units is not None:
        rows = rows.filter(unit_id__in=units)
    for row in rows.order_by("starts", "pk"):
        yield CalendarEvent(
            f"visit-{row.pk}",
            "visit",
            row.title,
            row.starts,
            row.ends,
            row.unit.name,
            reverse("press:visit", args=[row.pk]),
            status=str(row.get_status_display()),
        )


def _delegations(first: dt.date, last: dt.date, units: set[int] | None) -> Iterable[CalendarEvent]:
    rows = Delegation.objects.select_related("unit").filter(starts__lte=last, ends__gte=first)
    if units is not None:
        rows = rows.filter(unit_id__in=units)
    for row in rows.order_by("starts", "pk"):
        yield CalendarEvent(
            f"delegation-{row.pk}",
            "delegation",
            str(row),
            row.starts,
            row.ends,
            row.unit.name,
            reverse("press:delegation", args=[row.pk]),
        )


def _press_events(first: dt.date, last: dt.date, units: set[int] | None) -> Iterable[CalendarEvent]:
    start = timezone.make_aware(dt.datetime.combine(first, dt.time.min))
    end = timezone.make_aware(dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min))
    rows = PressEvent.objects.select_related("unit").filter(starts_at__gte=start, starts_at__lt=end)
    if units is not None:
        rows = rows.filter(unit_id__in=units)
    for row in rows.order_by("starts_at", "pk"):
        day = timezone.localtime(row.starts_at).date()
        yield CalendarEvent(
            f"press-{row.pk}",
            "press",
            row.title,
            day,
            day,
            row.unit.name,
            reverse("press:press_event", args=[row.pk]),
            at=row.starts_at,
        )


def _activities(first: dt.date, last: dt.date, units: set[int] | None) -> Iterable[CalendarEvent]:
    rows = Activity.objects.select_related("unit").filter(starts__lte=last, ends__gte=first)
    if units is not None:
        rows = rows.filter(unit_id__in=units)
    for row in rows.order_by("starts", "pk"):
        yield CalendarEvent(
            f"activity-{row.pk}",
            "activity",
            row.title,
            row.starts,
            row.ends,
            row.unit.name,
            reverse("activities:detail", args=[row.pk]),
            status=str(row.get_kind_display()),
        )


SOURCES = {
    "visit": _visits,
    "delegation": _delegations,
    "press": _press_events,
    "activity": _activities,
}


def calendar_events(
    *,
    user: Any,
    first: dt.date,
    last: dt.date,
    kinds: Iterable[str] = (),
    unit_id: int | None = None,
) -> list[CalendarEvent]:
    """Events touching [first, last] of the chosen kinds (all when none), by start date."""
    units = _scope(user, unit_id)
    chosen = [k for k in SOURCES if not kinds or k in set(kinds)]
    events = [event for kind in chosen for event in SOURCES[kind](first, last, units)]
    return sorted(
        events, key=lambda e: (e.starts, e.at or dt.datetime.min.replace(tzinfo=dt.UTC), e.uid)
    )


@dataclass(frozen=True)
class MonthDay:
    day: dt.date
    in_month: bool
    events: tuple[CalendarEvent, ...]
    holiday: str = ""  # the public holiday or compensation day off, from the work calendar
    working: bool = True


def month_weeks(year: int, month: int, events: Iterable[CalendarEvent]) -> list[list[MonthDay]]:
    """Weeks Monday to Sunday covering the month; a multi-day event shows on each of its days."""
    by_day: dict[dt.date, list[CalendarEvent]] = defaultdict(list)
    weeks = month_grid.Calendar(firstweekday=0).monthdatescalendar(year, month)
    shown = {day for week in weeks for day in week}
    for event in events:
        day = event.starts
        while day <= event.ends:
            if day in shown:
                by_day[day].append(event)
            day += dt.timedelta(days=1)
    work = work_calendar()
    return [
        [
            MonthDay(
                day,
                day.month == month,
                tuple(by_day[day]),
                work.occasion_of(day) or "",
                work.is_working_day(day),
            )
            for day in week
        ]
        for week in weeks
    ]


def icalendar_bytes(events: Iterable[CalendarEvent]) -> bytes:
    """RFC 5545 text: all-day events end the day after (DTEND is exclusive), press events
    carry their hour; UIDs are stable so a calendar that re-imports updates, not duplicates."""
    cal = Calendar()
    cal.add("prodid", "-//TTĐN//Lịch hoạt động thông tin đối ngoại//VI")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "TTĐN")
    site = settings.TTDN_SITE_URL.rstrip("/")
    host = site.split("//", 1)[-1].split("/", 1)[0] or "ttdn"
    stamp = timezone.now()
    for event in events:
        item = Event()
        item.add("uid", f"{event.uid}@{host}")
        item.add("dtstamp", stamp)
        item.add("summary", f"[{KINDS[event.kind]}] {event.title}")
        if event.at is not None:
            item.add("dtstart", event.at)
            item.add("dtend", event.at + dt.timedelta(hours=2))
        else:
            item.add("dtstart", event.starts)
            item.add("dtend", event.ends + dt.timedelta(days=1))
        item.add("description", f"{event.unit}\n{site}{event.url}")
        item.add("url", f"{site}{event.url}")
        cal.add_component(item)
    return bytes(cal.to_ical())
