"""Base class for our management commands: ApplicationError → Vietnamese message, exit code 1."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand

from ttdn.core.errors import ApplicationError


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
