"""Browser test (Playwright + Debian Chromium): the coordinating agency opens the compiled
report from the dashboard, words part III, sees it in the preview and downloads the Word file;
screenshots kept as artefacts."""

from __future__ import annotations

import re

import pytest
from docx import Document

from tests.browser.conftest import ARTIFACTS
from tests.reporting import conftest as reporting_fixtures
from ttdn.reporting.models import CompiledReportText

pytestmark = pytest.mark.browser
tracked = reporting_fixtures.tracked


def test_coordinator_words_the_report_and_downloads_it(
    live_server, transactional_db, tracked, page, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.SESSION_COOKIE_SECURE = False  # the live server speaks plain HTTP
    settings.CSRF_COOKIE_SECURE = False
    year = tracked.periods["Năm 2026"]

    page.goto(f"{live_server.url}/reporting/dashboard/?plan={tracked.plan.pk}&period={year.pk}")
    page.get_by_label("Tên đăng nhập").fill("coord")
    page.get_by_label("Mật khẩu").fill("mat-khau-thu")
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("link", name="Báo cáo tổng hợp của kỳ").click()
    page.wait_for_url(re.compile(r".*/reporting/compiled/\?.*"))
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Báo cáo tổng hợp kết quả thực hiện"
    )
    sheet = page.get_by_role("article", name="Bản xem trước báo cáo")
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in sheet.inner_text()

    page.get_by_label("III. Phương hướng, nhiệm vụ kỳ tới").fill(
        "Tổng kết công tác thông tin đối ngoại năm 2026.\nXây dựng kế hoạch năm 2027."
    )
    page.get_by_role("button", name="Lưu nội dung").click()
    page.wait_for_url(re.compile(r".*/reporting/compiled/\?.*"))
    assert "Đã lưu nội dung các phần II, III, IV" in page.locator(".messages").inner_text()
    assert "Xây dựng kế hoạch năm 2027." in sheet.inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "browser-compiled-report.png"), full_page=True)

    with page.expect_download() as download:
        page.get_by_role("link", name="Tải bản Word (.docx)").click()
    assert download.value.suggested_filename == "bao-cao-tinh-nam-2026.docx"
    texts = [p.text for p in Document(str(download.value.path())).paragraphs]
    start = texts.index("III. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI")
    assert texts[start + 1 : start + 3] == [
        "Tổng kết công tác thông tin đối ngoại năm 2026.",
        "Xây dựng kế hoạch năm 2027.",
    ]
    assert CompiledReportText.objects.get().updated_by.username == "coord"
