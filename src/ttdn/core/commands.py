"""Base class for our management commands (ApplicationError → Vietnamese message, exit code 1)
and the checks and whole-file writes of the commands that write documents."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from ttdn.core.errors import ApplicationError, ValidationFailed
from ttdn.core.office import libreoffice_require


class TtdnCommand(BaseCommand):
    """Subclasses implement `run`; bad input ends with the message on stderr and no traceback."""

    def handle(self, *args: Any, **options: Any) -> str | None:
        try:
            return self.run(*args, **options)
        except ApplicationError as exc:
            self.stderr.write(f"Lỗi: {exc.message}")
            sys.exit(1)

    def run(self, *args: Any, **options: Any) -> str | None:
        raise NotImplementedError


def output_check(path: Path, suffix: str) -> None:
    """Refuse, before any work, an output file with the wrong suffix or in a missing folder,
    and a PDF when the server has no LibreOffice to make it."""
    if path.suffix.lower() != suffix:
        raise ValidationFailed(f"Tệp {path} phải có đuôi {suffix}.")
    if not path.parent.is_dir():
        raise ValidationFailed(f"Không có thư mục {path.parent} để ghi {path.name}.")
    if suffix == ".pdf":
        libreoffice_require()


def write_whole(path: Path, data: bytes) -> None:
    """Write through a temporary file in the same folder: a reader never sees half a file and a
    failure leaves no file behind."""
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    except OSError as exc:
        raise ValidationFailed(f"Không ghi được tệp {path}: {exc.strerror or exc}.") from exc
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise ValidationFailed(f"Không ghi được tệp {path}: {exc.strerror or exc}.") from exc
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
