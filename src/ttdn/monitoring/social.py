"""Social-media exports (CSV or JSON of posts and comments) read through a column mapping.

Platforms export under different column names; DEFAULT_MAPPING lists the names we accept for
each field (first present wins); a source's `site_rules["columns"]` may override any of them.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
from typing import Any

from ttdn.core.errors import ValidationFailed
from ttdn.monitoring.ingestion import Item
from ttdn.text.legacy_encodings import LegacyEncodingError, decode_vietnamese

DEFAULT_MAPPING: dict[str, tuple[str, ...]] = {
    "id": ("id", "post_id", "comment_id", "message_id"),
    "url": ("url", "link", "permalink", "permalink_url", "post_url"),
    "title": ("title", "headline", "page_name", "channel"),
    "text": ("text", "message", "content", "body", "comment", "caption", "description"),
    "author": ("author", "user", "username", "from_name", "page_name", "channel"),
    "published_at": ("published_at", "created_time", "created_at", "date", "timestamp", "time"),
}
MAX_ROWS = 50_000


def read_export(data: bytes, filename: str, columns: dict[str, str] | None = None) -> list[Item]:
    """All rows or an error naming the first bad one; nothing is stored here."""
    try:
        text, _ = decode_vietnamese(data)
    except LegacyEncodingError as exc:
        raise ValidationFailed(exc.message) from exc
    rows = _json_rows(text) if filename.lower().endswith(".json") else _csv_rows(text)
    if not rows:
        raise ValidationFailed("Tệp không có dòng dữ liệu nào")
    if len(rows) > MAX_ROWS:
        raise ValidationFailed(f"Tệp có {len(rows)} dòng, vượt giới hạn {MAX_ROWS}")
    mapping = {
        k: ((columns[k],) if columns and k in columns else v) for k, v in DEFAULT_MAPPING.items()
    }
    if not any(name in rows[0] for name in mapping["text"]):
        wanted = ", ".join(mapping["text"])
        raise ValidationFailed(f"Không thấy cột nội dung (một trong: {wanted})")
    items = []
    for number, row in enumerate(rows, start=2 if not filename.endswith(".json") else 1):
        value = {field: _first(row, names) for field, names in mapping.items()}
        if not value["text"]:
            raise ValidationFailed(f"Dòng {number}: nội dung trống")
        items.append(
            Item(
                url=value["url"] or (f"mxh:{value['id']}" if value["id"] else ""),
                title=value["title"],
                text=value["text"],
                published_at=_date(value["published_at"], number),
                author=value["author"],
            )
        )
    return items


def _first(row: dict[str, Any], names: tuple[str, ...]) -> str:
    for name in names:
        if row.get(name) not in (None, ""):
            return str(row[name]).strip()
    return ""


def _date(value: str, number: int) -> dt.datetime | None:
    if not value:
        return None
    try:
        if value.isdigit():
            return dt.datetime.fromtimestamp(int(value), tz=dt.UTC)
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except (ValueError, OverflowError) as exc:
        raise ValidationFailed(f"Dòng {number}: ngày “{value}” không đọc được") from exc
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def _json_rows(text: str) -> list[dict[str, Any]]:
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise ValidationFailed(f"Tệp JSON lỗi: {exc}") from exc
    if isinstance(data, dict):
        data = data.get("data") or data.get("posts") or data.get("items") or []
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise ValidationFailed("Tệp JSON phải là một danh sách bài đăng")
    return data


def _csv_rows(text: str) -> list[dict[str, Any]]:
    dialect: Any = csv.excel
    with contextlib.suppress(csv.Error):  # too few lines to sniff: plain comma-separated
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    return list(csv.DictReader(io.StringIO(text), dialect=dialect))
