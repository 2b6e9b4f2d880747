"""Office documents: their content types, and .docx to PDF through LibreOffice when the server
has it (optional: Debian's `libreoffice-writer-nogui`). Each conversion runs headless in its own
temporary profile, so two conversions at once never fight over a profile lock, and is killed
after a timeout."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ttdn.core.errors import ApplicationError

TIMEOUT_SECONDS = 120
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"
_CANDIDATES = ("soffice", "libreoffice")


class ConversionUnavailable(ApplicationError):
    """The server cannot make a PDF (no LibreOffice, or it failed)."""

    status_code = 503


def libreoffice_path() -> str | None:
    """The LibreOffice program (`TTDN_LIBREOFFICE` or the first on PATH), or None."""
    configured = os.environ.get("TTDN_LIBREOFFICE", "")
    if configured:
        return configured if Path(configured).is_file() else None
    for name in _CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def pdf_available() -> bool:
    return libreoffice_path() is not None


def libreoffice_require() -> str:
    """The LibreOffice program, or ConversionUnavailable saying it is not installed."""
    program = libreoffice_path()
    if program is None:
        raise ConversionUnavailable(
            "Máy chủ chưa cài LibreOffice nên chưa xuất được PDF; hãy tải bản Word (.docx) "
            "hoặc nhờ quản trị cài gói libreoffice-writer-nogui."
        )
    return program


def docx_to_pdf(data: bytes, *, timeout: int = TIMEOUT_SECONDS) -> bytes:
    """The PDF of a .docx, or ConversionUnavailable with a message saying why."""
    program = libreoffice_require()
    with tempfile.TemporaryDirectory(prefix="ttdn-pdf-") as folder:
        work = Path(folder)
        source = work / "document.docx"
        source.write_bytes(data)
        command = [
            program,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(source),
        ]
        try:
            subprocess.run(  # noqa: S603 - a fixed program and our own temporary files
                command, capture_output=True, timeout=timeout, check=False, cwd=work
            )
        except subprocess.TimeoutExpired as exc:
            raise ConversionUnavailable(
                f"LibreOffice không chuyển xong sang PDF trong {timeout} giây; hãy thử lại sau."
            ) from exc
        target = work / "document.pdf"
        if not target.is_file() or target.stat().st_size == 0:
            raise ConversionUnavailable(
                "LibreOffice không chuyển được tệp sang PDF; hãy tải bản Word (.docx)."
            )
        return target.read_bytes()
