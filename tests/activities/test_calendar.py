"""The month calendar: filters, scoping, a query count that does not grow with the number of
events, and the iCalendar export."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.test import Client
from icalendar import Calendar

from tests.conftest import World
from tests.press.conftest import visit_args
from ttdn.activities.services import activity_create
from ttdn.press.services import ReporterData, visit_create
from ttdn.press.services_events import delegation_create, press_event_create
from ttdn.units.models import Role

D = dt.date


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def add_events(world: World, n: int, first: int = 0) -> None:
    officer = world.users[Role.UNIT_OFFICER]
    for i in range(first, first + n):
        day = D(2026, 5, 1 + i % 28)
        activity_create(
            actor=officer,
            unit=world.foreign_affairs,
            kind="exhibition",
            title=f"Triển lãm {i}",
            starts=day,
            place="Đông Hà",
        )
        delegation_create(
            actor=officer,
            unit=world.foreign_affairs,
            direction="in",
            country="LA",
            organisation=f"Tỉnh Savannakhet {i}",
            size=5,
            leader="Ông A",
            starts=day,
            ends=day,
            purpose="Hợp tác",
        )
        press_event_create(
            actor=officer,
            unit=world.foreign_affairs,
            kind="briefing",
            title=f"Giao ban {i}",
            starts_at=dt.datetime(2026, 5, 1 + i % 28, 14, 0),
            place="Sở",
            chair="Giám đốc",
            topics="Biển đảo",
        )
        visit_create(
            **visit_args(
                world,
                title=f"Đoàn {i}",
                starts=day,
                ends=day,
                programme=[],
                accompanying_units=[],
                reporters=[ReporterData(f"Reporter {i}", "JP", f"Outlet {i}")],
            )
        )


def test_query_count_does_not_grow_with_events(
    world: World, django_assert_max_num_queries: Any
) -> None:
    client = client_for(world.users[Role.UNIT_OFFICER])
    add_events(world, 2)
    with django_assert_max_num_queries(30) as few:
        assert client.get("/activities/calendar/?year=2026&month=5").status_code == 200
    add_events(world, 20, first=2)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/activities/calendar/?year=2026&month=5")
    page = response.content.decode()
    assert page.count('class="ev ev-visit"') == 22
    assert page.count('class="ev ev-press"') == 22


def test_filters_by_kind_and_scope(world: World) -> None:
    add_events(world, 1)
    officer = client_for(world.users[Role.UNIT_OFFICER])
    page = officer.get("/activities/calendar/?year=2026&month=5&kind=visit").content.decode()
    assert page.count('class="ev ev-visit"') == 1
    assert "ev-delegation" not in page
    police = client_for(world.users[Role.VIEWER])
    assert (
        police.get(f"/activities/calendar/?year=2026&month=5&unit={world.police.pk}")
        .content.decode()
        .count('class="ev ')
        == 0
    )
    from tests.factories import UserFactory

    stranger = client_for(UserFactory(username="ca2", role=Role.UNIT_OFFICER, unit=world.police))
    assert (
        stranger.get("/activities/calendar/?year=2026&month=5").content.decode().count('class="ev ')
        == 0
    )


def test_icalendar_export(world: World) -> None:
    add_events(world, 1)
    response = client_for(world.users[Role.UNIT_OFFICER]).get(
        "/activities/calendar.ics?year=2026&month=5"
    )
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="ttdn-2026-05.ics"'
    cal = Calendar.from_ical(response.content)
    events = {str(e["summary"]): e for e in cal.walk("VEVENT")}
    assert sorted(events) == [
        "[Hoạt động] Triển lãm 0",
        "[Họp báo, giao ban] Giao ban 0",
        "[Đoàn phóng viên] Đoàn 0",
        "[Đoàn vào, đoàn ra] Đoàn vào: Tỉnh Savannakhet 0",
    ]
    visit = events["[Đoàn phóng viên] Đoàn 0"]
    assert visit["dtstart"].dt == D(2026, 5, 1)
    assert visit["dtend"].dt == D(2026, 5, 2)  # exclusive end of an all-day event
    briefing = events["[Họp báo, giao ban] Giao ban 0"]
    assert briefing["dtstart"].dt.astimezone(dt.timezone(dt.timedelta(hours=7))).hour == 14


def test_month_marks_the_days_off(world: World) -> None:
    page = (
        client_for(world.users[Role.UNIT_OFFICER])
        .get("/activities/calendar/?year=2026&month=4")
        .content.decode()
    )
    assert page.count('<small class="holiday">Giỗ Tổ Hùng Vương</small>') == 2  # 26/4 and 27/4
    # 30/4, and 1/5 in the last row of the grid (the week runs to Sunday 3/5)
    victory = '<small class="holiday">Ngày Chiến thắng và Quốc tế Lao động</small>'
    assert page.count(victory) == 2
    # days off in April: 8 weekend days, Monday 27/4, Thursday 30/4; shown from May: 1, 2, 3/5
    assert page.count('class=" off"') == 10
    assert page.count('class="other off"') == 3


def test_activity_list_shows_the_year_figures(
    world: World, django_assert_max_num_queries: Any
) -> None:
    import time_machine

    client = client_for(world.users[Role.UNIT_OFFICER])
    add_events(world, 2)
    with time_machine.travel(dt.datetime(2026, 6, 1, 9, 0), tick=False):
        with django_assert_max_num_queries(25) as few:
            page = client.get("/activities/").content.decode()
        assert "Số hoạt động tập huấn, hội nghị: <strong>0</strong>" in page
        assert (
            "Số đoàn phóng viên (trừ bị từ chối) và đoàn vào, đoàn ra: <strong>4</strong>" in page
        )
        assert "Số cuộc họp báo, giao ban báo chí: <strong>2</strong>" in page
        add_events(world, 10, first=2)
        with django_assert_max_num_queries(len(few.captured_queries)):
            page = client.get("/activities/").content.decode()
        assert "Số cuộc họp báo, giao ban báo chí: <strong>12</strong>" in page
