"""Browser test: an officer corrects a delegation from its page ("Sửa"): a typo in the
organisation and an agreement signed during the trip, saved, shown on the delegation page."""

from __future__ import annotations

import pytest

from tests.browser.conftest import ARTIFACTS
from tests.press.conftest import a_delegation

pytestmark = pytest.mark.browser


def test_officer_corrects_a_delegation(
    live_server, transactional_db, world, page, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.SESSION_COOKIE_SECURE = False  # the live server speaks plain HTTP
    settings.CSRF_COOKIE_SECURE = False
    row = a_delegation(world)
    page.goto(f"{live_server.url}/press/delegations/{row.pk}/")
    page.get_by_label("Tên đăng nhập").fill("officer")
    page.get_by_label("Mật khẩu").fill("mat-khau-thu")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/press/delegations/{row.pk}/")

    page.get_by_role("link", name="Sửa").click()
    page.wait_for_url(f"{live_server.url}/press/delegations/{row.pk}/edit/")
    page.get_by_label("Cơ quan, tổ chức").fill("Tỉnh Savannakhet")
    page.get_by_label("Kết quả").fill("Ký kế hoạch giao lưu thanh niên 2027.")
    page.locator("[name=agreement-0-title]").fill("Kế hoạch giao lưu thanh niên 2027")
    page.locator("[name=agreement-0-signed_on]").fill("04/11/2026")
    page.locator("form.card").screenshot(path=str(ARTIFACTS / "delegation-edit.png"))
    page.get_by_role("button", name="Lưu thay đổi").click()

    page.wait_for_url(f"{live_server.url}/press/delegations/{row.pk}/")
    assert "Đã lưu thay đổi của đoàn." in page.locator(".messages").inner_text()
    main = page.locator("main").inner_text()
    assert "Tỉnh Savannakhet" in main
    assert "Kế hoạch giao lưu thanh niên 2027 (04/11/2026)" in main
    row.refresh_from_db()
    assert row.outcomes == "Ký kế hoạch giao lưu thanh niên 2027."
