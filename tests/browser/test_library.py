"""Browser test (Playwright + Debian Chromium) of the CSDL: a unit officer submits an item, the
content editor returns it with a comment, the officer fixes it and adds the English version, the
editor approves and publishes it, and a visitor without an account finds it on the portal by an
unaccented query in Vietnamese and in English. Every page is scanned with axe-core (from the
axe-playwright-python wheel, no CDN); screenshots go to artifacts/."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import ARTIFACTS
from ttdn.library.models import Item, ItemState

pytestmark = pytest.mark.browser
TITLE = "Quảng Bình và Quảng Trị đón đoàn doanh nghiệp Lào"
TITLE_EN = "Quang Binh and Quang Tri welcome Lao businesses"


def axe_violations(page: Any) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])})" for v in results.response["violations"]]


def sign_in(browser: Any, url: str, username: str) -> Any:
    page = browser.new_context(locale="vi-VN", viewport={"width": 1366, "height": 900}).new_page()
    page.goto(f"{url}/login/?next=/library/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill("mat-khau-thu")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{url}/library/")
    return page


def paste_html(page: Any, html: str) -> None:
    """What a paste from a word processor or a web page delivers: text/html on the clipboard."""
    page.get_by_role("textbox", name="Nội dung").evaluate(
        """(area, html) => {
            const data = new DataTransfer();
            data.setData("text/html", html);
            data.setData("text/plain", "văn bản thô");
            area.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true,
                                                            cancelable: true}));
        }""",
        html,
    )


def shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"browser-library-{name}.png"), full_page=True)


def test_submit_return_fix_publish_then_a_visitor_finds_it(
    live_server, transactional_db, world, page, settings, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    settings.SESSION_COOKIE_SECURE = False  # the live server speaks plain HTTP
    settings.CSRF_COOKIE_SECURE = False
    settings.MEDIA_ROOT = tmp_path
    url = live_server.url
    browser = page.context.browser

    officer = sign_in(browser, url, "officer")
    assert (
        officer.get_by_role("link", name="CSDL thông tin đối ngoại").get_attribute("aria-current")
        == "page"
    )
    officer.get_by_role("link", name="Thêm tin, bài").click()
    officer.get_by_label("Loại").select_option("news")
    officer.get_by_label("Độ mật").select_option("public")
    officer.get_by_role("textbox", name="Tiêu đề", exact=True).fill(TITLE)
    officer.get_by_role("textbox", name="Nội dung").click()
    paste_html(officer, "<p>Đoàn <b>doanh nghiệp</b> tới Đông Hà.</p><script>alert(1)</script>")
    officer.get_by_label("Địa danh").fill("Đông Hà")
    assert axe_violations(officer) == []
    officer.get_by_role("button", name="Lưu").click()
    item = Item.objects.get()
    officer.wait_for_url(f"{url}/library/{item.pk}/")
    officer.get_by_role("button", name="Gửi duyệt").click()
    officer.wait_for_url(f"{url}/library/{item.pk}/")
    assert "Đã gửi duyệt." in officer.locator(".messages").inner_text()

    editor = sign_in(browser, url, "editor")
    editor.get_by_role("link", name=TITLE).click()
    editor.get_by_label("Ý kiến trả lại").fill("Cần ghi nguồn tin.")
    assert axe_violations(editor) == []
    shot(editor, "review")
    editor.get_by_role("button", name="Trả lại").click()
    editor.wait_for_url(f"{url}/library/{item.pk}/")
    item.refresh_from_db()
    assert (item.state, item.review_comment) == (ItemState.RETURNED, "Cần ghi nguồn tin.")

    officer.reload()
    assert "Cần ghi nguồn tin." in officer.get_by_role("note").inner_text()
    officer.get_by_role("link", name="Sửa", exact=True).click()
    officer.get_by_label("Nguồn").fill("Sở Ngoại vụ")
    officer.get_by_role("button", name="Lưu").click()
    officer.wait_for_url(f"{url}/library/{item.pk}/")
    officer.get_by_role("link", name="Thêm bản dịch English").click()
    officer.get_by_role("textbox", name="Tiêu đề", exact=True).fill(TITLE_EN)
    officer.get_by_role("textbox", name="Nội dung").fill("Lao businesses visit Đông Hà.")
    officer.get_by_role("button", name="Lưu bản dịch").click()
    officer.wait_for_url(f"{url}/library/{item.pk}/")
    officer.get_by_role("button", name="Gửi duyệt").click()
    officer.wait_for_url(f"{url}/library/{item.pk}/")

    editor.reload()
    editor.get_by_role("button", name="Duyệt").click()
    editor.wait_for_url(f"{url}/library/{item.pk}/")
    editor.get_by_role("button", name="Xuất bản").click()
    editor.wait_for_url(f"{url}/library/{item.pk}/")
    assert "Đã xuất bản." in editor.locator(".messages").inner_text()
    shot(editor, "published")
    item.refresh_from_db()
    assert (item.state, item.source) == (ItemState.PUBLISHED, "Sở Ngoại vụ")

    visitor = page  # a fresh browser context: no account, an English browser
    visitor.goto(f"{url}/portal/vi/")
    assert visitor.locator("html").get_attribute("lang") == "vi"
    assert axe_violations(visitor) == []
    visitor.get_by_label("Tìm tin, bài (gõ có dấu hoặc không dấu)").fill("quang binh doanh nghiep")
    visitor.get_by_role("button", name="Tìm").click()
    visitor.wait_for_url(f"{url}/portal/vi/search/?q=quang+binh+doanh+nghiep")
    assert (
        visitor.get_by_role("status").inner_text()
        == "Kết quả tìm kiếm cho “quang binh doanh nghiep”: 1"
    )
    assert visitor.locator(".hits mark").first.inner_text() == "Quảng"
    assert axe_violations(visitor) == []
    shot(visitor, "search-vi")
    visitor.get_by_role("link", name=TITLE).click()
    visitor.wait_for_url(f"{url}/portal/vi/i/{item.pk}/**")
    assert visitor.get_by_role("heading", level=1).inner_text() == TITLE
    assert visitor.locator("script").count() == 0 and "alert(1)" not in visitor.content()
    assert visitor.locator('link[hreflang="en"]').count() == 1
    assert axe_violations(visitor) == []
    shot(visitor, "item-vi")

    visitor.get_by_role("link", name="English").first.click()
    visitor.get_by_label("Search the news (with or without diacritics)").fill("quang binh")
    visitor.get_by_role("button", name="Search").click()
    visitor.wait_for_url(f"{url}/portal/en/search/?q=quang+binh")
    assert visitor.get_by_role("status").inner_text() == "Results for “quang binh”: 1"
    visitor.get_by_role("link", name=TITLE_EN).click()
    assert visitor.locator("html").get_attribute("lang") == "en"
    assert visitor.get_by_role("heading", level=1).inner_text() == TITLE_EN
    assert axe_violations(visitor) == []
    shot(visitor, "item-en")
    # Close the staff browsers: their kept-alive connections would hold the live server's
    # request threads (and their database sessions) past the test.
    officer.context.close()
    editor.context.close()


def test_portal_is_usable_with_the_keyboard(live_server, transactional_db, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{live_server.url}/portal/vi/")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text() == "Bỏ qua, đến nội dung chính"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.get_by_label("Tìm tin, bài (gõ có dấu hoặc không dấu)").focus()
    page.keyboard.type("cua tung")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/portal/vi/search/?q=cua+tung")
    assert page.get_by_role("heading", level=1).inner_text() == "Tìm kiếm"
