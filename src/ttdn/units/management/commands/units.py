"""`ttdn units load FILE` and `ttdn units resolve TEXT`: the unit list from the command line."""

from __future__ import annotations

import datetime as dt
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from ttdn.core.commands import TtdnCommand
from ttdn.core.errors import ValidationFailed
from ttdn.units.loading import units_load
from ttdn.units.resolution import unit_resolve


class Command(TtdnCommand):
    help = "Quản lý danh mục đơn vị: nạp từ tệp YAML/CSV, tra cứu tên đơn vị trong văn bản."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser(
            "load", help="Nạp danh mục đơn vị (.yaml, .yml, .csv); lỗi thì không ghi gì."
        )
        load.add_argument("file", type=Path)
        resolve = sub.add_parser("resolve", help="Tìm đơn vị ứng với một tên gọi trong văn bản.")
        resolve.add_argument("text")
        resolve.add_argument("--province", default="")
        resolve.add_argument("--on", default="", help="ngày của văn bản, dd/mm/yyyy")

    def run(self, *args: Any, **options: Any) -> None:
        if options["action"] == "load":
            summary = units_load(actor=None, path=options["file"])
            self.stdout.write(
                f"Đã nạp: {summary.created} đơn vị mới, {summary.updated} đơn vị cập nhật, "
                f"{summary.aliases_added} tên gọi khác, "
                f"{summary.successions_added} thay đổi tổ chức."
            )
            return
        on = _parse_day(options["on"]) if options["on"] else None
        resolution = unit_resolve(text=options["text"], province=options["province"], on=on)
        self.stdout.write(f"{resolution.status}: {resolution.text}")
        for candidate in resolution.candidates:
            self.stdout.write(f"  {candidate.score:.3f}  {candidate.code}  {candidate.name}")


def _parse_day(value: str) -> dt.date:
    try:
        return dt.datetime.strptime(value, "%d/%m/%Y").date()
    except ValueError:
        raise ValidationFailed(f"Ngày “{value}” không đúng dạng dd/mm/yyyy.") from None
