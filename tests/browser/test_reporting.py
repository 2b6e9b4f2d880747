"""Browser test (Playwright + Debian Chromium): a unit officer opens Việc của tôi, opens a task,
chooses the quarter, saves an update with a figure and money written in words, and sees it
saved on the page and in the item's history."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone, translation

from tests.browser.conftest import ARTIFACTS
from tests.browser.test_plan_import import settled
from tests.reporting import conftest as reporting_fixtures
from ttdn.plans.lifecycle import settle
from ttdn.plans.models import WorkItem
from ttdn.reporting.models import Indicator, TaskUpdate

pytestmark = pytest.mark.browser
tracked = reporting_fixtures.tracked  # the plan with its periods, as in the page tests


def test_officer_reports_progress_with_a_figure(
    live_server, transactional_db, tracked, page, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.SESSION_COOKIE_SECURE = False  # the live server speaks plain HTTP
    settings.CSRF_COOKIE_SECURE = False
    # A transactional test before this one may have flushed the migration's indicator list.
    news, _ = Indicator.objects.get_or_create(
        code="tin-bai", defaults={"name": "Số tin, bài", "measure": "tin, bài", "order": 10}
    )
    quarter = tracked.periods["Quý II/2026"]
    item = tracked.item("II.1", "T-SNGV")

    page.goto(f"{live_server.url}/reporting/")
    page.get_by_label("Tên đăng nhập").fill("officer")
    page.get_by_label("Mật khẩu").fill("mat-khau-thu")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/reporting/my-work/")
    assert page.get_by_role("heading", level=1).inner_text() == "Việc của tôi"
    assert page.get_by_role("link", name="Báo cáo tiến độ").get_attribute("aria-current") == "page"

    page.get_by_role("link", name=re.compile("Xuất bản bản tin đối ngoại song ngữ")).click()
    page.wait_for_url(f"{live_server.url}/reporting/work/{item.pk}/")
    page.get_by_label("Kỳ báo cáo", exact=True).select_option(str(quarter.pk))
    settled(page)
    page.wait_for_url(f"{live_server.url}/reporting/work/{item.pk}/?period={quarter.pk}")
    page.get_by_label("Kết quả thực hiện", exact=True).fill("Đã phát hành số 2 bản tin song ngữ.")
    page.get_by_label("Trạng thái").select_option("in_progress")
    page.get_by_label("Tiến độ (%)").fill("60")
    page.get_by_label("Kinh phí đã chi (đồng)").fill("12,5 triệu")
    page.get_by_label("Số tin, bài").fill("14")
    page.get_by_role("button", name="Lưu kết quả").click()
    page.wait_for_url(f"{live_server.url}/reporting/work/{item.pk}/?period={quarter.pk}")

    assert "Đã lưu kết quả thực hiện." in page.locator(".messages").inner_text()
    assert page.get_by_label("Số tin, bài").input_value() == "14"
    assert page.get_by_label("Kinh phí đã chi (đồng)").input_value() == "12.500.000 đ"
    history = page.locator("section", has=page.locator("#updates-title"))
    row = history.locator("tbody tr").first
    assert "Quý II/2026" in row.inner_text()
    assert "Số tin, bài: 14" in row.inner_text()
    assert "12.500.000 đ" in row.inner_text()
    update = TaskUpdate.objects.get()
    assert (update.period_id, update.progress, update.spent_vnd) == (quarter.pk, 60, 12_500_000)
    assert list(update.values.values_list("indicator_id", "value")) == [(news.pk, 14)]
    # The work is under way; past its due date the system keeps it "quá hạn" (the suite's
    # "today" is the real one here: the live server runs in another thread).
    item = WorkItem.objects.select_related("occurrence").get(pk=item.pk)
    assert item.progress == 60
    assert item.status == settle("in_progress", item.occurrence.due, timezone.localdate())
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "browser-reporting-update.png"), full_page=True)

    page.get_by_role("link", name="Việc của tôi").first.click()
    page.wait_for_url(f"{live_server.url}/reporting/my-work/")
    row = page.locator("tr", has_text="Xuất bản bản tin đối ngoại song ngữ")
    with translation.override("vi"):
        assert item.get_status_display() in row.inner_text() and "60%" in row.inner_text()
    page.screenshot(path=str(ARTIFACTS / "browser-reporting-my-work.png"), full_page=True)
