"""Reads of the public portal, feeds, sitemap and public API. Every one starts from
`visibility.public_translations`, the single rule of what the public may see."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, QuerySet
from django.utils.safestring import SafeString

from ttdn.core.errors import NotFound
from ttdn.library.html import plain_text, snippet
from ttdn.library.languages import content_languages
from ttdn.library.models import Category, Media, Tag, Translation
from ttdn.library.search import query_terms, search
from ttdn.library.visibility import public_translations

PAGE_SIZE = 20
SEARCH_LIMIT = 50


def portal_language(language: str) -> str:
    if language not in content_languages():
        raise NotFound("Ngôn ngữ không có trên cổng thông tin.")
    return language


def _listing(translations: QuerySet[Translation]) -> QuerySet[Translation]:
    return (
        translations.select_related("item")
        .prefetch_related(
            Prefetch("item__media", queryset=Media.objects.order_by("pk")),
            "item__categories",
        )
        .order_by("-item__published_at", "-item_id")
    )


def latest(language: str, page: int = 1) -> Page:
    translations = _listing(public_translations(portal_language(language)))
    return Paginator(translations, PAGE_SIZE).get_page(page)


def in_category(language: str, slug: str, page: int = 1) -> tuple[Category, Page]:
    category = Category.objects.filter(slug=slug).first()
    if category is None:
        raise NotFound("Không có chuyên mục này.")
    translations = _listing(
        public_translations(portal_language(language)).filter(item__categories=category)
    )
    return category, Paginator(translations, PAGE_SIZE).get_page(page)


def with_tag(language: str, slug: str, page: int = 1) -> tuple[Tag, Page]:
    tag = Tag.objects.filter(slug=slug).first()
    if tag is None:
        raise NotFound("Không có từ khóa này.")
    translations = _listing(public_translations(portal_language(language)).filter(item__tags=tag))
    return tag, Paginator(translations, PAGE_SIZE).get_page(page)


@dataclass(frozen=True)
class PublicItem:
    translation: Translation
    alternates: tuple[Translation, ...]  # the item's other public languages
    media: tuple[Media, ...]
    categories: tuple[Category, ...]
    tags: tuple[Tag, ...]


def item_page(language: str, pk: int) -> PublicItem:
    translation = public_translations(portal_language(language)).filter(item_id=pk).first()
    if translation is None:
        raise NotFound("Không tìm thấy tin, bài.")
    item = translation.item
    others = public_translations().filter(item_id=pk).exclude(pk=translation.pk)
    return PublicItem(
        translation,
        tuple(sorted(others, key=lambda t: content_languages().index(t.language))),
        tuple(item.media.order_by("pk")),
        tuple(item.categories.all()),
        tuple(item.tags.all()),
    )


def media_public(pk: int) -> Media:
    media = Media.objects.filter(pk=pk, item__in=public_translations().values("item_id")).first()
    if media is None:
        raise NotFound("Không tìm thấy ảnh.")
    return media


@dataclass(frozen=True)
class SearchHit:
    translation: Translation
    title: SafeString
    snippet: SafeString


def search_public(q: str, language: str | None, limit: int = SEARCH_LIMIT) -> list[SearchHit]:
    among = public_translations(portal_language(language) if language else None)
    terms = query_terms(q)
    hits = []
    for translation in search(q, among, limit=limit):
        from ttdn.library.html import highlight

        text = " ".join(p for p in (translation.summary, plain_text(translation.body)) if p)
        hits.append(
            SearchHit(translation, highlight(translation.title, terms), snippet(text, terms))
        )
    return hits


SITEMAP_ITEMS = 10_000  # items per sitemap file: with 6 languages, under the protocol's 50,000 URLs


def sitemap_pages() -> int:
    return max(1, -(-public_translations().values("item_id").distinct().count() // SITEMAP_ITEMS))


def sitemap_entries(page: int = 1) -> list[tuple[Translation, list[Translation]]]:
    """The public translations of one page of items, each with its item's other public
    translations (hreflang); newest items first."""
    item_ids = list(
        public_translations()
        .order_by("-item_id")
        .values_list("item_id", flat=True)
        .distinct()[(page - 1) * SITEMAP_ITEMS : page * SITEMAP_ITEMS]
    )
    by_item: dict[int, list[Translation]] = {}
    translations = (
        public_translations()
        .filter(item_id__in=item_ids)
        .only("id", "item_id", "language", "slug", "updated_at")
    )
    for translation in translations.order_by("-item_id", "language"):
        by_item.setdefault(translation.item_id, []).append(translation)
    return [(t, group) for group in by_item.values() for t in group]
