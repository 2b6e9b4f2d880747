"""The visual check of the generated documents: the demo's province report, a unit's report and
next year's plan draft converted to PDF by LibreOffice and to PNG pages by pdftoppm, kept in
artifacts/reports/ for a person to look at (CI keeps the folder). The test checks what a machine
can: the page size, the header on one line each, the title, the charts drawn, the last page's
signature block. Skipped where LibreOffice or pdftoppm is not installed."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import numpy
import pytest
import time_machine
from django.core.management import call_command
from PIL import Image

from tests.reporting.conftest import at

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "reports"
pytestmark = pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdftoppm")),
    reason="chưa cài LibreOffice và pdftoppm (make system-packages cài đặt)",
)


def _pages(pdf: Path, stem: str) -> list[Path]:
    """The PDF's pages as PNG files in artifacts/reports/ (older pages of `stem` removed)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob(f"{stem}-*.png"):
        old.unlink()
    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", str(pdf), str(ARTIFACTS / stem)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return sorted(ARTIFACTS.glob(f"{stem}-*.png"))


def _ink(png: Path) -> float:
    """Share of the page that is not white."""
    grey = numpy.asarray(Image.open(png).convert("L"))
    return float((grey < 200).mean())


def _coloured(png: Path) -> int:
    """Pixels of a saturated colour: the charts' bars (the text is black)."""
    rgb = numpy.asarray(Image.open(png).convert("RGB")).astype(int)
    return int(((rgb.max(axis=2) - rgb.min(axis=2)) > 80).sum())


def _text(pdf: Path) -> list[str]:
    pdfplumber = pytest.importorskip("pdfplumber")
    with pdfplumber.open(pdf) as document:
        sizes = {(round(p.width), round(p.height)) for p in document.pages}
        assert sizes == {(595, 842)}  # A4 portrait, in points
        return [page.extract_text() or "" for page in document.pages]


def test_demo_documents_render_as_official_pages(db: None, tmp_path: Path) -> None:
    call_command("demo", allow_production=True, stdout=io.StringIO())
    files = {name: (tmp_path / f"{name}.docx", tmp_path / f"{name}.pdf") for name in
             ("bao-cao-tinh", "bao-cao-so-ngoai-vu", "du-thao-ke-hoach-2027")}  # fmt: skip
    with time_machine.travel(at(2026, 11, 22), tick=False):
        for name, unit in (("bao-cao-tinh", []), ("bao-cao-so-ngoai-vu", ["--unit", "QT-SNGV"])):
            docx, pdf = files[name]
            call_command(
                "report", "build", "--year", "2026", *unit, "--output", str(docx),
                "--pdf", str(pdf), stdout=io.StringIO(),
            )  # fmt: skip
        docx, pdf = files["du-thao-ke-hoach-2027"]
        call_command(
            "plan", "draft-next", "--year", "2026", "--output", str(docx), "--pdf", str(pdf),
            stdout=io.StringIO(),
        )  # fmt: skip

    for name, (_, pdf) in files.items():
        pages = _pages(pdf, name)
        texts = _text(pdf)
        assert len(pages) == len(texts) >= 2, name
        assert all(_ink(page) > 0.005 for page in pages), name  # no blank page
        first = texts[0].splitlines()
        # Issuer and national name side by side on the first line: the motto's column is wide
        # enough for "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" on one line.
        assert first[0].endswith("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), (name, first[0])
        assert any(line.endswith("Độc lập - Tự do - Hạnh phúc") for line in first[:3]), name
        assert "Nơi nhận:" in texts[-1], name

    report = _text(files["bao-cao-tinh"][1])
    assert report[0].splitlines()[0] == "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert "Kết quả thực hiện công tác thông tin đối ngoại năm 2026" in report[0]
    joined = "\n".join(report)
    for heading in ("I. KẾT QUẢ THỰC HIỆN", "II. TỒN TẠI, HẠN CHẾ", "IV. ĐỀ XUẤT, KIẾN NGHỊ"):
        assert heading in joined
    charts = [p for p in _pages(files["bao-cao-tinh"][1], "bao-cao-tinh") if _coloured(p) > 2000]
    assert len(charts) >= 1  # the two charts are drawn (on one or two pages)
    plan = _text(files["du-thao-ke-hoach-2027"][1])
    assert "KẾ HOẠCH" in plan[0] and "năm 2027" in plan[0]
