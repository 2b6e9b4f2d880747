"""Browser test (Playwright + Debian Chromium): a foreign-affairs officer records a foreign
reporters' visit with its programme, adds an item in the programme editor of the visit page,
then finds the visit on the month calendar (filtered by kind) and opens it."""

from __future__ import annotations

import pytest

from tests.browser.conftest import ARTIFACTS
from ttdn.press.models import Visit

pytestmark = pytest.mark.browser


def test_officer_creates_a_visit_edits_its_programme_and_sees_it_on_the_calendar(
    live_server, transactional_db, world, page, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.SESSION_COOKIE_SECURE = False  # the live server speaks plain HTTP
    settings.CSRF_COOKIE_SECURE = False
    page.goto(f"{live_server.url}/press/")
    page.get_by_label("Tên đăng nhập").fill("officer")
    page.get_by_label("Mật khẩu").fill("mat-khau-thu")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/press/")
    assert (
        page.get_by_role("link", name="Phóng viên và đoàn nước ngoài").get_attribute("aria-current")
        == "page"
    )

    page.get_by_role("link", name="Ghi nhận đề nghị mới").click()
    page.wait_for_url(f"{live_server.url}/press/visits/new/")
    page.get_by_label("Tên đoàn").fill("Phóng viên ABC tìm hiểu điện gió")
    page.get_by_label("Ngày nhận đề nghị").fill("20/04/2026")
    page.get_by_label("Kênh tiếp nhận").select_option("email")
    page.get_by_label("Từ ngày").fill("18/05/2026")
    page.get_by_label("Đến ngày").fill("19/05/2026")
    page.get_by_label("Mục đích, nội dung tác nghiệp").fill(
        "Ghi hình các dự án điện gió ở Hướng Hóa."
    )
    page.locator("[name=reporter-0-full_name]").fill("Emma Clarke")
    page.locator("[name=reporter-0-nationality]").select_option("AU")
    page.locator("[name=reporter-0-outlet]").fill("ABC News")
    page.locator("[name=programme-0-day]").fill("18/05/2026")
    page.locator("[name=programme-0-starts_at]").fill("08:30")
    page.locator("[name=programme-0-ends_at]").fill("11:00")
    page.locator("[name=programme-0-place]").fill("Nhà máy điện gió Hướng Linh")
    page.get_by_role("button", name="Lưu đề nghị").click()

    visit = Visit.objects.get()
    page.wait_for_url(f"{live_server.url}/press/visits/{visit.pk}/")
    assert "Đã ghi nhận đề nghị của đoàn" in page.locator(".messages").inner_text()
    assert page.get_by_role("heading", level=1).inner_text() == "Phóng viên ABC tìm hiểu điện gió"
    assert "Úc" in page.locator("main").inner_text()

    page.get_by_text("Sửa chương trình").click()
    page.locator("[name=programme-1-day]").fill("19/05/2026")
    page.locator("[name=programme-1-starts_at]").fill("14:00")
    page.locator("[name=programme-1-ends_at]").fill("16:00")
    page.locator("[name=programme-1-place]").fill("Cửa khẩu Lao Bảo")
    page.locator("[name=programme-1-meeting]").fill("Ban Quản lý Khu kinh tế")
    page.locator("#programme-editor").screenshot(path=str(ARTIFACTS / "programme-editor.png"))
    page.get_by_role("button", name="Lưu chương trình").click()
    page.wait_for_url(f"{live_server.url}/press/visits/{visit.pk}/")
    assert "Đã lưu chương trình tác nghiệp." in page.locator(".messages").inner_text()
    assert list(visit.programme.values_list("place", flat=True)) == [
        "Nhà máy điện gió Hướng Linh",
        "Cửa khẩu Lao Bảo",
    ]

    page.goto(f"{live_server.url}/activities/calendar/?year=2026&month=5")
    page.get_by_label("Đoàn phóng viên").check()
    page.get_by_role("button", name="Lọc").click()
    page.wait_for_url("**/activities/calendar/?*kind=visit*")
    cell_links = page.locator(
        "table.month li.ev-visit a", has_text="Phóng viên ABC tìm hiểu điện gió"
    )
    assert cell_links.count() == 2  # 18 and 19 May
    # Each "Loại" box sits just before its text, on one line, all boxes on the same row.
    boxes = []
    for label in page.locator("fieldset.kinds label").all():
        box, text = label.locator("input").bounding_box(), label.bounding_box()
        assert box is not None and text is not None
        assert box["width"] < 24 and box["x"] - text["x"] < 2
        assert text["height"] < 2 * box["height"] + 4
        boxes.append(box["y"])
    assert len(boxes) == 4 and max(boxes) - min(boxes) < 2
    page.locator("form.filters").screenshot(path=str(ARTIFACTS / "calendar-filters.png"))
    page.screenshot(path=str(ARTIFACTS / "press-calendar.png"), full_page=True)
    cell_links.first.click()
    page.wait_for_url(f"{live_server.url}/press/visits/{visit.pk}/")
