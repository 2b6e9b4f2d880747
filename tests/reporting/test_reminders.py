"""Reminders (đôn đốc): due-date, overdue and deadline reminders sent once per event, the
smallest threshold first, e-mails grouped per person, the weekly digest, and the official
reminder letter drafted and sent by the coordinating agency."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine

from tests.factories import UserFactory
from tests.reporting.conftest import Tracked, at
from ttdn.core.errors import PermissionDenied, ValidationFailed
from ttdn.notifications.models import Notification
from ttdn.plans.tracking import work_items_mark_overdue
from ttdn.reporting.models import Reminder, UnitReport
from ttdn.reporting.reminders import reminder_draft, reminder_send, reminders_due, weekly_digest
from ttdn.reporting.services import (
    report_open,
    report_save,
    report_transition,
    task_update_save,
)
from ttdn.units.models import Role


def _run(day: dt.date) -> int:
    with time_machine.travel(at(day.year, day.month, day.day, 6), tick=False):
        return reminders_due(today=day)


def _keys(user: Any) -> set[str]:
    return set(Notification.objects.filter(user=user).values_list("key", flat=True))


def _submit(tracked: Tracked, period_name: str, when: dt.datetime) -> UnitReport:
    officer = tracked.world.users["unit_officer"]
    leader = tracked.world.users["unit_leader"]
    period = tracked.periods[period_name]
    with time_machine.travel(when, tick=False):
        task_update_save(
            user=officer,
            item=tracked.item("II.3", "T-SNGV", seq=2),
            period=period,
            narrative="Đã phát hành bản tin quý II.",
            status="done",
            progress=100,
            spent_vnd=None,
            values={},
            version=0,
        )
        report = report_open(user=officer, period=period, unit=tracked.world.foreign_affairs)
        report = report_save(
            user=officer,
            report=report,
            summary="Hoàn thành bản tin.",
            difficulties="",
            proposals="",
            version=report.version,
        )
        report = report_transition(user=officer, report=report, action="send_for_approval")
        report = report_transition(user=leader, report=report, action="approve")
        return report_transition(user=officer, report=report, action="submit")


def test_first_run_one_day_before_sends_only_the_one_day_reminder_and_never_twice(
    tracked: Tracked,
) -> None:
    officer, leader = tracked.world.users["unit_officer"], tracked.world.users["unit_leader"]
    bulletin = tracked.item("II.3", "T-SNGV", seq=1)  # Quý I/2026, due 31/03/2026
    quarter = tracked.periods["Quý I/2026"]  # deadline 15/03/2026, nothing submitted
    fa, centre = tracked.world.foreign_affairs.pk, tracked.world.fa_centre.pk
    # Given a first run on 30/03: one day before the bulletin, two weeks after Q1's deadline.
    created = _run(dt.date(2026, 3, 30))
    expected = {
        f"due:{bulletin.pk}:2026-03-31:1",
        f"deadline-passed:{quarter.pk}:{fa}",
        # The department's centre has no accounts: its people answer for it too.
        f"deadline-passed:{quarter.pk}:{centre}",
    }
    assert _keys(officer) == expected
    assert _keys(leader) == expected
    assert created == 6
    titles = set(Notification.objects.filter(user=officer).values_list("title", flat=True))
    assert titles == {
        "Nhiệm vụ II.3 (Quý I/2026) đến hạn 31/03/2026 (còn 1 ngày)",
        "Báo cáo kỳ Quý I/2026 đã quá hạn gửi (15/03/2026)",
        "Trung tâm Dịch vụ đối ngoại: Báo cáo kỳ Quý I/2026 đã quá hạn gửi (15/03/2026)",
    }
    row = Notification.objects.get(user=officer, kind="due_soon")
    assert row.url == f"/reporting/work/{bulletin.pk}/"
    assert "Phát hành bản tin đối ngoại hằng quý." in row.body
    # When the job runs again the same day and the next: nothing new.
    assert _run(dt.date(2026, 3, 30)) == 0
    assert _run(dt.date(2026, 3, 31)) == 0
    assert Notification.objects.count() == 6


def test_seven_day_then_one_day_then_overdue(tracked: Tracked) -> None:
    officer = tracked.world.users["unit_officer"]
    item = tracked.item("II.1", "T-SNGV")  # due 30/06/2026
    # A seven-day run that was missed catches up two days later, still as the 7-day reminder.
    _run(dt.date(2026, 6, 25))
    assert f"due:{item.pk}:2026-06-30:7" in _keys(officer)
    title = Notification.objects.get(user=officer, key=f"due:{item.pk}:2026-06-30:7").title
    assert title == "Nhiệm vụ II.1 đến hạn 30/06/2026 (còn 5 ngày)"
    _run(dt.date(2026, 6, 26))
    assert not any(k.endswith(":1") and k.startswith("due:") for k in _keys(officer))
    _run(dt.date(2026, 6, 30))
    assert Notification.objects.get(user=officer, key=f"due:{item.pk}:2026-06-30:1").title == (
        "Nhiệm vụ II.1 đến hạn 30/06/2026 (đến hạn hôm nay)"
    )
    # After the due date: overdue, whether or not the overdue job has marked the item yet.
    _run(dt.date(2026, 7, 1))
    overdue = Notification.objects.get(user=officer, key=f"overdue:{item.pk}:2026-06-30")
    assert (overdue.kind, overdue.title) == (
        "overdue",
        "Nhiệm vụ II.1 đã quá hạn từ 30/06/2026",
    )
    work_items_mark_overdue(today=dt.date(2026, 7, 2))
    assert _run(dt.date(2026, 7, 2)) == 0


def test_thresholds_come_from_settings(tracked: Tracked, settings: Any) -> None:
    settings.TTDN_REMINDER_DAYS = [3]
    officer = tracked.world.users["unit_officer"]
    item = tracked.item("II.1", "T-SNGV")
    _run(dt.date(2026, 6, 25))  # five days before: outside a 3-day threshold
    assert not any(k.startswith(f"due:{item.pk}:") for k in _keys(officer))
    _run(dt.date(2026, 6, 28))
    assert f"due:{item.pk}:2026-06-30:3" in _keys(officer)


def test_finished_and_paused_items_get_no_reminder(tracked: Tracked) -> None:
    officer = tracked.world.users["unit_officer"]
    item = tracked.item("II.1", "T-SNGV")
    item.status = "paused"
    item.save()
    _run(dt.date(2026, 6, 29))
    assert not any(k.startswith(f"due:{item.pk}:") for k in _keys(officer))


def test_units_that_submitted_get_no_deadline_reminder(tracked: Tracked) -> None:
    police_officer = UserFactory(
        username="canbo-ca", role=Role.UNIT_OFFICER, unit=tracked.world.police
    )
    fa_officer = tracked.world.users["unit_officer"]
    fa, police = tracked.world.foreign_affairs.pk, tracked.world.police.pk
    q2, half = tracked.periods["Quý II/2026"], tracked.periods["6 tháng đầu năm 2026"]
    _submit(tracked, "Quý II/2026", at(2026, 6, 10))
    # 14/06: one day before the Q2 and half-year deadlines (both 15/06).
    _run(dt.date(2026, 6, 14))
    fa_keys, police_keys = _keys(fa_officer), _keys(police_officer)
    assert f"deadline:{q2.pk}:{police}:1" in police_keys
    assert f"deadline:{half.pk}:{police}:1" in police_keys
    assert f"deadline:{half.pk}:{fa}:1" in fa_keys  # the half-year report is still to send
    assert f"deadline:{q2.pk}:{fa}:1" not in fa_keys  # sent on 10/06
    centre = tracked.world.fa_centre.pk
    assert f"deadline:{q2.pk}:{centre}:1" in fa_keys  # its centre has still to report
    title = Notification.objects.get(user=police_officer, key=f"deadline:{q2.pk}:{police}:1")
    assert title.title == "Báo cáo kỳ Quý II/2026 hạn 15/06/2026 (còn 1 ngày)"
    assert title.url == f"/reporting/periods/{q2.pk}/my-report/"


def test_one_email_per_person_per_run(
    tracked: Tracked, mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    officer, leader = tracked.world.users["unit_officer"], tracked.world.users["unit_leader"]
    officer.email, leader.email = "canbo@songv.example", "lanhdao@songv.example"
    officer.save()
    leader.save()
    with django_capture_on_commit_callbacks(execute=True):
        _run(dt.date(2026, 3, 30))
    assert sorted((m.to[0], m.subject) for m in mailoutbox) == [
        ("canbo@songv.example", "[TTĐN] 3 thông báo mới"),  # with the centre's report
        ("lanhdao@songv.example", "[TTĐN] 3 thông báo mới"),
    ]
    assert "Nhiệm vụ II.3 (Quý I/2026) đến hạn 31/03/2026 (còn 1 ngày)" in mailoutbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        _run(dt.date(2026, 3, 30))
    assert len(mailoutbox) == 2


def test_query_count_does_not_grow_with_items(
    tracked: Tracked, django_assert_max_num_queries: Any
) -> None:
    # Sent once so that the run compared below creates nothing: reads only.
    _run(dt.date(2026, 3, 30))
    with django_assert_max_num_queries(20) as few:
        assert _run(dt.date(2026, 3, 30)) == 0
    # Twenty more tasks of the unit due the next day: still the same reads.
    from tests.plans.plan_data import parsed_plan, sha, task
    from ttdn.plans.services import plan_import
    from ttdn.plans.tracking import work_items_sync

    many = tuple(
        task(f"III.{n}", f"Nhiệm vụ {n}.", lead=("Sở Ngoại vụ",), due=dt.date(2026, 3, 31))
        for n in range(20)
    )
    with time_machine.travel(at(2026, 1, 25), tick=False):
        plan = plan_import(
            user=tracked.world.users["coordinator"],
            parsed=parsed_plan(number="16/KH-UBND", tasks=many),
            source_name="them.docx",
            source_sha256=sha("them"),
        )
        work_items_sync(plan=plan)
    _run(dt.date(2026, 3, 30))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert _run(dt.date(2026, 3, 30)) == 0


def test_weekly_digest_once_per_iso_week(tracked: Tracked) -> None:
    officer = tracked.world.users["unit_officer"]
    fa = tracked.world.foreign_affairs.pk
    with time_machine.travel(at(2026, 6, 22, 7), tick=False):
        created = weekly_digest(today=dt.date(2026, 6, 22))  # Monday of ISO week 26
    # The officer and the leader of Sở Ngoại vụ, each for the department and for its centre.
    assert created == 4
    row = Notification.objects.get(user=officer, kind="digest", key__startswith=f"digest:{fa}:")
    assert row.key == f"digest:{fa}:2026-W26"
    assert row.url == "/reporting/my-work/"
    assert row.title == (
        "Tổng hợp tuần 26/2026: 5 phần việc chưa hoàn thành, 1 quá hạn, 2 sắp đến hạn, "
        "2 báo cáo cần gửi"
    )
    assert row.body.splitlines() == [
        "Quá hạn:",
        "- II.3 (Quý I/2026): hạn 31/03/2026",
        "Đến hạn trong 14 ngày tới:",
        "- II.1: hạn 30/06/2026",
        "- II.3 (Quý II/2026): hạn 30/06/2026",
        "Báo cáo cần gửi:",
        "- Kỳ Quý II/2026: hạn 15/06/2026",
        "- Kỳ 6 tháng đầu năm 2026: hạn 15/06/2026",
    ]
    assert weekly_digest(today=dt.date(2026, 6, 24)) == 0  # same week
    assert weekly_digest(today=dt.date(2026, 6, 29)) == 4  # next week: W27
    assert f"digest:{fa}:2026-W27" in _keys(officer)


# --- the official reminder ---------------------------------------------------------------------


def test_reminder_draft_cites_the_plan_and_lists_what_is_missing(tracked: Tracked) -> None:
    work_items_mark_overdue(today=dt.date(2026, 7, 5))
    subject, text = reminder_draft(
        period=tracked.periods["Quý II/2026"],
        unit=tracked.world.foreign_affairs,
        today=dt.date(2026, 7, 5),
    )
    assert subject == (
        "V/v đôn đốc báo cáo kết quả thực hiện nhiệm vụ thông tin đối ngoại kỳ Quý II/2026"
    )
    assert text.startswith("Kính gửi: Sở Ngoại vụ.")
    assert (
        "Thực hiện Kế hoạch số 15/KH-UBND ngày 20/01/2026 của UBND tỉnh Quảng Trị về công tác "
        "thông tin đối ngoại tỉnh Quảng Trị năm 2026" in text
    )
    assert "(từ ngày 01/04/2026 đến ngày 30/06/2026) trước ngày 15/06/2026." in text
    assert (
        "Đến ngày 05/07/2026, đã quá thời hạn gửi báo cáo (ngày 15/06/2026) nhưng Sở Ngoại vụ "
        "chưa gửi báo cáo kỳ Quý II/2026." in text
    )
    assert "còn 3 nhiệm vụ đã quá hạn" in text
    assert (
        "- Nhiệm vụ II.1: Xuất bản bản tin đối ngoại song ngữ hằng quý. (hạn ngày 30/06/2026)."
        in text
    )
    assert "- Nhiệm vụ II.3 (Quý I/2026): " in text
    assert "- Nhiệm vụ II.3 (Quý II/2026): " in text
    assert "hoàn thành trước ngày 08/07/2026." in text
    assert text.endswith("Nơi nhận:\n- Như trên;\n- Lưu: VT.")


def test_reminder_draft_for_a_late_report(tracked: Tracked) -> None:
    _submit(tracked, "Quý II/2026", at(2026, 6, 20))
    _subject, text = reminder_draft(
        period=tracked.periods["Quý II/2026"],
        unit=tracked.world.foreign_affairs,
        today=dt.date(2026, 6, 22),
    )
    assert (
        "Báo cáo kỳ Quý II/2026 của Sở Ngoại vụ được gửi ngày 20/06/2026, chậm so với thời hạn "
        "quy định (ngày 15/06/2026)." in text
    )
    assert "hoàn thiện, gửi báo cáo" not in text


def test_reminder_send_notifies_the_unit_once_per_token(
    tracked: Tracked, mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    coordinator = tracked.world.users["coordinator"]
    officer = tracked.world.users["unit_officer"]
    officer.email = "canbo@songv.example"
    officer.save()
    period, unit = tracked.periods["Quý II/2026"], tracked.world.foreign_affairs
    subject, text = reminder_draft(period=period, unit=unit, today=dt.date(2026, 6, 20))
    with django_capture_on_commit_callbacks(execute=True):
        first = reminder_send(
            user=coordinator, period=period, unit=unit, subject=subject, text=text, token="t-1"
        )
        again = reminder_send(
            user=coordinator, period=period, unit=unit, subject=subject, text=text, token="t-1"
        )
    assert again.pk == first.pk
    assert (first.recipients, first.sent_by, first.subject) == (2, coordinator, subject)
    assert Reminder.objects.count() == 1
    rows = Notification.objects.filter(key=f"reminder:{first.pk}")
    assert sorted(rows.values_list("user__username", "kind")) == [
        ("leader", "reminder"),
        ("officer", "reminder"),
    ]
    assert rows.first().body == text
    assert [(m.subject, m.to) for m in mailoutbox] == [(subject, ["canbo@songv.example"])]
    assert first.history.first().history_user == coordinator


@pytest.mark.parametrize(
    ("user", "subject", "text", "token", "error"),
    [
        ("unit_officer", "Đôn đốc", "Nội dung", "t-2", PermissionDenied),
        ("unit_leader", "Đôn đốc", "Nội dung", "t-2", PermissionDenied),
        ("viewer", "Đôn đốc", "Nội dung", "t-2", PermissionDenied),
        ("coordinator", "  ", "Nội dung", "t-2", ValidationFailed),
        ("coordinator", "Đôn đốc", "", "t-2", ValidationFailed),
        ("coordinator", "Đôn đốc", "Nội dung", "", ValidationFailed),
    ],
)
def test_reminder_send_refused_stores_and_sends_nothing(
    tracked: Tracked, user: str, subject: str, text: str, token: str, error: type
) -> None:
    before = Notification.objects.count()
    with pytest.raises(error):
        reminder_send(
            user=tracked.world.users[user],
            period=tracked.periods["Quý II/2026"],
            unit=tracked.world.foreign_affairs,
            subject=subject,
            text=text,
            token=token,
        )
    assert not Reminder.objects.exists()
    assert Notification.objects.count() == before
