"""Browser test (Playwright + Debian Chromium): a coordinator imports a plan through the web,
fixes a due date in the grid (a wrong date first), confirms and lands on the plan."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.conftest import ARTIFACTS
from tests.plans.test_import_pages import PLAN
from ttdn.plans.models import Plan, PlanDraft
from ttdn.units.demo import DEMO_PASSWORD, demo_load

pytestmark = pytest.mark.browser
# htmx wires up swapped-in content only after its settle delay; acting sooner on a new form
# would bypass htmx. Every swap is awaited until no element is mid-request or mid-swap.
HTMX_BUSY = ".htmx-request, .htmx-swapping, .htmx-settling, .htmx-added"


def settled(page: Any) -> None:
    page.wait_for_function(f"() => !document.querySelector({HTMX_BUSY!r})")


def test_coordinator_imports_a_plan_and_fixes_a_due_date(
    live_server, transactional_db, page, settings, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    settings.SESSION_COOKIE_SECURE = False  # the live server speaks plain HTTP
    settings.CSRF_COOKIE_SECURE = False
    demo_load()
    plan_file = tmp_path / "ke-hoach-12-KH-UBND.txt"
    plan_file.write_bytes(PLAN)

    page.goto(f"{live_server.url}/plans/import/")
    page.get_by_label("Tên đăng nhập").fill("daumoi")
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/plans/import/")
    page.get_by_label("Tệp kế hoạch").set_input_files(str(plan_file))
    page.get_by_role("button", name="Tải lên và đọc").click()
    page.wait_for_url(re.compile(rf"{live_server.url}/plans/import/\d+/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Xem lại kế hoạch trước khi nhập"
    row = page.locator("#task-0")
    assert "30/06/2026" in row.inner_text()

    page.get_by_role("link", name="Sửa nhiệm vụ 1").click()
    settled(page)
    page.get_by_label("Hạn (dd/mm/yyyy)").fill("31/02/2026")
    page.get_by_role("button", name="Lưu", exact=True).click()
    settled(page)
    error = page.locator("#task-0 .error")
    assert error.inner_text() == "Ngày “31/02/2026” không hợp lệ (dạng dd/mm/yyyy)."
    page.get_by_label("Hạn (dd/mm/yyyy)").fill("15/07/2026")
    page.get_by_role("button", name="Lưu", exact=True).click()
    settled(page)
    assert page.locator("#task-0.row-editing").count() == 0
    assert "15/07/2026" in page.locator("#task-0").inner_text()
    assert page.locator("#draft-alert").inner_text() == "Đã lưu nhiệm vụ 1."
    # The unit panel came back out of band, whole and outside the grid.
    assert page.locator("#mentions tbody tr").count() == 5
    assert page.locator("#grid [id^=mention]").count() == 0
    assert page.locator("#grid tbody tr[id^=task-]").count() == 4
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "browser-plan-import-preview.png"), full_page=True)

    page.get_by_role("button", name="Xác nhận nhập kế hoạch").click()
    plan_url = re.compile(rf"{live_server.url}/plans/\d+/$")
    page.wait_for_url(plan_url)
    plan = Plan.objects.get()
    assert not PlanDraft.objects.exists()
    assert page.get_by_role("heading", level=1).inner_text() == plan.title
    assert "Đã nhập kế hoạch" in page.locator(".messages").inner_text()
    task_row = page.locator("#tasks tr", has_text="Xuất bản sổ tay giới thiệu các bãi biển")
    assert "15/07/2026" in task_row.inner_text()
    assert str(plan.tasks.get(order=1).due) == "2026-07-15"
    page.screenshot(path=str(ARTIFACTS / "browser-plan-import.png"), full_page=True)
