"""Bulk import and export of items: an .xlsx sheet (one row per item, its source text and any
translations in "Tiêu đề (en)"-style columns) plus image files from a folder or a .zip.

Import is two steps: `import_preview` reads and checks every row and file and writes nothing;
`import_commit` writes them all in one transaction, or nothing when any one fails."""

from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import PurePosixPath
from typing import Any

from django.db import transaction
from openpyxl import Workbook, load_workbook

from ttdn.core.errors import ValidationFailed
from ttdn.library import services
from ttdn.library.languages import content_languages
from ttdn.library.media import image_inspect, media_add, media_size_check
from ttdn.library.models import Category, Item, ItemKind, SecurityLevel
from ttdn.text.normalize import fold
from ttdn.units.models import Unit
from ttdn.units.services import require_perm

COLUMNS = (
    ("kind", "Loại"),
    ("title", "Tiêu đề"),
    ("summary", "Tóm tắt"),
    ("body", "Nội dung"),
    ("categories", "Lĩnh vực"),
    ("tags", "Từ khóa"),
    ("places", "Địa danh"),
    ("event_start", "Ngày sự kiện"),
    ("source", "Nguồn"),
    ("author", "Tác giả"),
    ("licence", "Bản quyền"),
    ("security_level", "Độ mật"),
    ("unit", "Mã đơn vị"),
    ("image", "Tệp ảnh"),
    ("alt_text", "Mô tả ảnh"),
)
TEXT_FIELDS = ("title", "summary", "body")
MAX_ROWS = 2000
MAX_ARCHIVE_MB = 500


@dataclass
class ImportRow:
    line: int
    values: dict[str, Any]
    translations: dict[str, dict[str, str]] = field(default_factory=dict)
    categories: list[Category] = field(default_factory=list)
    unit: Unit | None = None
    image: tuple[str, bytes] | None = None


@dataclass
class ImportPreview:
    rows: list[ImportRow]
    errors: list[str]

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)


def _headers() -> dict[str, tuple[str, str | None]]:
    """Folded header → (field, language or None)."""
    known = {fold(label): (key, None) for key, label in COLUMNS}
    for language in content_languages()[1:]:
        for key, label in COLUMNS:
            if key in TEXT_FIELDS:
                known[fold(f"{label} ({language})")] = (key, language)
    return known


def _choice(value: str, choices: list[tuple[str, Any]]) -> str | None:
    wanted = fold(value)
    return next((code for code, label in choices if wanted in (fold(code), fold(str(label)))), None)


def _cell(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def read_sheet(data: bytes) -> list[tuple[int, dict[tuple[str, str | None], Any]]]:
    try:
        sheet = load_workbook(BytesIO(data), read_only=True, data_only=True).worksheets[0]
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise ValidationFailed("Tệp không phải là bảng tính Excel (.xlsx) đọc được.") from exc
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None) or ()
    known = _headers()
    columns = [known.get(fold(str(h or ""))) for h in header]
    if ("title", None) not in columns:
        raise ValidationFailed("Bảng tính thiếu cột “Tiêu đề” ở dòng đầu.")
    out = []
    for line, row in enumerate(rows, start=2):
        values = {col: _cell(v) for col, v in zip(columns, row, strict=False) if col}
        if any(v not in (None, "") for v in values.values()):
            out.append((line, values))
    if len(out) > MAX_ROWS:
        raise ValidationFailed(f"Bảng tính có {len(out)} dòng, quá {MAX_ROWS} dòng một lần nhập.")
    return out


def files_from_zip(data: bytes) -> dict[str, bytes]:
    if len(data) > MAX_ARCHIVE_MB * 1024 * 1024:
        raise ValidationFailed(f"Tệp nén quá {MAX_ARCHIVE_MB} MB.")
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            files = {}
            for info in archive.infolist():
                if info.is_dir():
                    continue
                media_size_check(name=info.filename, size=info.file_size)
                files[PurePosixPath(info.filename).name] = archive.read(info)
            return files
    except zipfile.BadZipFile as exc:
        raise ValidationFailed("Tệp kèm theo không phải là tệp nén .zip đọc được.") from exc


def _check_row(row: ImportRow, files: dict[str, bytes], units: dict[str, Unit]) -> list[str]:
    errors: list[str] = []
    where = f"Dòng {row.line}"
    v = row.values
    if not v.get("title"):
        errors.append(f"{where}: thiếu tiêu đề.")
    kind = _choice(str(v.get("kind") or "tin"), ItemKind.choices)
    if kind is None:
        errors.append(f"{where}: loại “{v.get('kind')}” không có trong danh mục.")
    level = _choice(str(v.get("security_level") or "công khai"), SecurityLevel.choices)
    if level is None:
        errors.append(f"{where}: độ mật “{v.get('security_level')}” không hợp lệ.")
    v["kind"], v["security_level"] = kind, level
    by_name = {fold(c.name): c for c in Category.objects.all()} | {
        fold(c.slug): c for c in Category.objects.all()
    }
    for name in str(v.get("categories") or "").replace(",", ";").split(";"):
        if name.strip():
            category = by_name.get(fold(name))
            if category is None:
                errors.append(f"{where}: lĩnh vực “{name.strip()}” không có trong danh mục.")
            else:
                row.categories.append(category)
    day = v.get("event_start")
    if isinstance(day, str) and day:
        try:
            v["event_start"] = dt.datetime.strptime(day, "%d/%m/%Y").date()
        except ValueError:
            errors.append(f"{where}: ngày sự kiện “{day}” phải viết dạng dd/mm/yyyy.")
    elif isinstance(day, dt.datetime):
        v["event_start"] = day.date()
    code = str(v.get("unit") or "")
    if code:
        row.unit = units.get(code)
        if row.unit is None:
            errors.append(f"{where}: không có đơn vị mã “{code}”.")
    name = str(v.get("image") or "")
    if name:
        data = files.get(PurePosixPath(name).name)
        if data is None:
            errors.append(f"{where}: không thấy tệp ảnh “{name}” trong thư mục hoặc tệp nén.")
        else:
            try:
                image_inspect(data, name)
                row.image = (name, data)
            except ValidationFailed as exc:
                errors.append(f"{where}: {exc.message}")
    return errors


def import_preview(*, actor: Any, sheet: bytes, files: dict[str, bytes]) -> ImportPreview:
    """Every row and file checked, nothing written."""
    require_perm(actor, "library.bulk_items")
    units = {u.code: u for u in Unit.objects.all()}
    rows, errors = [], []
    for line, values in read_sheet(sheet):
        row = ImportRow(line, {k: v for (k, lang), v in values.items() if lang is None})
        for (key, language), value in values.items():
            if language and value:
                row.translations.setdefault(language, {})[key] = str(value)
        for language, texts in row.translations.items():
            if not texts.get("title"):
                errors.append(f"Dòng {line}: bản {language} thiếu tiêu đề.")
        errors.extend(_check_row(row, files, units))
        rows.append(row)
    if not rows:
        errors.append("Bảng tính không có dòng dữ liệu nào.")
    return ImportPreview(rows, errors)


@transaction.atomic
def import_commit(*, actor: Any, preview: ImportPreview) -> list[Item]:
    """Write every previewed row, or nothing."""
    require_perm(actor, "library.bulk_items")
    if not preview.ok:
        raise ValidationFailed("Còn lỗi trong bảng tính: " + " ".join(preview.errors[:5]))
    items = []
    for row in preview.rows:
        v = row.values
        tags = [t.strip() for t in str(v.get("tags") or "").replace(";", ",").split(",")]
        item = services.item_create(
            actor=actor,
            kind=v["kind"],
            title=str(v["title"]),
            unit=row.unit,
            summary=str(v.get("summary") or ""),
            body=str(v.get("body") or ""),
            categories=row.categories,
            tags=[t for t in tags if t],
            security_level=v["security_level"],
            **{k: str(v.get(k) or "") for k in ("places", "source", "author", "licence")},
            event_start=v.get("event_start") or None,
        )
        for language, texts in row.translations.items():
            services.translation_save(actor=actor, item=item, language=language, **texts)
        if row.image:
            name, data = row.image
            media_add(
                actor=actor,
                item=item,
                name=name,
                size=len(data),
                data=data,
                alt_text=str(v.get("alt_text") or ""),
            )
        items.append(item)
    return items


def export_xlsx(items: list[Item]) -> bytes:
    """The items in the import layout, so an export imports back."""
    languages = content_languages()[1:]
    book = Workbook()
    sheet = book.active
    sheet.title = "CSDL TTĐN"
    extra = [
        f"{label} ({lang})" for lang in languages for key, label in COLUMNS if key in TEXT_FIELDS
    ]
    sheet.append([label for _key, label in COLUMNS] + extra)
    for item in items:
        by_language = {t.language: t for t in item.translations.all()}
        source = by_language.get(item.source_language)
        media = next(iter(item.media.all()), None)
        row = [
            item.get_kind_display(),
            source.title if source else "",
            source.summary if source else "",
            source.body if source else "",
            "; ".join(c.name for c in item.categories.all()),
            ", ".join(t.name for t in item.tags.all()),
            item.places,
            item.event_start.strftime("%d/%m/%Y") if item.event_start else "",
            item.source,
            item.author,
            item.licence,
            item.get_security_level_display(),
            item.unit.code,
            PurePosixPath(media.image.name).name if media else "",
            media.alt_text if media else "",
        ]
        for lang in languages:
            tr = by_language.get(lang)
            row += [tr.title, tr.summary, tr.body] if tr else ["", "", ""]
        sheet.append(row)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def export_zip(items: list[Item]) -> bytes:
    """The sheet plus every image of the selection, named as the sheet names them."""
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("csdl-ttdn.xlsx", export_xlsx(items))
        for item in items:
            for media in item.media.all():
                with media.image.open("rb") as handle:
                    archive.writestr(f"files/{PurePosixPath(media.image.name).name}", handle.read())
    return out.getvalue()


def items_for_export(*, actor: Any, ids: list[int]) -> list[Item]:
    from ttdn.library.selectors import items_for_user

    require_perm(actor, "library.bulk_items")
    return list(
        items_for_user(actor)
        .filter(pk__in=ids)
        .prefetch_related("categories", "tags", "media")
        .order_by("pk")
    )
