"""Plans in the older formats offices still send (.doc, .rtf, .odt) are read through
LibreOffice's .docx when the server has it, and refused with the "Lưu thành .docx" advice when it
does not."""

from __future__ import annotations

import subprocess
import tempfile
from functools import cache
from pathlib import Path

import pytest

from tests.plans.parsing.rendering import render_docx
from ttdn.core.errors import ValidationFailed
from ttdn.core.office import libreoffice_path
from ttdn.plans.parsing import parse_text
from ttdn.plans.reading import plan_read

SYNTHETIC = Path(__file__).parent / "parsing" / "fixtures" / "synthetic_plan.txt"
needs_libreoffice = pytest.mark.skipif(
    libreoffice_path() is None, reason="chưa cài LibreOffice (make system-packages cài đặt)"
)


@cache
def saved_as(suffix: str) -> bytes:
    """Our synthetic plan's .docx saved by LibreOffice as .doc, .rtf or .odt. Labels are typed,
    as in most old .doc files: LibreOffice's .doc export drops Word's "restart numbering at"."""
    program = libreoffice_path()
    assert program is not None
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        (work / "ke-hoach.docx").write_bytes(
            render_docx(SYNTHETIC.read_text(encoding="utf-8"), typed_labels=True)
        )
        target = {"doc": "doc:MS Word 97", "rtf": "rtf", "odt": "odt"}[suffix]
        subprocess.run(
            [program, f"-env:UserInstallation={(work / 'p').as_uri()}", "--headless",
             "--convert-to", target, "--outdir", str(work), str(work / "ke-hoach.docx")],
            capture_output=True, timeout=120, check=True,
        )  # fmt: skip
        return (work / f"ke-hoach.{suffix}").read_bytes()


@needs_libreoffice
@pytest.mark.parametrize("suffix", ["doc", "rtf", "odt"])
def test_older_office_formats_read_into_the_same_task_register(suffix: str) -> None:
    data = saved_as(suffix)
    expected = parse_text(SYNTHETIC.read_text(encoding="utf-8")).to_json()

    reading = plan_read(data=data, filename=f"ke-hoach.{suffix}")

    assert reading.parsed.to_json()["tasks"] == expected["tasks"]
    assert reading.parsed.to_json()["document"]["number"] == expected["document"]["number"]
    assert reading.source_name == f"ke-hoach.{suffix}"


@needs_libreoffice
def test_without_libreoffice_a_doc_is_refused_with_the_save_as_advice(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    data = saved_as("doc")
    monkeypatch.setenv("TTDN_LIBREOFFICE", "/khong-co/soffice")

    with pytest.raises(ValidationFailed) as caught:
        plan_read(data=data, filename="ke-hoach.doc")

    assert "Word 97–2003 (.doc)" in caught.value.message
    assert "Lưu thành .docx" in caught.value.message
    assert caught.value.details == {"code": "legacy_doc"}


def test_a_spreadsheet_is_not_sent_to_libreoffice() -> None:
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "Workbook".encode("utf-16-le") + b"\0" * 600
    with pytest.raises(ValidationFailed) as caught:
        plan_read(data=data, filename="bang-tinh.xls")
    assert caught.value.details == {"code": "unsupported"}
