"""`ttdn library import FILE.xlsx --files DIR --user NAME [--dry-run]` and
`ttdn library export --output FILE.zip|.xlsx [--ids 1,2]`: bulk work on the CSDL."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from ttdn.core.commands import TtdnCommand
from ttdn.core.errors import ValidationFailed
from ttdn.library import bulk
from ttdn.library.media import media_size_check
from ttdn.units.models import User


def _user(username: str) -> User:
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise ValidationFailed(f"Không có tài khoản “{username}”.")
    return user


def _folder_files(folder: Path | None) -> dict[str, bytes]:
    if folder is None:
        return {}
    if not folder.is_dir():
        raise ValidationFailed(f"Không có thư mục “{folder}”.")
    files = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        media_size_check(name=path.name, size=path.stat().st_size)
        files[path.name] = path.read_bytes()
    return files


class Command(TtdnCommand):
    help = "CSDL TTĐN: nhập tin, bài từ Excel (kèm thư mục ảnh), xuất ra Excel hoặc tệp nén."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("import", help="Nhập từ .xlsx; có lỗi thì không ghi gì.")
        load.add_argument("file", type=Path)
        load.add_argument("--files", type=Path, default=None, help="thư mục chứa tệp ảnh")
        load.add_argument("--user", required=True, help="tài khoản biên tập thực hiện")
        load.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi")
        out = sub.add_parser("export", help="Xuất tin, bài ra .xlsx hoặc .zip (kèm ảnh).")
        out.add_argument("--output", type=Path, required=True)
        out.add_argument("--ids", default="", help="mã các tin, bài, cách nhau bởi dấu phẩy")
        out.add_argument("--user", required=True)

    def run(self, *args: Any, **options: Any) -> None:
        user = _user(options["user"])
        if options["action"] == "export":
            self._export(user, options["output"], options["ids"])
            return
        path: Path = options["file"]
        if not path.is_file():
            raise ValidationFailed(f"Không có tệp “{path}”.")
        files = _folder_files(options["files"])
        preview = bulk.import_preview(actor=user, sheet=path.read_bytes(), files=files)
        for error in preview.errors:
            self.stderr.write(error)
        if preview.errors:
            raise ValidationFailed(f"{len(preview.errors)} lỗi: chưa nhập tin, bài nào.")
        if options["dry_run"]:
            self.stdout.write(f"Kiểm tra xong: {len(preview.rows)} tin, bài nhập được.")
            return
        items = bulk.import_commit(actor=user, preview=preview)
        self.stdout.write(f"Đã nhập {len(items)} tin, bài (bản nháp).")

    def _export(self, user: User, output: Path, ids: str) -> None:
        from ttdn.library.selectors import items_for_user

        wanted = [int(i) for i in ids.split(",") if i.strip().isdigit()] if ids else None
        if wanted is None:
            wanted = list(items_for_user(user).values_list("pk", flat=True))
        items = bulk.items_for_export(actor=user, ids=wanted)
        data = bulk.export_zip(items) if output.suffix == ".zip" else bulk.export_xlsx(items)
        output.write_bytes(data)
        self.stdout.write(f"Đã xuất {len(items)} tin, bài ra {output}.")
