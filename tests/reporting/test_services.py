"""Task tracking and the report workflow through the services: occurrences and work items,
guarded transitions, updates with figures, optimistic locking, locked periods, the report's
path from draft to accepted or returned, and the bad input the issue lists."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from tests.reporting.conftest import Tracked, at
from ttdn.core.errors import Conflict, PermissionDenied, ValidationFailed
from ttdn.notifications.models import Notification
from ttdn.plans.models import TaskOccurrence, WorkItem
from ttdn.plans.tracking import task_hold, work_items_mark_overdue
from ttdn.reporting.evidence import evidence_add_file, evidence_add_link
from ttdn.reporting.models import Indicator, ReportStatus, TaskUpdate, UnitReport
from ttdn.reporting.selectors import period_completeness, report_lines, report_totals
from ttdn.reporting.services import (
    period_update,
    report_open,
    report_save,
    report_transition,
    task_update_save,
)


def test_occurrences_and_work_items_follow_the_plan(tracked: Tracked) -> None:
    occurrences = TaskOccurrence.objects.filter(task__plan=tracked.plan)
    by_task = {}
    for occ in occurrences.order_by("task__order", "seq"):
        by_task.setdefault(occ.task.ref, []).append((occ.label, occ.due))
    assert by_task["II.1"] == [("", dt.date(2026, 6, 30))]
    assert by_task["II.3"] == [
        ("Quý I/2026", dt.date(2026, 3, 31)),
        ("Quý II/2026", dt.date(2026, 6, 30)),
        ("Quý III/2026", dt.date(2026, 9, 30)),
        ("Quý IV/2026", dt.date(2026, 12, 31)),
    ]
    # II.1: lead Sở Ngoại vụ, support VHTTDL; the collective "các sở, ban, ngành" has no item.
    items = WorkItem.objects.filter(occurrence__task__ref="II.1").order_by("role")
    assert [(i.unit.code, i.role, i.status) for i in items] == [
        ("T-SNGV", "lead", "not_started"),
        ("T-SVHTTDL", "support", "not_started"),
    ]
    assert WorkItem.objects.filter(occurrence__task__ref="II.3").count() == 8


def _update(tracked: Tracked, item: WorkItem, period: str, **kw):  # type: ignore[no-untyped-def]
    defaults = {"narrative": "Đã làm.", "status": item.status, "progress": 50, "version": 0}
    return task_update_save(
        user=kw.pop("user", tracked.world.users["unit_officer"]),
        item=item,
        period=tracked.periods[period] if period else None,
        **(defaults | kw),
    )


def test_update_applies_status_progress_figures_and_rolls_up(tracked: Tracked) -> None:
    item = tracked.item("II.1", "T-SNGV")
    news = Indicator.objects.get(code="tin-bai")
    with time_machine.travel(at(2026, 5, 10), tick=False):
        update = _update(
            tracked,
            item,
            "Quý II/2026",
            status="in_progress",
            progress=60,
            spent_vnd=12_500_000,
            values={news.pk: 14},
        )
        item.refresh_from_db()
        assert (item.status, item.progress, update.version) == ("in_progress", 60, 1)
        assert (item.occurrence.task.status, item.occurrence.task.progress) == ("in_progress", 60)
        done = _update(tracked, item, "Quý II/2026", status="done", progress=60, version=1)
    item.refresh_from_db()
    assert (item.status, item.progress, done.version) == ("done", 100, 2)
    assert item.completed_at is not None
    lines = report_lines(period=tracked.periods["Quý II/2026"], unit=tracked.world.foreign_affairs)
    figures, spent = report_totals(lines)
    assert spent == 0  # the second save did not repeat the money: the form sends what it shows
    assert figures == []
    assert {h.history_user.username for h in item.history.all() if h.history_user} == {"officer"}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"progress": 140}, "Tiến độ phải từ 0 đến 100%, không phải 140%."),
        ({"status": "overdue"}, "Trạng thái “quá hạn” do hệ thống tự xác định theo hạn."),
        ({"status": "cancelled"}, "Chỉ cơ quan đầu mối mới tạm dừng hoặc hủy nhiệm vụ"),
        ({"spent_vnd": -5}, "Kinh phí đã chi phải là số đồng không âm."),
    ],
)
def test_bad_updates_are_refused_and_nothing_is_written(
    tracked: Tracked, kwargs: dict[str, object], message: str
) -> None:
    item = tracked.item("II.1", "T-SNGV")
    with time_machine.travel(at(2026, 5, 10), tick=False), pytest.raises(ValidationFailed) as e:
        _update(tracked, item, "Quý II/2026", **kwargs)
    assert message in e.value.message
    assert not TaskUpdate.objects.exists()
    item.refresh_from_db()
    assert (item.status, item.progress, item.version) == ("not_started", 0, 1)


def test_two_officers_editing_the_same_update(tracked: Tracked) -> None:
    other = tracked.world.users["unit_leader"]
    item = tracked.item("II.1", "T-SNGV")
    with time_machine.travel(at(2026, 5, 10), tick=False):
        _update(tracked, item, "Quý II/2026", progress=20)  # both forms open on version 1
        _update(tracked, item, "Quý II/2026", progress=30, version=1, narrative="Bản của A")
        with pytest.raises(Conflict) as caught:
            _update(tracked, item, "Quý II/2026", progress=40, version=1, user=other)
    assert "Nội dung bạn nhập vẫn còn trên biểu mẫu" in caught.value.message
    update = TaskUpdate.objects.get()
    assert (update.narrative, update.progress, update.version) == ("Bản của A", 30, 2)


def test_another_unit_cannot_update(tracked: Tracked) -> None:
    item = tracked.item("II.2", "T-SVHTTDL")  # the coordinating agency's own item
    with pytest.raises(PermissionDenied):
        _update(tracked, item, "Quý II/2026")


def test_locked_period_refuses_updates_until_unlocked(tracked: Tracked) -> None:
    period = tracked.periods["Quý I/2026"]
    coordinator = tracked.world.users["coordinator"]
    period_update(user=coordinator, period=period, changes={"lock_after_deadline": True})
    item = tracked.item("II.3", "T-SNGV", seq=1)
    with time_machine.travel(at(2026, 4, 2), tick=False):
        with pytest.raises(ValidationFailed) as caught:
            _update(tracked, item, "Quý I/2026")
        assert "đã khóa sau hạn 15/03/2026" in caught.value.message
        period_update(user=coordinator, period=period, changes={"lock_after_deadline": False})
        assert _update(tracked, item, "Quý I/2026", status="done").status == "done"
    item.refresh_from_db()
    assert item.status == "done"


def test_evidence_is_checked_by_content_and_size(tracked: Tracked, settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    settings.TTDN_EVIDENCE_MAX_MB = 1
    officer = tracked.world.users["unit_officer"]
    with time_machine.travel(at(2026, 5, 10), tick=False):
        update = _update(tracked, tracked.item("II.1", "T-SNGV"), "Quý II/2026")
        pdf = evidence_add_file(
            user=officer, update=update, name="bien-ban.pdf", data=b"%PDF-1.4 x"
        )
        assert (pdf.content_type, pdf.size, pdf.title) == ("application/pdf", 10, "bien-ban.pdf")
        with pytest.raises(ValidationFailed) as exe:
            evidence_add_file(user=officer, update=update, name="anh.jpg", data=b"MZ\x90\x00")
        assert "không thuộc loại được nhận" in exe.value.message
        with pytest.raises(ValidationFailed) as big:
            evidence_add_file(
                user=officer, update=update, name="lon.pdf", data=b"%PDF-" + b"0" * 1024 * 1024
            )
        assert "quá giới hạn 1 MB" in big.value.message
        with pytest.raises(ValidationFailed):
            evidence_add_link(user=officer, update=update, url="javascript:alert(1)")
        link = evidence_add_link(user=officer, update=update, url="https://baoquangtri.vn/a")
    assert link.title == "baoquangtri.vn"
    assert update.evidence.count() == 2


def _submit_report(tracked: Tracked, period_name: str, when: dt.datetime) -> UnitReport:
    officer = tracked.world.users["unit_officer"]
    leader = tracked.world.users["unit_leader"]
    with time_machine.travel(when, tick=False):
        _update(tracked, tracked.item("II.3", "T-SNGV", seq=1), period_name, status="done")
        report = report_open(
            user=officer, period=tracked.periods[period_name], unit=tracked.world.foreign_affairs
        )
        report = report_save(
            user=officer,
            report=report,
            summary="Hoàn thành bản tin quý I.",
            difficulties="",
            proposals="",
            version=report.version,
        )
        report = report_transition(user=officer, report=report, action="send_for_approval")
        with pytest.raises(PermissionDenied):
            report_transition(user=officer, report=report, action="approve")
        report = report_transition(user=leader, report=report, action="approve")
        return report_transition(user=officer, report=report, action="submit")


def test_report_workflow_submit_twice_and_return(
    tracked: Tracked, mailoutbox, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    tracked.world.users["unit_officer"].email = "canbo@songv.example"
    tracked.world.users["unit_officer"].save()
    report = _submit_report(tracked, "Quý I/2026", at(2026, 3, 14))
    assert report.status == ReportStatus.SUBMITTED
    with pytest.raises(Conflict) as twice:
        report_transition(user=tracked.world.users["unit_leader"], report=report, action="submit")
    assert "Báo cáo đã được gửi lúc 09:00 14/03/2026" in twice.value.message
    coordinator = tracked.world.users["coordinator"]
    with pytest.raises(ValidationFailed):
        report_transition(user=coordinator, report=report, action="return")
    with django_capture_on_commit_callbacks(execute=True):
        report = report_transition(
            user=coordinator, report=report, action="return", comment="Bổ sung số liệu tin bài."
        )
    assert (report.status, report.review_comment) == ("returned", "Bổ sung số liệu tin bài.")
    titles = set(Notification.objects.values_list("title", flat=True))
    assert "Báo cáo kỳ Quý I/2026 bị trả lại để sửa" in titles
    assert [(m.subject, m.to) for m in mailoutbox] == [
        ("Báo cáo kỳ Quý I/2026 bị trả lại để sửa", ["canbo@songv.example"])
    ]
    assert "Bổ sung số liệu tin bài." in mailoutbox[0].body
    # A returned report is fixed and goes through approval again; its first submission counts.
    leader = tracked.world.users["unit_leader"]
    with time_machine.travel(at(2026, 3, 20), tick=False):
        report = report_transition(user=leader, report=report, action="approve")
        report = report_transition(user=leader, report=report, action="submit")
        report = report_transition(user=coordinator, report=report, action="accept")
    dashboard = period_completeness(period=tracked.periods["Quý I/2026"], today=dt.date(2026, 4, 1))
    figures = dashboard.figures
    assert (figures.submitted, figures.on_time, figures.accepted) == (1, 1, 1)
    # Every unit with work running in the quarter: Sở Ngoại vụ and Công an (II.3, II.1),
    # VHTTDL (II.1, II.2) and the Ngoại vụ centre (IV.1-1, due in September but under way).
    assert figures.expected == 4


def test_late_submission_is_marked(tracked: Tracked) -> None:
    _submit_report(tracked, "Quý I/2026", at(2026, 3, 20))
    figures = period_completeness(
        period=tracked.periods["Quý I/2026"], today=dt.date(2026, 4, 1)
    ).figures
    assert (figures.submitted, figures.on_time) == (1, 0)


def test_no_rate_above_100_percent_when_a_unit_leaves_mid_period(tracked: Tracked) -> None:
    _submit_report(tracked, "Quý I/2026", at(2026, 3, 14))
    # The unit's assignment is removed after it reported: it still counts as expected.
    WorkItem.objects.filter(unit=tracked.world.foreign_affairs).delete()
    figures = period_completeness(
        period=tracked.periods["Quý I/2026"], today=dt.date(2026, 4, 1)
    ).figures
    assert figures.submitted <= figures.expected
    assert figures.completeness is not None and figures.completeness <= 1


def test_overdue_job_and_coordinator_hold(tracked: Tracked) -> None:
    assert work_items_mark_overdue(today=dt.date(2026, 7, 1)) > 0
    item = tracked.item("II.1", "T-SNGV")
    assert item.status == "overdue"
    assert work_items_mark_overdue(today=dt.date(2026, 7, 1)) == 0  # idempotent
    coordinator = tracked.world.users["coordinator"]
    with pytest.raises(ValidationFailed):
        task_hold(user=coordinator, task=item.occurrence.task, action="paused", reason="")
    task_hold(user=coordinator, task=item.occurrence.task, action="paused", reason="Chờ kinh phí")
    item.refresh_from_db()
    assert item.status == "paused"
    assert item.history.first().history_change_reason == "Chờ kinh phí"
    with pytest.raises(PermissionDenied):
        task_hold(
            user=tracked.world.users["unit_officer"],
            task=item.occurrence.task,
            action="resume",
            reason="",
        )
    task_hold(
        user=coordinator,
        task=item.occurrence.task,
        action="resume",
        reason="",
        today=dt.date(2026, 7, 1),
    )
    item.refresh_from_db()
    assert item.status == "overdue"


def test_pages_read_overdue_before_the_daily_job_runs(tracked: Tracked) -> None:
    item = tracked.item("II.1", "T-SNGV")  # due 30/06/2026, stored "not started" at import
    with time_machine.travel(at(2026, 6, 30), tick=False):
        assert (item.status, item.current_status) == ("not_started", "not_started")
    with time_machine.travel(at(2026, 7, 1), tick=False):
        assert (item.current_status, item.get_current_status_display()) == ("overdue", "Quá hạn")


def test_audit_trail_reads_as_people_write(tracked: Tracked) -> None:
    from ttdn.core.history import history_rows

    report = _submit_report(tracked, "Quý I/2026", at(2026, 3, 14))
    changes: dict[str, tuple[str, str]] = {}
    for row in history_rows(report):  # newest first: keep each field's latest change
        for change in row.changes:
            changes.setdefault(change.field, (change.old, change.new))
    leader = tracked.world.users["unit_leader"]
    assert changes["lãnh đạo duyệt"] == ("—", str(leader))
    assert changes["gửi lần đầu lúc"] == ("—", "09:00 14/03/2026")
    assert changes["trạng thái"] == ("Lãnh đạo đã duyệt", "Đã gửi cơ quan đầu mối")
    assert "version" not in changes


def test_a_tracked_plan_is_not_replaced_by_a_reimport(tracked: Tracked) -> None:
    from tests.plans.plan_data import parsed_plan, sha
    from ttdn.plans.models import Plan
    from ttdn.plans.services import plan_import

    with time_machine.travel(at(2026, 5, 10), tick=False):
        _update(tracked, tracked.item("II.1", "T-SNGV"), "Quý II/2026", progress=40)
    with pytest.raises(Conflict) as caught:
        plan_import(
            user=tracked.world.users["coordinator"],
            parsed=parsed_plan(),  # the same number and year: a replacement
            source_name="ke-hoach-sua.docx",
            source_sha256=sha("ke-hoach-sua"),
            replace=True,
        )
    assert "đang được theo dõi thực hiện (1 phần việc đã cập nhật, 6 kỳ báo cáo)" in (
        caught.value.message
    )
    assert list(Plan.objects.values_list("pk", flat=True)) == [tracked.plan.pk]
    assert TaskUpdate.objects.get().progress == 40
