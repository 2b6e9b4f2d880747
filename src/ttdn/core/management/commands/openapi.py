"""`ttdn openapi [--output FILE]`: print or write the OpenAPI document (committed in docs/)."""

from __future__ import annotations

import json
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from ttdn.core.commands import TtdnCommand


def openapi_json() -> str:
    from ttdn.api.api import api

    return json.dumps(api.get_openapi_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


class Command(TtdnCommand):
    help = "Xuất tài liệu OpenAPI của API (mặc định in ra màn hình)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--output", type=Path, default=None)

    def run(self, *args: Any, **options: Any) -> None:
        text = openapi_json()
        if options["output"]:
            options["output"].write_text(text, encoding="utf-8")
        else:
            self.stdout.write(text, ending="")
