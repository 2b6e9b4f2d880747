"""API of the CSDL: the read-only public router (no login; only what `visibility` lets through)
and the staff router (scoped items, the workflow actions). Thin: selectors and services."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from ninja import Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from ttdn.core.errors import ValidationFailed
from ttdn.library import portal, selectors, services
from ttdn.library.models import ItemState, Translation
from ttdn.library.visibility import public_translations

public_router = Router(auth=None, tags=["CSDL TTĐN công khai"])
router = Router(tags=["CSDL TTĐN"])


class ErrorOut(Schema):
    detail: str


ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}


class PublicItemOut(Schema):
    id: int
    language: str
    title: str
    summary: str
    url: str
    published_at: dt.datetime
    kind: str
    categories: list[str]
    tags: list[str]
    places: str
    source: str
    author: str
    licence: str
    languages: list[str]


def _public_out(translation: Translation, languages: dict[int, list[str]]) -> dict[str, object]:
    item = translation.item
    path = reverse(
        "library:portal_item",
        args=[translation.language, item.pk, translation.slug or "-"],
    )
    return {
        "id": item.pk,
        "language": translation.language,
        "title": translation.title,
        "summary": translation.summary,
        "url": settings.TTDN_SITE_URL.rstrip("/") + path,
        "published_at": item.published_at,
        "kind": item.kind,
        "categories": [c.slug for c in item.categories.all()],
        "tags": [t.name for t in item.tags.all()],
        "places": item.places,
        "source": item.source,
        "author": item.author,
        "licence": item.licence,
        "languages": sorted(languages.get(item.pk, [])),
    }


@public_router.get(
    "/items",
    response={200: list[PublicItemOut], 400: ErrorOut, 404: ErrorOut},
    summary="Tin, bài đã xuất bản công khai (không cần đăng nhập)",
    description=(
        "`q`: tìm không phân biệt dấu (“quang binh” = “Quảng Bình”), xếp theo mức phù hợp; "
        "không có `q`: mới nhất trước. `lang`: một ngôn ngữ của cổng (vi, en, fr, zh, lo, km)."
    ),
)
def public_items_list(
    request: HttpRequest, q: str = "", lang: str = "", limit: int = 20, offset: int = 0
) -> object:
    if not 1 <= limit <= 100 or offset < 0:
        raise ValidationFailed("limit phải từ 1 đến 100, offset không âm.")
    language = portal.portal_language(lang) if lang else None
    if q.strip():
        found = [hit.translation for hit in portal.search_public(q[:200], language, limit + offset)]
        translations = found[offset : offset + limit]
    else:
        listing = public_translations(language).order_by("-item__published_at", "-pk")
        translations = list(listing[offset : offset + limit])
    ids = [t.item_id for t in translations]
    languages: dict[int, list[str]] = {}
    for item_id, code in (
        public_translations().filter(item_id__in=ids).values_list("item_id", "language")
    ):
        languages.setdefault(item_id, []).append(code)
    prefetched = {
        t.pk: t
        for t in Translation.objects.filter(pk__in=[t.pk for t in translations])
        .select_related("item")
        .prefetch_related("item__categories", "item__tags")
    }
    return [_public_out(prefetched[t.pk], languages) for t in translations]


class StaffItemOut(Schema):
    id: int
    kind: str
    state: str
    security_level: str
    unit: str
    title: str
    published_at: dt.datetime | None
    languages: list[str]


class ReturnIn(Schema):
    comment: str


class PublishIn(Schema):
    at: dt.datetime | None = None


def _staff_out(item: object) -> dict[str, object]:
    translations = list(item.translations.all())  # type: ignore[attr-defined]
    source = next((t for t in translations if t.language == item.source_language), None)  # type: ignore[attr-defined]
    return {
        "id": item.pk,  # type: ignore[attr-defined]
        "kind": item.kind,  # type: ignore[attr-defined]
        "state": item.state,  # type: ignore[attr-defined]
        "security_level": item.security_level,  # type: ignore[attr-defined]
        "unit": item.unit.name,  # type: ignore[attr-defined]
        "title": source.title if source else "",
        "published_at": item.published_at,  # type: ignore[attr-defined]
        "languages": sorted(t.language for t in translations),
    }


@router.get("/items", response=list[StaffItemOut], summary="Tin, bài người dùng được xem")
@paginate(LimitOffsetPagination)
def items_list(request: HttpRequest, state: str = "", q: str = "") -> object:
    if state and state not in ItemState.values:
        raise ValidationFailed(
            f"Trạng thái “{state}” không hợp lệ ({', '.join(ItemState.values)})."
        )
    return [_staff_out(i) for i in selectors.items_list(user=request.user, state=state, q=q)]


@router.post("/items/{item_id}/submit", response={200: StaffItemOut, **ERRORS}, summary="Gửi duyệt")
def item_submit(request: HttpRequest, item_id: int) -> object:
    item = selectors.item_get_for_user(user=request.user, pk=item_id)
    services.item_submit(actor=request.user, item=item)
    return _staff_out(selectors.item_get_for_user(user=request.user, pk=item_id))


@router.post("/items/{item_id}/approve", response={200: StaffItemOut, **ERRORS}, summary="Duyệt")
def item_approve(request: HttpRequest, item_id: int) -> object:
    item = selectors.item_get_for_user(user=request.user, pk=item_id)
    services.item_approve(actor=request.user, item=item)
    return _staff_out(selectors.item_get_for_user(user=request.user, pk=item_id))


@router.post(
    "/items/{item_id}/return", response={200: StaffItemOut, **ERRORS}, summary="Trả lại để sửa"
)
def item_return(request: HttpRequest, item_id: int, payload: ReturnIn) -> object:
    item = selectors.item_get_for_user(user=request.user, pk=item_id)
    services.item_return(actor=request.user, item=item, comment=payload.comment)
    return _staff_out(selectors.item_get_for_user(user=request.user, pk=item_id))


@router.post(
    "/items/{item_id}/publish",
    response={200: StaffItemOut, **ERRORS},
    summary="Xuất bản ngay hoặc hẹn giờ",
    description="400 khi tin, bài không ở độ mật công khai hoặc còn ảnh chưa có mô tả.",
)
def item_publish(request: HttpRequest, item_id: int, payload: PublishIn) -> object:
    item = selectors.item_get_for_user(user=request.user, pk=item_id)
    services.item_publish(actor=request.user, item=item, at=payload.at)
    return _staff_out(selectors.item_get_for_user(user=request.user, pk=item_id))
