"""Office documents: their content types, and conversions through LibreOffice when the server
has it (optional: Debian's `libreoffice-writer-nogui`): .docx to PDF, and the older formats
offices still send (.doc, .rtf, .odt) to .docx. Each conversion runs headless in its own
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
    return _convert(data, "docx", "pdf", timeout=timeout)


def office_to_docx(data: bytes, suffix: str, *, timeout: int = TIMEOUT_SECONDS) -> bytes:
    """A Word 97–2003 .doc, an .rtf or an OpenDocument .odt (`suffix`) as a .docx, or
    ConversionUnavailable with a message saying why."""
    return _convert(data, suffix, "docx", timeout=timeout)


def _convert(data: bytes, suffix: str, target: str, *, timeout: int) -> bytes:
    program = libreoffice_require()
    what = "PDF" if target == "pdf" else f".{target}"
    with tempfile.TemporaryDirectory(prefix="ttdn-office-") as folder:
        work = Path(folder)
        source = work / f"document.{suffix}"
        source.write_bytes(data)
        out = work / "out"
        command = [
            program,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            target,
            "--outdir",
            str(out),
            str(source),
        ]
        try:
            subprocess.run(  # noqa: S603 - a fixed program and our own temporary files
                command, capture_output=True, timeout=timeout, check=False, cwd=work
            )
        except subprocess.TimeoutExpired as exc:
            raise ConversionUnavailable(
                f"LibreOffice không chuyển xong sang {what} trong {timeout} giây; hãy thử lại sau."
            ) from exc
        result = out / f"document.{target}"
        if not result.is_file() or result.stat().st_size == 0:
            hint = "hãy tải bản Word (.docx)" if target == "pdf" else "hãy lưu tệp thành .docx"
            raise ConversionUnavailable(f"LibreOffice không chuyển được tệp sang {what}; {hint}.")
        return result.read_bytes()
