"""Images and attachments of items: accepted by their content (Pillow decodes the image; the name
means nothing), capped in size before anything is read, thumbnailed, and stripped of their GPS
position (EXIF) when the item is published."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image, UnidentifiedImageError

from ttdn.core.errors import ValidationFailed
from ttdn.library.models import Item, Media
from ttdn.units.services import require_perm, save_audited

IMAGE_FORMATS = {
    "JPEG": ("image/jpeg", ".jpg"),
    "PNG": ("image/png", ".png"),
    "WEBP": ("image/webp", ".webp"),
    "GIF": ("image/gif", ".gif"),
}
THUMBNAIL_SIZE = (480, 480)
MAX_PIXELS = 60_000_000  # a decompression bomb is refused before it is decoded
GPS_IFD = 0x8825


def media_size_check(*, name: str, size: int) -> None:
    """Refuse an upload over the cap from its declared size, before reading it."""
    limit = settings.TTDN_LIBRARY_MEDIA_MAX_MB
    if size > limit * 1024 * 1024:
        raise ValidationFailed(
            f"Tệp “{name}” nặng {size / 1024 / 1024:.1f} MB, quá giới hạn {limit} MB."
        )


def image_inspect(data: bytes, name: str) -> tuple[str, str, int, int]:
    """(content type, extension, width, height) of an accepted image, or ValidationFailed."""
    head = data[:1024].lstrip().lower()
    if head.startswith((b"<?xml", b"<svg")) or b"<svg" in head:
        reason = (
            " (tệp chứa mã script)"
            if b"<script" in data.lower() or b"onload" in data.lower()
            else ""
        )
        raise ValidationFailed(
            f"Không nhận ảnh SVG “{name}”{reason}: SVG có thể chứa mã chạy trong trình duyệt. "
            "Hãy dùng JPEG, PNG, WebP hoặc GIF."
        )
    try:
        with Image.open(BytesIO(data)) as image:
            if image.width * image.height > MAX_PIXELS:
                raise ValidationFailed(
                    f"Ảnh “{name}” quá lớn ({image.width}×{image.height} điểm ảnh)."
                )
            image.verify()
            kind = image.format or ""
            width, height = image.size
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
    ) as exc:
        raise ValidationFailed(
            f"Tệp “{name}” không phải là ảnh đọc được (JPEG, PNG, WebP, GIF)."
        ) from exc
    if kind not in IMAGE_FORMATS:
        raise ValidationFailed(
            f"Không nhận ảnh định dạng {kind} (“{name}”): chỉ JPEG, PNG, WebP, GIF."
        )
    content_type, extension = IMAGE_FORMATS[kind]
    return content_type, extension, width, height


def thumbnail_bytes(data: bytes) -> bytes:
    with Image.open(BytesIO(data)) as image:
        image.thumbnail(THUMBNAIL_SIZE)
        out = BytesIO()
        image.convert("RGB").save(out, "JPEG", quality=80)  # no EXIF carried over
        return out.getvalue()


@transaction.atomic
def media_add(
    *,
    actor: Any,
    item: Item,
    name: str,
    size: int,
    data: bytes | None = None,
    read: Any = None,
    alt_text: str = "",
    caption: str = "",
) -> Media:
    """Add an image to an item. `read` (a callable) is called only once the size is accepted."""
    require_perm(actor, "library.change_item", item)
    media_size_check(name=name, size=size)
    if data is None:
        data = read()
    assert data is not None
    content_type, extension, width, height = image_inspect(data, name)
    media = Media(
        item=item,
        content_type=content_type,
        width=width,
        height=height,
        size=len(data),
        alt_text=alt_text.strip()[:300],
        caption=caption.strip()[:500],
    )
    media.image.save(f"item-{item.pk}{extension}", ContentFile(data), save=False)
    media.thumbnail.save(
        f"item-{item.pk}-thumb.jpg", ContentFile(thumbnail_bytes(data)), save=False
    )
    save_audited(media, actor)
    return media


@transaction.atomic
def media_update(*, actor: Any, media: Media, alt_text: str, caption: str = "") -> Media:
    require_perm(actor, "library.change_item", media.item)
    media.alt_text, media.caption = alt_text.strip()[:300], caption.strip()[:500]
    save_audited(media, actor)
    return media


def without_gps(data: bytes) -> bytes | None:
    """The image re-encoded without its EXIF GPS block, or None when it has none."""
    with Image.open(BytesIO(data)) as image:
        exif = image.getexif()
        if GPS_IFD not in exif:
            return None
        del exif[GPS_IFD]
        out = BytesIO()
        params: dict[str, Any] = {"exif": exif.tobytes()}
        if image.format == "JPEG":
            params["quality"] = 95
        image.save(out, image.format or "PNG", **params)
        return out.getvalue()


def media_strip_gps(*, media: Media, actor: Any) -> Media:
    """Called by `item_publish` inside its transaction."""
    with media.image.open("rb") as handle:
        data = handle.read()
    cleaned = without_gps(data)
    if cleaned is not None:
        name = media.image.name.rsplit("/", 1)[-1]
        media.image.delete(save=False)
        media.image.save(name, ContentFile(cleaned), save=False)
        media.size = len(cleaned)
    media.gps_stripped = True
    save_audited(media, actor)
    return media


def sniff_attachment(data: bytes) -> tuple[str, str] | None:
    """(content type, extension) of an accepted attachment: the evidence types (PDF, Office,
    JPEG/PNG) and MP4/WebM video; None otherwise."""
    from ttdn.reporting.evidence import sniff_evidence

    if data[4:8] == b"ftyp":
        return "video/mp4", ".mp4"
    if data.startswith(b"\x1a\x45\xdf\xa3"):
        return "video/webm", ".webm"
    return sniff_evidence(data)


@transaction.atomic
def attachment_set(*, actor: Any, item: Item, name: str, size: int, read: Any) -> Item:
    """The item's file (a publication, a document, a video file), checked by its content."""
    require_perm(actor, "library.change_item", item)
    limit = settings.TTDN_LIBRARY_ATTACHMENT_MAX_MB
    if size > limit * 1024 * 1024:
        raise ValidationFailed(
            f"Tệp “{name}” nặng {size / 1024 / 1024:.1f} MB, quá giới hạn {limit} MB."
        )
    data = read()
    kind = sniff_attachment(data)
    if kind is None:
        raise ValidationFailed(
            f"Không nhận tệp “{name}”: chỉ nhận PDF, Word, Excel, PowerPoint, ảnh JPEG/PNG, "
            "video MP4/WebM (kiểm tra theo nội dung tệp)."
        )
    content_type, extension = kind
    if item.attachment:
        item.attachment.delete(save=False)
    item.attachment.save(f"item-{item.pk}{extension}", ContentFile(data), save=False)
    item.attachment_type = content_type
    save_audited(item, actor)
    return item
