"""`ttdn scheduler`: each job's slot is enqueued once however often it ticks, late ticks catch
up the same day, and the enqueued jobs really run on a worker."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django_tasks import default_task_backend

from tests.reporting.conftest import Tracked
from ttdn.notifications.models import Notification, ScheduledRun


def _tick(now: str) -> str:
    out = StringIO()
    call_command("scheduler", once=True, now=now, stdout=out)
    return out.getvalue()


def _runs() -> list[tuple[str, str]]:
    return sorted(ScheduledRun.objects.values_list("job", "slot"))


def _queued() -> list[tuple[str, list[object], str]]:
    """What the task backend holds for each enqueued slot (database or RQ, as configured)."""
    rows = []
    for result_id in ScheduledRun.objects.values_list("task_result_id", flat=True):
        result = default_task_backend.get_result(result_id)
        rows.append((result.task.module_path, list(result.args), str(result.status)))
    return sorted(rows)


def test_each_slot_is_enqueued_once(db: None) -> None:
    out = _tick("2026-11-23T07:05")  # a Monday, after both times
    assert out.splitlines()[0].startswith(
        "Đã đưa vào hàng đợi: đánh dấu việc quá hạn (overdue, lượt 2026-11-23, mã "
    )
    assert _runs() == [
        ("calendar", "2026-11-23"),
        ("digest", "2026-W48"),
        ("overdue", "2026-11-23"),
        ("reminders", "2026-11-23"),
    ]
    assert [(path, args) for path, args, _status in _queued()] == [
        ("ttdn.activities.tasks.calendar_reminders_send", ["2026-11-23"]),
        ("ttdn.reporting.tasks.digest_send", ["2026-11-23"]),
        ("ttdn.reporting.tasks.overdue_mark", ["2026-11-23"]),
        ("ttdn.reporting.tasks.reminders_send", ["2026-11-23"]),
    ]
    # The same minute again, and later the same day: nothing more.
    assert _tick("2026-11-23T07:05") == ""
    assert _tick("2026-11-23T22:00") == ""
    assert ScheduledRun.objects.count() == 4


def test_slots_open_at_their_time_and_late_ticks_catch_up(db: None) -> None:
    _tick("2026-11-24T06:00")  # Tuesday before 06:30: only the week's digest (opened Monday)
    assert _runs() == [("digest", "2026-W48")]
    _tick("2026-11-24T15:00")  # the 06:30 tick was missed: caught up in the afternoon
    assert _runs() == [
        ("calendar", "2026-11-24"),
        ("digest", "2026-W48"),
        ("overdue", "2026-11-24"),
        ("reminders", "2026-11-24"),
    ]
    _tick("2026-11-30T06:59")  # next Monday before 07:00: the day's jobs, not yet the digest
    assert ("digest", "2026-W49") not in _runs()
    assert ("overdue", "2026-11-30") in _runs()
    _tick("2026-11-30T07:00")
    assert ("digest", "2026-W49") in _runs()


def test_times_are_vietnam_time(db: None) -> None:
    _tick("2026-11-22T23:45+00:00")  # 06:45 on 23/11 in Hà Nội
    assert ("overdue", "2026-11-23") in _runs()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"now": "hôm nay"}, "Lỗi: Thời điểm “hôm nay” không hợp lệ"),
        ({"once": True, "interval": 0}, "Lỗi: --interval phải là số giây dương."),
    ],
)
def test_bad_options_fail_with_a_message(db: None, options: dict, message: str) -> None:
    err = StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("scheduler", stderr=err, **options)
    assert exit_.value.code == 1
    assert message in err.getvalue()
    assert not ScheduledRun.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_enqueued_jobs_run_on_a_worker(tracked: Tracked) -> None:
    item = tracked.item("II.1", "T-SNGV")  # due 30/06/2026
    officer = tracked.world.users["unit_officer"]
    fa = tracked.world.foreign_affairs.pk
    _tick("2026-07-01T06:45")  # a Wednesday: the day's jobs and the week's digest
    call_command("worker", burst=True, verbosity=0)
    assert {status for _path, _args, status in _queued()} == {"SUCCESSFUL"}
    item.refresh_from_db()
    assert item.status == "overdue"
    keys = set(Notification.objects.filter(user=officer).values_list("key", flat=True))
    assert f"overdue:{item.pk}:2026-06-30" in keys
    assert f"digest:{fa}:2026-W27" in keys
    assert item.occurrence.due == dt.date(2026, 6, 30)
