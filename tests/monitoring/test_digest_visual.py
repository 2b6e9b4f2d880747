"""The visual check of the press digest: the Word document of a known period converted to PDF
by LibreOffice and to PNG pages by pdftoppm, kept in artifacts/reports/ for a person to look at
(as tests/reporting/test_visual.py does for the compiled reports). Skipped where LibreOffice or
pdftoppm is not installed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import World
from tests.monitoring.test_digest import SINCE, TODAY, UNTIL, _press
from tests.reporting.test_visual import _coloured, _ink, _pages, _text, pytestmark  # noqa: F401
from ttdn.core.office import docx_to_pdf
from ttdn.monitoring.digest import digest_data
from ttdn.monitoring.digest_docx import digest_docx
from ttdn.units.models import Role


@pytest.mark.django_db
def test_the_digest_renders_as_official_pages(world: World, tmp_path: Path) -> None:
    _press(world)
    user = world.users[Role.COORDINATOR]
    digest = digest_data(user=user, since=SINCE, until=UNTIL, today=TODAY)
    pdf = tmp_path / "tong-hop-du-luan.pdf"
    pdf.write_bytes(docx_to_pdf(digest_docx(digest)))
    pages, texts = _pages(pdf, "tong-hop-du-luan"), _text(pdf)  # _text: every page A4
    assert len(pages) == len(texts) >= 2
    assert all(_ink(page) > 0.005 for page in pages)  # no blank page
    first = texts[0].splitlines()
    # The governing body and the national name share the first line, the number and the date
    # line share theirs, whatever the number of lines the department's name takes.
    assert first[0] == "UBND TỈNH QUẢNG TRỊ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", first[0]
    assert "Số: …/BC-SVHTTDL Quảng Trị, ngày … tháng … năm …" in first
    assert "Tổng hợp dư luận báo chí" in first
    joined = "\n".join(texts)
    for heading in ("I. TÌNH HÌNH CHUNG", "III. DƯ LUẬN BÁO CHÍ NƯỚC NGOÀI", "V. ĐỀ XUẤT"):
        assert heading in joined
    assert sum(_coloured(page) > 2000 for page in pages) >= 1  # the charts are drawn
    # The signature block is never split: "Nơi nhận" and the signer on the last page.
    assert "Nơi nhận:" in texts[-1] and "PHÓ GIÁM ĐỐC" in texts[-1]
    assert "Nơi nhận:" not in "\n".join(texts[:-1])
