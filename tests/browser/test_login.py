"""Browser test (Playwright + Debian Chromium): a demo unit officer signs in and sees Vietnamese."""

from __future__ import annotations

import pytest

from tests.browser.conftest import ARTIFACTS
from ttdn.units.demo import DEMO_PASSWORD, demo_load

pytestmark = pytest.mark.browser


def test_demo_unit_officer_logs_in_and_sees_vietnamese_navigation(
    live_server, transactional_db, page, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.SESSION_COOKIE_SECURE = False  # the live server speaks plain HTTP
    settings.CSRF_COOKIE_SECURE = False
    demo_load()
    page.goto(f"{live_server.url}/")
    assert page.url.startswith(f"{live_server.url}/login/")
    page.get_by_label("Tên đăng nhập").fill("canbo.ngoaivu")
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")
    nav = page.get_by_role("navigation", name="Chức năng chính")
    labels = [text.strip() for text in nav.locator("li").all_inner_texts()]
    assert labels[0] == "Tổng quan"
    assert "Kế hoạch và nhiệm vụ" in labels  # delivered: a link now
    assert "Báo cáo tiến độ" in labels  # delivered: a link now
    assert "CSDL thông tin đối ngoại" in labels  # delivered: a link now
    assert "Đơn vị" in labels
    assert page.get_by_role("heading", level=1).inner_text() == "Xin chào, Phạm Thị Lan"
    assert page.locator("html").get_attribute("lang") == "vi"
    nav.get_by_role("link", name="Đơn vị").click()
    page.wait_for_url(f"{live_server.url}/units/")
    assert page.get_by_role("heading", level=1).inner_text() == "Danh mục đơn vị"
    page.get_by_label("Tìm đơn vị").fill("ngoai vu")
    page.wait_for_selector("#results table")
    assert page.locator("#results").get_by_role("link", name="Sở Ngoại vụ").count() == 3
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "browser-unit-directory.png"), full_page=True)
