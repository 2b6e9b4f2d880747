"""Browser test (Playwright + Debian Chromium): a monitoring officer tries a rule in the "thử" box
(answered in place through HTMX), then adds a topic whose rule has an error, sees where, fixes it;
screenshots kept as artefacts."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import ARTIFACTS
from ttdn.monitoring.ingestion import Item, store_item
from ttdn.monitoring.models import Source, SourceKind
from ttdn.monitoring.taxonomy import taxonomy_current

pytestmark = pytest.mark.browser


def test_an_officer_tries_a_rule_and_adds_a_topic(
    live_server, transactional_db, world, page, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.SESSION_COOKIE_SECURE = False  # the live server speaks plain HTTP
    settings.CSRF_COOKIE_SECURE = False
    source = Source.objects.create(name="Báo Quảng Trị", kind=SourceKind.MANUAL)
    store_item(source, Item(url="https://a.vn/1", title="Cảng Mỹ Thủy", text="Khởi công cảng."))
    store_item(source, Item(url="https://a.vn/2", title="Lễ hội", text="Du khách tới Cửa Tùng."))

    page.goto(f"{live_server.url}/monitoring/topics/")
    page.get_by_label("Tên đăng nhập").fill("coord")
    page.get_by_label("Mật khẩu").fill("mat-khau-thu")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(re.compile(r".*/monitoring/topics/$"))
    page.get_by_role("textbox", name="Biểu thức").fill("cảng OR port*")
    page.get_by_role("button", name="Thử", exact=True).click()
    result = page.locator("#rule-try-result")
    result.get_by_text("Khớp 1 trong 2 tin gần đây nhất.").wait_for()
    assert page.url.endswith("/monitoring/topics/")  # answered in place, no page change
    assert "Cảng Mỹ Thủy" in result.inner_text() and "Lễ hội" not in result.inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "browser-monitoring-topics.png"), full_page=True)

    page.get_by_role("link", name="Thêm chủ đề").click()
    page.get_by_label("Mã chủ đề").fill("cang-bien")
    page.get_by_label("Tên chủ đề").fill("Cảng biển")
    page.get_by_label("Quy tắc (mỗi dòng một quy tắc)").fill('2 | "cảng biển" OR (port*')
    page.get_by_role("button", name="Lưu").click()
    error = page.get_by_role("alert").filter(has_text="Quy tắc 1")
    assert error.inner_text() == "Quy tắc 1: Thiếu dấu “)” (ở cuối biểu thức)"
    page.screenshot(path=str(ARTIFACTS / "browser-monitoring-topic-error.png"), full_page=True)
    page.get_by_label("Quy tắc (mỗi dòng một quy tắc)").fill('2 | "cảng biển" OR port*')
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_url(re.compile(r".*/monitoring/topics/$"))
    assert taxonomy_current().topic("cang-bien").name == "Cảng biển"
