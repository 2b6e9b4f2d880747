"""Browser test (Playwright + Debian Chromium): the coordinating agency opens the dashboard,
sees who reported, returns a unit's report with a comment, and sends another unit the official
reminder; screenshots kept as artefacts."""

from __future__ import annotations

import re

import pytest
import time_machine

from tests.browser.conftest import ARTIFACTS
from tests.factories import UserFactory
from tests.reporting import conftest as reporting_fixtures
from tests.reporting.conftest import at
from ttdn.notifications.models import Notification
from ttdn.reporting.models import Reminder, ReportStatus
from ttdn.reporting.services import (
    report_open,
    report_save,
    report_transition,
    task_update_save,
)
from ttdn.units.models import Role

pytestmark = pytest.mark.browser
tracked = reporting_fixtures.tracked


def _submitted_report(tracked):  # type: ignore[no-untyped-def]
    officer, leader = tracked.world.users["unit_officer"], tracked.world.users["unit_leader"]
    period = tracked.periods["Năm 2026"]
    with time_machine.travel(at(2026, 11, 10), tick=False):
        task_update_save(
            user=officer,
            item=tracked.item("II.1", "T-SNGV"),
            period=period,
            narrative="Đã phát hành bốn số bản tin song ngữ.",
            status="done",
            progress=100,
            version=0,
        )
        report = report_open(user=officer, period=period, unit=tracked.world.foreign_affairs)
        report = report_save(
            user=officer,
            report=report,
            summary="Hoàn thành các nhiệm vụ chủ trì.",
            difficulties="",
            proposals="",
            version=report.version,
        )
        report = report_transition(user=officer, report=report, action="send_for_approval")
        report = report_transition(user=leader, report=report, action="approve")
        return report_transition(user=officer, report=report, action="submit")


def test_coordinator_returns_a_report_and_sends_a_reminder(
    live_server, transactional_db, tracked, page, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.SESSION_COOKIE_SECURE = False  # the live server speaks plain HTTP
    settings.CSRF_COOKIE_SECURE = False
    report = _submitted_report(tracked)
    police_officer = UserFactory(
        username="canbo-ca", role=Role.UNIT_OFFICER, unit=tracked.world.police
    )
    year = tracked.periods["Năm 2026"]

    page.goto(f"{live_server.url}/reporting/")
    page.get_by_label("Tên đăng nhập").fill("coord")
    page.get_by_label("Mật khẩu").fill("mat-khau-thu")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(re.compile(r".*/reporting/dashboard/.*"))
    page.goto(f"{live_server.url}/reporting/dashboard/?plan={tracked.plan.pk}&period={year.pk}")
    assert page.get_by_role("heading", level=1).inner_text() == "Theo dõi tiến độ và báo cáo"
    row = page.locator("tr", has=page.get_by_role("link", name="Sở Ngoại vụ", exact=True))
    assert "Đã gửi cơ quan đầu mối" in row.inner_text()
    assert "Đúng hạn" in row.inner_text()  # 10/11, before the plan's deadline of 15/11
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "browser-dashboard.png"), full_page=True)

    row.get_by_role("link", name="Đã gửi cơ quan đầu mối").click()
    page.wait_for_url(f"{live_server.url}/reporting/reports/{report.pk}/")
    page.get_by_label("Nội dung cần sửa").fill("Bổ sung số liệu tin, bài của quý IV.")
    page.get_by_role("button", name="Trả lại đơn vị").click()
    page.wait_for_url(f"{live_server.url}/reporting/reports/{report.pk}/")
    assert page.locator("#report-status").inner_text() == "Bị trả lại"
    assert "Bổ sung số liệu tin, bài của quý IV." in page.locator("main").inner_text()
    report.refresh_from_db()
    assert (report.status, report.review_comment) == (
        ReportStatus.RETURNED,
        "Bổ sung số liệu tin, bài của quý IV.",
    )
    page.screenshot(path=str(ARTIFACTS / "browser-report-returned.png"), full_page=True)

    page.goto(f"{live_server.url}/reporting/dashboard/?plan={tracked.plan.pk}&period={year.pk}")
    police_row = page.locator("tr", has_text="Công an tỉnh Quảng Trị")
    police_row.get_by_role("link", name=re.compile("^Nhắc")).click()
    page.wait_for_url(re.compile(r".*/remind/$"))
    text = page.get_by_label("Nội dung").input_value()
    assert "Kính gửi: Công an tỉnh Quảng Trị" in text
    page.get_by_role("button", name="Gửi nhắc").click()
    page.wait_for_url(re.compile(r".*/reporting/dashboard/.*"))
    assert "Đã gửi nhắc đến 1 người" in page.locator(".messages").inner_text()
    reminder = Reminder.objects.get()
    assert (reminder.unit_id, reminder.recipients) == (tracked.world.police.pk, 1)
    assert Notification.objects.filter(user=police_officer, kind="reminder").count() == 1
