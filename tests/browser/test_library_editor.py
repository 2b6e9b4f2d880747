"""Browser tests (Playwright + Debian Chromium) of the CSDL's rich-text editor
(`library/richtext.js`): toolbar formatting by mouse and keyboard ends up as sanitised HTML in
the stored body, and pasted HTML is cleaned before it reaches the page or the server."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import ARTIFACTS
from tests.browser.test_library import axe_violations, paste_html, sign_in
from ttdn.library.models import Item

pytestmark = pytest.mark.browser


def new_item_page(browser: Any, url: str) -> Any:
    officer = sign_in(browser, url, "officer")
    officer.get_by_role("link", name="Thêm tin, bài").click()
    officer.get_by_role("textbox", name="Tiêu đề", exact=True).fill(
        "Đoàn doanh nghiệp Lào thăm Đông Hà"
    )
    return officer


def test_toolbar_makes_bold_and_a_list_by_mouse_and_keyboard(
    live_server, transactional_db, world, page, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.SESSION_COOKIE_SECURE = False  # the live server speaks plain HTTP
    settings.CSRF_COOKIE_SECURE = False
    officer = new_item_page(page.context.browser, live_server.url)
    toolbar = officer.get_by_role("toolbar", name="Định dạng nội dung")
    area = officer.get_by_role("textbox", name="Nội dung")
    assert toolbar.get_by_role("button").all_inner_texts() == [
        "Đậm", "Nghiêng", "Tiêu đề", "Danh sách", "Danh sách số", "Trích dẫn", "Liên kết",
        "Bỏ định dạng",
    ]  # fmt: skip
    assert officer.locator("textarea[name=body]").is_hidden()

    # Given a sentence, when "doanh nghiệp" is selected and Đậm clicked, it turns bold.
    area.click()
    officer.keyboard.type("Đoàn doanh nghiệp tới Đông Hà.")
    for _ in " tới Đông Hà.":
        officer.keyboard.press("ArrowLeft")
    for _ in "doanh nghiệp":
        officer.keyboard.press("Shift+ArrowLeft")
    toolbar.get_by_role("button", name="Đậm (Ctrl+B)").click()
    assert (
        toolbar.get_by_role("button", name="Đậm (Ctrl+B)").get_attribute("aria-pressed") == "true"
    )
    # Then, keyboard only: Alt+F10 reaches the toolbar, arrows pick "Danh sách", Enter applies.
    officer.keyboard.press("End")
    officer.keyboard.press("Enter")
    officer.keyboard.press("Alt+F10")
    assert officer.evaluate("document.activeElement.textContent") == "Đậm"
    for _ in range(3):
        officer.keyboard.press("ArrowRight")
    assert officer.evaluate("document.activeElement.textContent") == "Danh sách"
    officer.keyboard.press("Enter")
    officer.keyboard.type("Ký biên bản hợp tác")
    officer.keyboard.press("Enter")
    officer.keyboard.type("Thăm cửa khẩu Lao Bảo")
    assert axe_violations(officer) == []
    ARTIFACTS.mkdir(exist_ok=True)
    officer.screenshot(path=str(ARTIFACTS / "browser-library-editor.png"), full_page=True)
    officer.get_by_role("button", name="Lưu").click()
    item = Item.objects.get()
    officer.wait_for_url(f"{live_server.url}/library/{item.pk}/")

    assert item.translations.get().body == (
        "<p>Đoàn <strong>doanh nghiệp</strong> tới Đông Hà.</p>"
        "<ul><li>Ký biên bản hợp tác</li><li>Thăm cửa khẩu Lao Bảo</li></ul>"
    )
    # Reopened, the editor shows the stored text as formatted text.
    officer.goto(f"{live_server.url}/library/{item.pk}/edit/")
    area = officer.get_by_role("textbox", name="Nội dung")
    assert area.locator("strong").inner_text() == "doanh nghiệp"
    assert area.locator("ul li").all_inner_texts() == [
        "Ký biên bản hợp tác",
        "Thăm cửa khẩu Lao Bảo",
    ]
    officer.context.close()


def test_pasted_script_and_event_handlers_are_gone_after_save(
    live_server, transactional_db, world, page, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    officer = new_item_page(page.context.browser, live_server.url)
    dialogs: list[str] = []
    officer.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    officer.get_by_role("textbox", name="Nội dung").click()
    paste_html(
        officer,
        '<meta charset="utf-8"><p style="color:red" onclick="alert(1)">Tin <b>an toàn</b></p>'
        '<script>alert(2)</script><img src="x" onerror="alert(3)">'
        '<a href="javascript:alert(4)">liên kết xấu</a> <a href="https://ngoaivu.example.vn/">'
        'Sở Ngoại vụ</a><iframe src="https://example.com/"></iframe>',
    )
    area_html = officer.get_by_role("textbox", name="Nội dung").inner_html()
    assert "<script" not in area_html and "onerror" not in area_html and "<img" not in area_html
    officer.get_by_role("button", name="Lưu").click()
    item = Item.objects.get()
    officer.wait_for_url(f"{live_server.url}/library/{item.pk}/")

    assert item.translations.get().body == (
        "<p>Tin <strong>an toàn</strong></p><p>liên kết xấu "
        '<a href="https://ngoaivu.example.vn/" rel="noopener noreferrer">Sở Ngoại vụ</a></p>'
    )
    assert dialogs == []
    officer.context.close()
