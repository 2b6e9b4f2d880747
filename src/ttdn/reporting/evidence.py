"""Evidence of a unit's update: uploaded files, accepted by their content (never by their
name) and capped in size, and links. Stored under MEDIA_ROOT, served only as downloads to those
who may see the work item (`views_work.evidence`, the API)."""

from __future__ import annotations

import datetime as dt
import zipfile
from io import BytesIO
from pathlib import PurePath
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from ttdn.core.errors import ValidationFailed
from ttdn.reporting.models import Evidence, EvidenceKind, TaskUpdate
from ttdn.reporting.services import editable_for_unit
from ttdn.text.normalize import nfc
from ttdn.units.services import require_perm, save_audited

# Accepted by content, not by name: (label, check on the first bytes / the zip's entries).
ALLOWED_TYPES = "PDF, Word, Excel, PowerPoint, ảnh JPEG/PNG"


def sniff_evidence(data: bytes) -> tuple[str, str] | None:
    """(content type, extension) of an accepted evidence file, or None."""
    if data.startswith(b"%PDF-"):
        return "application/pdf", ".pdf"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg", ".jpg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png", ".png"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):  # Word/Excel 97-2003
        return "application/octet-stream", ".doc"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(BytesIO(data)) as archive:
                names = archive.namelist()
        except (zipfile.BadZipFile, ValueError):
            return None
        if "[Content_Types].xml" not in names:
            return None
        for prefix, ext in (("word/", ".docx"), ("xl/", ".xlsx"), ("ppt/", ".pptx")):
            if any(name.startswith(prefix) for name in names):
                return (
                    "application/vnd.openxmlformats-officedocument."
                    + {
                        ".docx": "wordprocessingml.document",
                        ".xlsx": "spreadsheetml.sheet",
                        ".pptx": "presentationml.presentation",
                    }[ext],
                    ext,
                )
    return None


def _update_for_evidence(user: Any, update: TaskUpdate, today: dt.date | None) -> None:
    require_perm(user, "reporting.update_item", update.work_item)
    editable_for_unit(
        period=update.period,
        unit_id=update.work_item.unit_id,
        today=today or timezone.localdate(),
    )


def evidence_size_check(*, name: str, size: int) -> None:
    """Refuse an upload over the cap before it is read into memory."""
    if size > settings.TTDN_EVIDENCE_MAX_MB * 1024 * 1024:
        raise ValidationFailed(
            f"Tệp “{name}” nặng {size / 1024 / 1024:.1f} MB, quá giới hạn "
            f"{settings.TTDN_EVIDENCE_MAX_MB} MB."
        )


@transaction.atomic
def evidence_add_file(
    *, user: Any, update: TaskUpdate, name: str, data: bytes, today: dt.date | None = None
) -> Evidence:
    _update_for_evidence(user, update, today)
    evidence_size_check(name=name, size=len(data))
    if not data:
        raise ValidationFailed(f"Tệp “{name}” rỗng.")
    sniffed = sniff_evidence(data)
    if sniffed is None:
        raise ValidationFailed(
            f"Tệp “{name}” không thuộc loại được nhận ({ALLOWED_TYPES}); hệ thống kiểm tra "
            "nội dung tệp, không dựa vào đuôi tên tệp."
        )
    content_type, ext = sniffed
    title = nfc(PurePath(name or "tep").name).strip()[:200] or "tệp"
    stem = PurePath(title).stem[:80] or "tep"
    evidence = Evidence(
        update=update,
        kind=EvidenceKind.FILE,
        title=title,
        content_type=content_type,
        size=len(data),
        added_by=user,
    )
    evidence.file.save(f"{stem}{ext}", ContentFile(data), save=False)
    save_audited(evidence, user)
    return evidence


@transaction.atomic
def evidence_add_link(
    *, user: Any, update: TaskUpdate, url: str, title: str = "", today: dt.date | None = None
) -> Evidence:
    _update_for_evidence(user, update, today)
    url = (url or "").strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or len(url) > 2000:
        raise ValidationFailed(
            "Đường dẫn phải bắt đầu bằng http:// hoặc https:// (ví dụ https://baoquangtri.vn/…)."
        )
    evidence = Evidence(
        update=update,
        kind=EvidenceKind.LINK,
        title=nfc(title or "").strip()[:255] or parts.netloc,
        url=url,
        added_by=user,
    )
    save_audited(evidence, user)
    return evidence


@transaction.atomic
def evidence_remove(*, user: Any, evidence: Evidence, today: dt.date | None = None) -> None:
    _update_for_evidence(user, evidence.update, today)
    evidence._history_user = user
    stored = evidence.file.name
    evidence.delete()
    if stored:
        transaction.on_commit(lambda: evidence.file.storage.delete(stored))
