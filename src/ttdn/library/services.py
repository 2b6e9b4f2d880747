"""Writes to the CSDL TTĐN: items, translations (with a revision per save) and the editorial
workflow. Keyword-only, permission checked inside, one transaction, audited: simple_history
records every row written, and each transition also leaves a `WorkflowEvent` (who, when, why).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from ttdn.core.errors import Conflict, ValidationFailed
from ttdn.library.html import plain_text, sanitize
from ttdn.library.languages import content_languages, language_name
from ttdn.library.models import (
    Category,
    Item,
    ItemKind,
    ItemState,
    Revision,
    SecurityLevel,
    Tag,
    Translation,
    WorkflowEvent,
)
from ttdn.library.search import search_backend
from ttdn.text.normalize import fold, nfc
from ttdn.units.models import Unit
from ttdn.units.services import audit_actor, require_perm, save_audited

ITEM_FIELDS = (
    "kind",
    "security_level",
    "places",
    "event_start",
    "event_end",
    "source",
    "author",
    "licence",
    "video_url",
)
# (action, from state) → to state; anything else is refused.
TRANSITIONS: dict[tuple[str, str], str] = {
    ("submit", ItemState.DRAFT): ItemState.SUBMITTED,
    ("submit", ItemState.RETURNED): ItemState.SUBMITTED,
    ("approve", ItemState.SUBMITTED): ItemState.APPROVED,
    ("return", ItemState.SUBMITTED): ItemState.RETURNED,
    ("return", ItemState.APPROVED): ItemState.RETURNED,
    ("publish", ItemState.APPROVED): ItemState.PUBLISHED,
    ("publish", ItemState.PUBLISHED): ItemState.PUBLISHED,  # reschedule or publish now
    ("archive", ItemState.PUBLISHED): ItemState.ARCHIVED,
    ("archive", ItemState.APPROVED): ItemState.ARCHIVED,
}
ACTION_PERMS = {
    "submit": "library.submit_item",
    "approve": "library.review_item",
    "return": "library.review_item",
    "publish": "library.review_item",
    "archive": "library.review_item",
}


def _text(value: Any) -> Any:
    return nfc(value).strip() if isinstance(value, str) else value


def _apply_fields(item: Item, changes: dict[str, Any]) -> None:
    unknown = set(changes) - set(ITEM_FIELDS)
    if unknown:
        raise ValidationFailed(f"Không sửa được trường: {', '.join(sorted(unknown))}.")
    for field, value in changes.items():
        setattr(item, field, _text(value) if value is not None else "")
    if item.kind not in ItemKind.values:
        raise ValidationFailed("Loại tin, bài không hợp lệ.")
    if item.security_level not in SecurityLevel.values:
        raise ValidationFailed("Độ mật không hợp lệ.")
    for field in ("event_start", "event_end"):
        if getattr(item, field) == "":
            setattr(item, field, None)
    if item.event_start and item.event_end and item.event_end < item.event_start:
        raise ValidationFailed("Ngày kết thúc sự kiện phải sau ngày bắt đầu.")


def tags_resolve(names: list[str]) -> list[Tag]:
    """Tags by name, created when new; the slug is the folded name."""
    tags = []
    for name in dict.fromkeys(_text(n) for n in names if n and n.strip()):
        slug = slugify(fold(name))[:100] or "tag"
        tag, _created = Tag.objects.get_or_create(slug=slug, defaults={"name": name[:100]})
        tags.append(tag)
    return tags


def search_document(translation: Translation) -> str:
    item = translation.item
    tags = " ".join(tag.name for tag in item.tags.all())
    parts = (translation.title, translation.summary, plain_text(translation.body), item.places)
    return " ".join(part for part in (*parts, tags) if part)


def item_reindex(item: Item) -> None:
    translations = list(item.translations.all())
    for translation in translations:
        translation.search_document = search_document(translation)
        Translation.objects.filter(pk=translation.pk).update(
            search_document=translation.search_document
        )
    search_backend().index(translations)


@transaction.atomic
def item_create(
    *,
    actor: Any,
    kind: str,
    title: str,
    unit: Unit | None = None,
    source_language: str | None = None,
    summary: str = "",
    body: str = "",
    categories: list[Category] | None = None,
    tags: list[str] | None = None,
    **fields: Any,
) -> Item:
    """A new draft of the actor's unit (editors may name another unit) with its source text."""
    require_perm(actor, "library.create_item")
    if unit is None:
        unit = actor.unit
    if unit is None:
        raise ValidationFailed("Cần chọn đơn vị cung cấp.")
    if unit.pk != actor.unit_id and not actor.has_perm("library.review_item"):
        raise ValidationFailed("Chỉ được tạo tin, bài của đơn vị mình.")
    language = source_language or content_languages()[0]
    item = Item(kind=kind, unit=unit, source_language=language, created_by=audit_actor(actor))
    _apply_fields(item, fields)
    save_audited(item, actor)
    item.categories.set(categories or [])
    item.tags.set(tags_resolve(tags or []))
    translation_save(
        actor=actor, item=item, language=language, title=title, summary=summary, body=body
    )
    return item


@transaction.atomic
def item_update(
    *,
    actor: Any,
    item: Item,
    changes: dict[str, Any],
    categories: list[Category] | None = None,
    tags: list[str] | None = None,
) -> Item:
    item = _locked(item)  # the permission depends on the current state
    require_perm(actor, "library.change_item", item)
    _apply_fields(item, changes)
    save_audited(item, actor)
    if categories is not None:
        item.categories.set(categories)
    if tags is not None:
        item.tags.set(tags_resolve(tags))
    item_reindex(item)
    return item


@transaction.atomic
def translation_save(
    *, actor: Any, item: Item, language: str, title: str, summary: str = "", body: str = ""
) -> Translation:
    """Save one language's text (sanitised), keeping the previous text as a revision."""
    item = _locked(item)  # the permission depends on the current state
    require_perm(actor, "library.change_item", item)
    if language not in content_languages():
        raise ValidationFailed(f"Ngôn ngữ “{language}” không có trong danh sách của cổng.")
    title, summary, body = _text(title), _text(summary), sanitize(_text(body) or "")
    if not title:
        raise ValidationFailed(f"Cần nhập tiêu đề ({language_name(language)}).")
    if len(title) > 300:
        raise ValidationFailed("Tiêu đề dài quá 300 ký tự.")
    translation = item.translations.filter(language=language).first()
    if translation and (translation.title, translation.summary, translation.body) == (
        title,
        summary,
        body,
    ):
        return translation
    if translation is None:
        translation = Translation(item=item, language=language, revision=0)
    translation.title, translation.summary, translation.body = title, summary, body
    translation.slug = slugify(fold(title))[:120]
    translation.revision += 1
    source = item.translations.filter(language=item.source_language).first()
    is_source = language == item.source_language
    translation.source_revision = (
        translation.revision if is_source else (source.revision if source else 0)
    )
    translation.search_document = search_document(translation)
    save_audited(translation, actor)
    revision = Revision(
        translation=translation,
        number=translation.revision,
        title=title,
        summary=summary,
        body=body,
        created_by=audit_actor(actor),
    )
    save_audited(revision, actor)
    search_backend().index([translation])
    return translation


def _transition(item: Item, action: str, actor: Any, comment: str = "") -> str:
    require_perm(actor, ACTION_PERMS[action], item)
    target = TRANSITIONS.get((action, item.state))
    if target is None:
        raise Conflict(
            f"Không thể thực hiện thao tác này khi tin, bài đang ở trạng thái "
            f"“{item.get_state_display()}”."
        )
    return target


def _record(item: Item, actor: Any, target: str, comment: str = "") -> Item:
    event = WorkflowEvent(
        item=item, from_state=item.state, to_state=target, actor=audit_actor(actor), comment=comment
    )
    item.state = target
    save_audited(item, actor)
    save_audited(event, actor)
    return item


def _locked(item: Item) -> Item:
    return Item.objects.select_for_update().get(pk=item.pk)


@transaction.atomic
def item_submit(*, actor: Any, item: Item) -> Item:
    item = _locked(item)
    target = _transition(item, "submit", actor)
    if not item.translations.filter(language=item.source_language).exists():
        raise ValidationFailed("Cần có bản ngôn ngữ gốc trước khi gửi duyệt.")
    item.review_comment = ""
    return _record(item, actor, target)


@transaction.atomic
def item_approve(*, actor: Any, item: Item, comment: str = "") -> Item:
    item = _locked(item)
    return _record(item, actor, _transition(item, "approve", actor), _text(comment))


@transaction.atomic
def item_return(*, actor: Any, item: Item, comment: str) -> Item:
    item = _locked(item)
    target = _transition(item, "return", actor)
    comment = _text(comment or "")
    if not comment:
        raise ValidationFailed("Cần ghi ý kiến để đơn vị biết cần sửa gì.")
    item.review_comment = comment
    return _record(item, actor, target, comment)


@transaction.atomic
def item_publish(*, actor: Any, item: Item, at: dt.datetime | None = None) -> Item:
    """Publish now or at `at`; only a công khai item with alt text on every image."""
    from ttdn.library.media import media_strip_gps

    item = _locked(item)
    target = _transition(item, "publish", actor)
    if item.security_level != SecurityLevel.PUBLIC:
        raise ValidationFailed(
            f"Tin, bài có độ mật “{item.get_security_level_display()}” không được đăng lên cổng "
            "thông tin công khai."
        )
    missing_alt = item.media.filter(alt_text="").count()
    if missing_alt:
        raise ValidationFailed(
            f"Còn {missing_alt} ảnh chưa có mô tả (alt): cần nhập trước khi xuất bản."
        )
    now = timezone.now()
    item.published_at = at if at and at > now else now
    for media in item.media.filter(gps_stripped=False):
        media_strip_gps(media=media, actor=actor)
    when = timezone.localtime(item.published_at)
    return _record(item, actor, target, f"Xuất bản lúc {when:%H:%M %d/%m/%Y}")


@transaction.atomic
def item_archive(*, actor: Any, item: Item, comment: str = "") -> Item:
    item = _locked(item)
    return _record(item, actor, _transition(item, "archive", actor), _text(comment))
