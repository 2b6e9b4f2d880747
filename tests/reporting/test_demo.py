"""`ttdn demo` loads the demo plan in progress as of 22/11/2026: loading twice writes nothing
more, and the dashboards show every state a report and a task can be in."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from zoneinfo import ZoneInfo

from django.core.management import call_command
from django.db.models import Model
from django.test import override_settings

from ttdn.notifications.models import Notification
from ttdn.plans.models import Plan, TaskOccurrence, WorkItem
from ttdn.reporting.demo import REFERENCE_DAY
from ttdn.reporting.models import (
    Evidence,
    ReportingPeriod,
    TaskUpdate,
    UnitReport,
    UpdateValue,
)
from ttdn.reporting.selectors import period_completeness
from ttdn.units.models import User

VN = ZoneInfo("Asia/Ho_Chi_Minh")
COUNTED: tuple[type[Model], ...] = (
    User,
    ReportingPeriod,
    WorkItem,
    TaskUpdate,
    UpdateValue,
    Evidence,
    UnitReport,
    Notification,
)


def _demo() -> str:
    out = StringIO()
    with override_settings(DEBUG=True):
        call_command("demo", stdout=out)
    return out.getvalue()


def _snapshot() -> tuple[dict[str, int], list[tuple[int, str, int, int]]]:
    counts = {model.__name__: model.objects.count() for model in COUNTED}
    counts |= {
        f"history of {model.__name__}": model.history.count()  # type: ignore[attr-defined]
        for model in (WorkItem, TaskUpdate, UnitReport)
    }
    items = list(WorkItem.objects.order_by("pk").values_list("pk", "status", "progress", "version"))
    return counts, items


def test_demo_progress_loads_once(db) -> None:  # type: ignore[no-untyped-def]
    first = _demo()
    loaded = _snapshot()
    second = _demo()
    assert _snapshot() == loaded
    assert "Tiến độ trình diễn (đã nạp, tình hình đến 22/11/2026): 138 lượt cập nhật" in first
    assert "Tiến độ trình diễn (đã có, tình hình đến 22/11/2026): 138 lượt cập nhật" in second
    assert "34 báo cáo của đơn vị, 8 tài khoản lãnh đạo đơn vị mới." in first
    assert "0 tài khoản lãnh đạo đơn vị mới." in second
    assert "lanhdao.congan" in second
    counts = loaded[0]
    assert (counts["ReportingPeriod"], counts["TaskUpdate"], counts["UnitReport"]) == (6, 138, 34)
    assert counts["Evidence"] == 3
    _assert_dated_as_played_back()


def _status(period: str, code: str) -> tuple[str, bool, bool]:
    """(report status, submitted, on time) of the unit on the period's dashboard."""
    plan = Plan.objects.get()
    board = period_completeness(
        period=ReportingPeriod.objects.get(plan=plan, name=period), today=REFERENCE_DAY
    )
    codes = {unit_id: unit.code for unit_id, unit in board.units.items()}
    [row] = [u for u in board.figures.units if codes[u.unit_id] == code]
    return row.report_status, row.submitted, row.on_time


def test_demo_dashboards_show_every_state(db) -> None:  # type: ignore[no-untyped-def]
    _demo()
    plan = Plan.objects.get()
    q2 = period_completeness(
        period=ReportingPeriod.objects.get(plan=plan, name="Quý II/2026"), today=REFERENCE_DAY
    )
    figures = q2.figures
    assert (figures.expected, figures.submitted, figures.on_time, figures.accepted) == (13, 8, 6, 7)
    assert figures.returned == 1
    assert _status("Quý II/2026", "QT-SNGV") == ("accepted", True, True)
    assert _status("Quý II/2026", "QT-BPTTH") == ("accepted", True, False)  # late
    assert _status("Quý II/2026", "QT-CA") == ("returned", True, True)
    assert _status("Quý II/2026", "QT-LHHN") == ("", False, False)  # never reported
    assert _status("Quý III/2026", "QT-SNGV") == ("pending_approval", False, False)
    assert _status("Quý III/2026", "QT-CA") == ("submitted", True, False)
    returned = UnitReport.objects.get(period__name="Quý II/2026", unit__code="QT-CA")
    assert returned.review_comment.startswith("Báo cáo chưa nêu kết quả phối hợp xử lý")
    assert returned.reviewed_by.username == "daumoi"
    for period in ReportingPeriod.objects.filter(plan=plan):
        board = period_completeness(period=period, today=REFERENCE_DAY).figures
        rates = (board.completeness, board.timeliness, board.acceptance, board.tasks.on_time_rate)
        assert all(rate is None or 0 <= rate <= 1 for rate in rates), period.name
    q3 = period_completeness(
        period=ReportingPeriod.objects.get(plan=plan, name="Quý III/2026"), today=REFERENCE_DAY
    ).figures.tasks
    assert (q3.due, q3.done_on_time, q3.done_late, q3.overdue) == (27, 17, 4, 6)


def _assert_dated_as_played_back() -> None:
    """Rows carry the time of the event played back, not the time the demo was loaded."""
    press = WorkItem.objects.get(occurrence__task__ref="PL.3", unit__code="QT-SNGV")
    assert (press.status, press.completed_at) == ("done", dt.datetime(2026, 10, 5, 10, tzinfo=VN))
    assert TaskOccurrence.objects.get(pk=press.occurrence_id).completed_at == press.completed_at
    dates = [h.history_date for h in press.history.all()]  # type: ignore[attr-defined]
    assert (dates[0], dates[-1]) == (press.completed_at, dt.datetime(2026, 1, 25, 9, tzinfo=VN))
    assert Plan.objects.get().imported_at == dates[-1]
    late = UnitReport.objects.get(period__name="Quý II/2026", unit__code="QT-BPTTH")
    assert late.first_submitted_at == dt.datetime(2026, 6, 19, 8, tzinfo=VN)
    assert late.history.first().history_date == dt.datetime(2026, 6, 23, 10, tzinfo=VN)  # type: ignore[attr-defined]
    latest = dt.datetime.combine(REFERENCE_DAY, dt.time(23, 59), tzinfo=VN)
    assert not TaskUpdate.objects.filter(updated_at__gt=latest).exists()
    assert not Notification.objects.filter(created_at__gt=latest).exists()
    # Notifications of the last month are unread, older ones read: the leader of Sở Ngoại vụ
    # has a report to approve, the coordinating agency the year's reports to review.
    month_ago = dt.datetime.combine(REFERENCE_DAY - dt.timedelta(days=30), dt.time(), tzinfo=VN)
    unread = Notification.objects.filter(read_at__isnull=True)
    assert not unread.filter(created_at__lt=month_ago).exists()
    assert not Notification.objects.filter(
        created_at__gte=month_ago, read_at__isnull=False
    ).exists()
    assert ("lanhdao.ngoaivu", "Báo cáo kỳ Quý III/2026 chờ lãnh đạo duyệt") in [
        (n.user.username, n.title) for n in unread
    ]
    assert unread.filter(user__username="daumoi", title__contains="Năm 2026").count() == 5
    # The reference day's overdue job: open work past its date is overdue, the rest is not.
    assert not WorkItem.objects.filter(
        status__in=("not_started", "in_progress"), occurrence__due__lt=REFERENCE_DAY
    ).exists()
    assert WorkItem.objects.filter(status="overdue").count() == 17
