"""The coordinating agency's pages: periods, the completeness dashboard and its drill-downs, a
unit's scorecard, pausing a task and the reminder letter — who may see and do what, the figures
against data built through the services, bad input kept on the form, fixed query counts."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import UnitFactory, UserFactory
from tests.reporting.conftest import Tracked, at
from ttdn.plans.models import AssignmentRole, ResolutionStatus, Task, TaskAssignment, WorkItem
from ttdn.plans.tracking import work_items_sync
from ttdn.reporting.models import Reminder, ReportingPeriod, ReportStatus, UnitReport
from ttdn.reporting.services import (
    report_open,
    report_save,
    report_transition,
    task_update_save,
)
from ttdn.units.models import Role, User

Q1 = "Quý I/2026"


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def as_role(tracked: Tracked, role: str) -> Client:
    return client_for(tracked.world.users[role])


def police_officer(tracked: Tracked) -> User:
    return UserFactory(username="cong-an", role=Role.UNIT_OFFICER, unit=tracked.world.police)


def submit_q1(tracked: Tracked, when: dt.datetime, *, accept: bool = False) -> UnitReport:
    """Sở Ngoại vụ finishes its Q1 bulletin and sends its Q1 report on `when`."""
    officer = tracked.world.users["unit_officer"]
    leader = tracked.world.users["unit_leader"]
    period = tracked.periods[Q1]
    with time_machine.travel(when, tick=False):
        task_update_save(
            user=officer,
            item=tracked.item("II.3", "T-SNGV", seq=1),
            period=period,
            narrative="Đã phát hành bản tin quý I.",
            status="done",
            progress=100,
            version=0,
        )
        report = report_open(user=officer, period=period, unit=tracked.world.foreign_affairs)
        report = report_save(
            user=officer,
            report=report,
            summary="Hoàn thành.",
            difficulties="",
            proposals="",
            version=report.version,
        )
        report = report_transition(user=officer, report=report, action="send_for_approval")
        report = report_transition(user=leader, report=report, action="approve")
        report = report_transition(user=officer, report=report, action="submit")
        if accept:
            report = report_transition(
                user=tracked.world.users["coordinator"], report=report, action="accept"
            )
    return report


# --- periods ---------------------------------------------------------------------------------


def periods_url(tracked: Tracked) -> str:
    return reverse("reporting:periods", args=[tracked.plan.pk])


@pytest.mark.parametrize(
    ("role", "forms", "counts"),
    [
        ("coordinator", True, True),
        ("admin", True, True),
        ("viewer", False, True),
        ("unit_officer", False, False),
        ("unit_leader", False, False),
    ],
)
def test_periods_page_by_role(tracked: Tracked, role: str, forms: bool, counts: bool) -> None:
    submit_q1(tracked, at(2026, 3, 14))
    response = as_role(tracked, role).get(periods_url(tracked))
    assert response.status_code == 200
    html = response.content.decode()
    assert "15/03/2026" in html  # every role reads the deadlines
    assert [r["period"].name for r in response.context["rows"]] == [
        "Quý I/2026",
        "6 tháng đầu năm 2026",
        "Quý II/2026",
        "Quý III/2026",
        "Năm 2026",
        "Quý IV/2026",
    ]  # by end date, the longer period first
    assert ("Tạo các kỳ mặc định (4 quý, 6 tháng, năm)" in html) is forms
    assert (response.context["create_form"] is not None) is forms
    assert all((r["form"] is not None) is forms for r in response.context["rows"])
    first = response.context["rows"][0]["counts"]
    assert first == ([("Đã gửi cơ quan đầu mối", 1)] if counts else None)


@pytest.mark.parametrize("role", ["viewer", "unit_officer", "unit_leader", "content_editor"])
def test_period_writes_are_refused_to_others(tracked: Tracked, role: str) -> None:
    client = as_role(tracked, role)
    period = tracked.periods[Q1]
    ReportingPeriod.objects.filter(name="Năm 2026").delete()
    before = list(
        ReportingPeriod.objects.order_by("pk").values_list(
            "pk", "name", "deadline", "lock_after_deadline"
        )
    )
    create = client.post(
        periods_url(tracked),
        {"kind": "ad_hoc", "name": "Đợt cao điểm", "starts": "01/04/2026", "ends": "30/04/2026"},
    )
    defaults = client.post(reverse("reporting:periods_defaults", args=[tracked.plan.pk]))
    edit = client.post(
        reverse("reporting:period_edit", args=[period.pk]),
        {f"p{period.pk}-name": "Đổi tên", f"p{period.pk}-deadline": "20/03/2026"},
    )
    assert (create.status_code, defaults.status_code, edit.status_code) == (403, 403, 403)
    after = list(
        ReportingPeriod.objects.order_by("pk").values_list(
            "pk", "name", "deadline", "lock_after_deadline"
        )
    )
    assert after == before


def test_period_create_and_bad_input_kept_on_the_form(tracked: Tracked) -> None:
    client = as_role(tracked, "coordinator")
    backwards = client.post(
        periods_url(tracked),
        {
            "kind": "ad_hoc",
            "name": "Đợt cao điểm tháng 4",
            "starts": "30/04/2026",
            "ends": "01/04/2026",
        },
    )
    assert backwards.status_code == 400
    html = backwards.content.decode()
    assert "Ngày kết thúc kỳ phải sau ngày bắt đầu." in html
    assert 'value="Đợt cao điểm tháng 4"' in html and 'value="30/04/2026"' in html
    duplicate = client.post(
        periods_url(tracked),
        {"kind": "quarter", "name": Q1, "starts": "01/01/2026", "ends": "31/03/2026"},
    )
    assert duplicate.status_code == 400
    assert "Kế hoạch đã có kỳ báo cáo “Quý I/2026”." in duplicate.content.decode()
    bad_date = client.post(
        periods_url(tracked),
        {"kind": "ad_hoc", "name": "Đợt 2", "starts": "31/02/2026", "ends": "30/04/2026"},
    )
    assert bad_date.status_code == 400
    assert "Ngày không hợp lệ; ghi theo dạng dd/mm/yyyy." in bad_date.content.decode()
    assert ReportingPeriod.objects.filter(plan=tracked.plan).count() == 6
    created = client.post(
        periods_url(tracked),
        {
            "kind": "ad_hoc",
            "name": "Đợt cao điểm tháng 4",
            "starts": "01/04/2026",
            "ends": "30/04/2026",
        },
    )
    assert created.status_code == 302
    period = ReportingPeriod.objects.get(name="Đợt cao điểm tháng 4")
    # No deadline given: the 15th of the period's last month, as the plan's 15/11.
    assert (period.starts, period.ends, period.deadline, period.lock_after_deadline) == (
        dt.date(2026, 4, 1),
        dt.date(2026, 4, 30),
        dt.date(2026, 4, 15),
        False,
    )


def test_create_form_shows_the_default_deadline(tracked: Tracked) -> None:
    html = as_role(tracked, "coordinator").get(periods_url(tracked)).content.decode()
    assert 'placeholder="15/11/2026"' in html  # the plan's report deadline, for the year


def test_default_periods_are_created_once(tracked: Tracked) -> None:
    ReportingPeriod.objects.filter(plan=tracked.plan, name__in=["Năm 2026", Q1]).delete()
    client = as_role(tracked, "coordinator")
    url = reverse("reporting:periods_defaults", args=[tracked.plan.pk])
    first = client.post(url, follow=True)
    assert "Đã tạo 2 kỳ báo cáo: Quý I/2026, Năm 2026." in first.content.decode()
    assert ReportingPeriod.objects.filter(plan=tracked.plan).count() == 6
    second = client.post(url, follow=True)
    assert "không tạo thêm kỳ nào" in second.content.decode()
    assert ReportingPeriod.objects.filter(plan=tracked.plan).count() == 6


def test_lock_toggling_and_edit_errors(tracked: Tracked) -> None:
    period = tracked.periods[Q1]
    client = as_role(tracked, "coordinator")
    url = reverse("reporting:period_edit", args=[period.pk])
    p = f"p{period.pk}-"
    with time_machine.travel(at(2026, 4, 2), tick=False):
        locked = client.post(
            url,
            {p + "name": Q1, p + "deadline": "15/03/2026", p + "lock_after_deadline": "on"},
            follow=True,
        )
        period.refresh_from_db()
        assert period.lock_after_deadline is True
        assert locked.context["rows"][0]["locked"] is True
        assert "Đã khóa" in locked.content.decode()
        client.post(url, {p + "name": Q1, p + "deadline": "15/03/2026"})
        period.refresh_from_db()
        assert period.lock_after_deadline is False
    early = client.post(url, {p + "name": "Quý I", p + "deadline": "20/12/2025"})
    assert early.status_code == 400
    html = early.content.decode()
    assert "Hạn gửi báo cáo không được trước ngày bắt đầu kỳ." in html
    assert 'value="Quý I"' in html and 'value="20/12/2025"' in html
    taken = client.post(url, {p + "name": "Quý II/2026", p + "deadline": "15/03/2026"})
    assert "Kế hoạch đã có kỳ báo cáo “Quý II/2026”." in taken.content.decode()
    period.refresh_from_db()
    assert (period.name, period.deadline) == (Q1, dt.date(2026, 3, 15))


# --- dashboard -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status", "remind"),
    [
        ("coordinator", 200, True),
        ("admin", 200, True),
        ("viewer", 200, False),
        ("unit_officer", 403, False),
        ("unit_leader", 403, False),
        ("content_editor", 403, False),
    ],
)
def test_dashboard_pages_by_role(tracked: Tracked, role: str, status: int, remind: bool) -> None:
    client = as_role(tracked, role)
    period = tracked.periods[Q1]
    unit = tracked.world.foreign_affairs
    urls = [
        reverse("reporting:dashboard"),
        reverse("reporting:dashboard_unit", args=[period.pk, unit.pk]),
        reverse("reporting:dashboard_section", args=[period.pk]) + "?name=NHIỆM VỤ TRỌNG TÂM",
    ]
    with time_machine.travel(at(2026, 4, 1), tick=False):
        responses = [client.get(url) for url in urls]
    assert [r.status_code for r in responses] == [status] * 3
    if status == 200:
        assert responses[0].context["can_remind"] is remind
        link = reverse("reporting:reminder", args=[period.pk, unit.pk])
        assert (link in responses[0].content.decode()) is remind


def test_dashboard_figures_match_the_data(tracked: Tracked) -> None:
    report = submit_q1(tracked, at(2026, 3, 14), accept=True)
    with time_machine.travel(at(2026, 4, 1), tick=False):
        response = as_role(tracked, "coordinator").get(reverse("reporting:dashboard"))
    ctx = response.context
    assert ctx["period"].name == Q1  # the deadline nearest to 01/04 is 15/03
    assert ctx["headline"] == [
        ("Đơn vị phải báo cáo", "4", ""),
        ("Đã gửi báo cáo", "1", "25%"),
        ("Gửi đúng hạn", "1", "25%"),
        ("Đã tiếp nhận", "1", "25%"),
        ("Bị trả lại", "0", ""),
    ]
    tasks = ctx["figures"].tasks
    # Due in Q1: the bulletin's first quarter, Sở Ngoại vụ (done) and Công an (not done).
    assert (tasks.due, tasks.done_on_time, tasks.done_late, tasks.overdue, tasks.pending) == (
        2,
        1,
        0,
        1,
        0,
    )
    rows = [
        (
            r.unit.code,
            r.figures.items,
            r.report.status if r.report else "",
            r.figures.submitted,
            r.figures.on_time,
            r.tasks.due,
            r.tasks.overdue,
            r.on_time_pct,
        )
        for r in ctx["unit_rows"]
    ]
    # Worst first: most overdue, then not submitted (by name), then the rest.
    assert rows == [
        ("T-CA", 2, "", False, False, 1, 1, "0%"),  # II.2 and the bulletin
        ("T-SVHTTDL", 2, "", False, False, 0, 0, "—"),
        ("T-SNGV-TT", 1, "", False, False, 0, 0, "—"),
        ("T-SNGV", 2, "accepted", True, True, 1, 0, "100%"),
    ]
    sections = [
        (s.name, s.counts.due, s.counts.done_on_time, s.on_time_pct) for s in ctx["section_rows"]
    ]
    assert sections == [("NHIỆM VỤ TRỌNG TÂM", 1, 1, "100%")]
    html = response.content.decode()
    assert reverse("reporting:report", args=[report.pk]) in html
    assert "Đã tiếp nhận" in html


def test_dashboard_export_has_the_unit_table(tracked: Tracked) -> None:
    submit_q1(tracked, at(2026, 3, 14))
    url = reverse("reporting:dashboard_export", args=[tracked.periods[Q1].pk])
    assert as_role(tracked, "unit_officer").get(url).status_code == 403
    with time_machine.travel(at(2026, 4, 1), tick=False):
        response = as_role(tracked, "viewer").get(url)
    assert response["Content-Disposition"] == 'attachment; filename="bao-cao-quy-i-2026.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [tuple(r) for r in sheet.iter_rows(min_row=5, values_only=True)]
    assert rows == [
        (1, "Công an tỉnh Quảng Trị", 2, "Chưa lập", "Chưa gửi", 1, 0, 0, 1, 0),
        (2, "Sở Văn hóa, Thể thao và Du lịch", 2, "Chưa lập", "Chưa gửi", 0, 0, 0, 0, None),
        (3, "Trung tâm Dịch vụ đối ngoại", 1, "Chưa lập", "Chưa gửi", 0, 0, 0, 0, None),
        (4, "Sở Ngoại vụ", 2, "Đã gửi cơ quan đầu mối", "Đúng hạn", 1, 1, 0, 0, 1),
    ]


def test_dashboard_sort_by_name_and_choice_of_period(tracked: Tracked) -> None:
    q2 = tracked.periods["Quý II/2026"]
    client = as_role(tracked, "viewer")
    with time_machine.travel(at(2026, 4, 1), tick=False):
        response = client.get(
            reverse("reporting:dashboard"),
            {"plan": tracked.plan.pk, "period": q2.pk, "sort": "name"},
        )
        junk = client.get(reverse("reporting:dashboard"), {"plan": "x", "period": "999999"})
    assert response.context["period"] == q2
    names = [r.unit.name for r in response.context["unit_rows"]]
    assert names == sorted(names)
    assert junk.status_code == 200 and junk.context["period"].name == Q1


def test_dashboard_without_periods_or_plans(tracked: Tracked) -> None:
    ReportingPeriod.objects.all().delete()
    response = as_role(tracked, "coordinator").get(reverse("reporting:dashboard"))
    assert response.status_code == 200
    assert "Kế hoạch chưa có kỳ báo cáo nào." in response.content.decode()


def add_units(tracked: Tracked, n: int) -> None:
    """n more units, each supporting II.2 and, every other one, with a submitted report."""
    task = Task.objects.get(plan=tracked.plan, ref="II.2")
    for i in range(n):
        unit = UnitFactory(code=f"X{i:02d}", name=f"Phòng thử {i:02d}")
        TaskAssignment.objects.create(
            task=task,
            role=AssignmentRole.SUPPORT,
            text=unit.name,
            unit=unit,
            resolution=ResolutionStatus.RESOLVED,
        )
        if i % 2:
            UnitReport.objects.create(
                period=tracked.periods[Q1],
                unit=unit,
                status=ReportStatus.SUBMITTED,
                first_submitted_at=at(2026, 3, 10),
            )
    with time_machine.travel(at(2026, 1, 26), tick=False):
        work_items_sync(plan=tracked.plan)


def count_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_dashboard_queries_do_not_grow_with_units(
    tracked: Tracked, django_assert_max_num_queries: Any
) -> None:
    submit_q1(tracked, at(2026, 3, 14))
    client = as_role(tracked, "coordinator")
    url = reverse("reporting:dashboard")
    with time_machine.travel(at(2026, 4, 1), tick=False):
        few = count_queries(client, url)
        add_units(tracked, 9)
        with django_assert_max_num_queries(12):
            response = client.get(url)
        many = count_queries(client, url)
    assert len(response.context["unit_rows"]) == 13
    assert many == few


def test_unit_drill_down_lists_the_unit_items_of_the_period(tracked: Tracked) -> None:
    report = submit_q1(tracked, at(2026, 3, 14))
    period = tracked.periods[Q1]
    url = reverse("reporting:dashboard_unit", args=[period.pk, tracked.world.foreign_affairs.pk])
    with time_machine.travel(at(2026, 4, 1), tick=False):
        response = as_role(tracked, "coordinator").get(url)
    lines = [
        (
            line.item.occurrence.task.ref,
            line.item.occurrence.label,
            line.item.status,
            line.update.narrative if line.update else None,
        )
        for line in response.context["lines"]
    ]
    assert lines == [
        ("II.1", "", "not_started", None),
        ("II.3", "Quý I/2026", "done", "Đã phát hành bản tin quý I."),
    ]
    assert response.context["report"] == report
    html = response.content.decode()
    assert "Chưa cập nhật" in html and "Đã phát hành bản tin quý I." in html


def test_section_drill_down_lists_occurrences_with_each_unit(tracked: Tracked) -> None:
    submit_q1(tracked, at(2026, 3, 14))
    q1, q3 = tracked.periods[Q1], tracked.periods["Quý III/2026"]
    client = as_role(tracked, "coordinator")
    url = reverse("reporting:dashboard_section", args=[q1.pk])
    response = client.get(url, {"name": "NHIỆM VỤ TRỌNG TÂM"})
    rows = [
        (occ.task.ref, occ.label, [(i.unit.code, i.role, i.status) for i in occ.work_items.all()])
        for occ in response.context["occurrences"]
    ]
    assert rows == [
        ("II.3", "Quý I/2026", [("T-SNGV", "lead", "done"), ("T-CA", "support", "not_started")])
    ]
    task = Task.objects.get(plan=tracked.plan, ref="II.3")
    assert reverse("reporting:task_hold", args=[task.pk]) in response.content.decode()
    other = client.get(
        reverse("reporting:dashboard_section", args=[q3.pk]), {"name": "TỔ CHỨC THỰC HIỆN"}
    )
    assert [o.task.ref for o in other.context["occurrences"]] == ["IV.1-1"]
    viewer = as_role(tracked, "viewer").get(url, {"name": "NHIỆM VỤ TRỌNG TÂM"})
    assert reverse("reporting:task_hold", args=[task.pk]) not in viewer.content.decode()


# --- scorecard -------------------------------------------------------------------------------


def scorecard_url(unit_pk: int, plan_pk: int | None = None) -> str:
    url = reverse("reporting:scorecard", args=[unit_pk])
    return f"{url}?plan={plan_pk}" if plan_pk else url


@pytest.mark.parametrize(
    ("who", "unit", "status"),
    [
        ("coordinator", "police", 200),
        ("viewer", "police", 200),
        ("admin", "foreign_affairs", 200),
        ("unit_officer", "foreign_affairs", 200),
        ("unit_leader", "fa_centre", 200),  # a sub-unit of Sở Ngoại vụ
        ("unit_officer", "police", 404),
        ("police_officer", "foreign_affairs", 404),
    ],
)
def test_scorecard_scoping(tracked: Tracked, who: str, unit: str, status: int) -> None:
    user = police_officer(tracked) if who == "police_officer" else tracked.world.users[who]
    target = getattr(tracked.world, unit)
    response = client_for(user).get(scorecard_url(target.pk, tracked.plan.pk))
    assert response.status_code == status


def test_scorecard_figures_and_my_scorecard(tracked: Tracked) -> None:
    submit_q1(tracked, at(2026, 3, 20))  # after the 15/03 deadline
    client = as_role(tracked, "unit_officer")
    mine = client.get(reverse("reporting:my_scorecard"))
    assert mine.status_code == 302
    assert mine.url == scorecard_url(tracked.world.foreign_affairs.pk, tracked.plan.pk)
    with time_machine.travel(at(2026, 4, 1), tick=False):
        response = client.get(mine.url)
    rows = {row.period.name: (row, pct) for row, pct in response.context["rows"]}
    q1, q1_pct = rows[Q1]
    assert q1.report.status == "submitted"
    assert (q1.figures.submitted, q1.figures.on_time) == (True, False)
    # The bulletin was done on 20/03, before its 31/03 due date: the task is on time.
    assert (q1.figures.tasks.due, q1.figures.tasks.done_on_time, q1.figures.tasks.done_late) == (
        1,
        1,
        0,
    )
    assert q1_pct == "100%"
    q2, _ = rows["Quý II/2026"]
    assert q2.report is None and q2.figures.submitted is False
    assert "Muộn" in response.content.decode()


# --- task hold -------------------------------------------------------------------------------


def item_statuses(tracked: Tracked, ref: str) -> list[str]:
    return sorted(
        WorkItem.objects.filter(
            occurrence__task__plan=tracked.plan, occurrence__task__ref=ref
        ).values_list("status", flat=True)
    )


@pytest.mark.parametrize("role", ["viewer", "unit_officer", "unit_leader"])
def test_task_hold_refused_to_others(tracked: Tracked, role: str) -> None:
    task = Task.objects.get(plan=tracked.plan, ref="II.1")
    client = as_role(tracked, role)
    url = reverse("reporting:task_hold", args=[task.pk])
    assert client.get(url).status_code == 403
    posted = client.post(url, {"action": "paused", "reason": "Chờ kinh phí"})
    assert posted.status_code == 403
    assert item_statuses(tracked, "II.1") == ["not_started", "not_started"]


def test_task_hold_with_and_without_reason(tracked: Tracked) -> None:
    task = Task.objects.get(plan=tracked.plan, ref="II.1")
    client = as_role(tracked, "coordinator")
    url = reverse("reporting:task_hold", args=[task.pk])
    back = reverse("reporting:dashboard_section", args=[tracked.periods["Quý II/2026"].pk])
    form = client.get(url, {"action": "cancelled", "next": back})
    assert form.status_code == 200
    assert form.context["form"]["action"].value() == "cancelled"
    with time_machine.travel(at(2026, 5, 1), tick=False):
        refused = client.post(url, {"action": "paused", "reason": "  ", "next": back})
        assert refused.status_code == 400
        assert "Ghi lý do tạm dừng hoặc hủy nhiệm vụ" in refused.content.decode()
        assert item_statuses(tracked, "II.1") == ["not_started", "not_started"]
        paused = client.post(url, {"action": "paused", "reason": "Chờ kinh phí", "next": back})
        assert paused.status_code == 302 and paused.url == back
        assert item_statuses(tracked, "II.1") == ["paused", "paused"]
        item = tracked.item("II.1", "T-SNGV")
        assert item.history.first().history_change_reason == "Chờ kinh phí"
        resumed = client.post(
            url, {"action": "resume", "reason": "", "next": "https://evil.example/"}
        )
    assert resumed.status_code == 302
    assert resumed.url == reverse("plans:detail", args=[tracked.plan.pk])  # foreign next ignored
    assert item_statuses(tracked, "II.1") == ["not_started", "not_started"]


# --- reminder --------------------------------------------------------------------------------


def reminder_url(tracked: Tracked) -> str:
    return reverse(
        "reporting:reminder", args=[tracked.periods[Q1].pk, tracked.world.foreign_affairs.pk]
    )


@pytest.mark.parametrize("role", ["viewer", "unit_officer", "unit_leader", "content_editor"])
def test_reminder_refused_to_others(tracked: Tracked, role: str) -> None:
    client = as_role(tracked, role)
    assert client.get(reminder_url(tracked)).status_code == 403
    posted = client.post(
        reminder_url(tracked),
        {
            "subject": "Nhắc",
            "text": "Đề nghị gửi báo cáo.",
            "token": "0b8f0b5e-8f6e-4c51-9a4f-1d2b3c4d5e6f",
        },
    )
    assert posted.status_code == 403
    assert not Reminder.objects.exists()


def test_reminder_prefilled_sent_once(tracked: Tracked) -> None:
    client = as_role(tracked, "coordinator")
    with time_machine.travel(at(2026, 3, 20), tick=False):
        page = client.get(reminder_url(tracked))
    assert page.status_code == 200
    form = page.context["form"]
    subject, token = form["subject"].value(), str(form["token"].value())
    assert subject.startswith("V/v đôn đốc báo cáo") and subject.endswith(Q1)
    assert "Kính gửi: Sở Ngoại vụ." in form["text"].value()
    data = {"subject": subject, "text": "Đề nghị Sở Ngoại vụ gửi báo cáo quý I.", "token": token}
    sent = client.post(reminder_url(tracked), data, follow=True)
    dashboard = (
        reverse("reporting:dashboard") + f"?plan={tracked.plan.pk}&period={tracked.periods[Q1].pk}"
    )
    assert sent.redirect_chain == [(dashboard, 302)]
    assert "Đã gửi nhắc đến 2 người." in sent.content.decode()  # the officer and the leader
    client.post(reminder_url(tracked), data)  # a double click
    reminder = Reminder.objects.get()
    assert (reminder.text, reminder.recipients, reminder.sent_by.username) == (
        "Đề nghị Sở Ngoại vụ gửi báo cáo quý I.",
        2,
        "coord",
    )
    empty = client.post(reminder_url(tracked), data | {"text": "", "token": "x"})
    assert empty.status_code == 400
    assert Reminder.objects.count() == 1
