"""The public portal (no login): home per language, category and tag pages, item pages with
hreflang alternates and OpenGraph tags, search, RSS per language and category, sitemap.xml and
the images of published items. Thin: reads come from `portal` (through `visibility`)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed
from django.views.decorators.http import require_GET

from ttdn.core.errors import NotFound
from ttdn.library import portal
from ttdn.library.html import plain_text
from ttdn.library.languages import NATIVE_NAMES, content_languages
from ttdn.library.models import Category
from ttdn.library.portal_text import portal_text

FEED_SIZE = 30


def _context(request: HttpRequest, language: str, **extra: Any) -> dict[str, Any]:
    words = portal_text(language, settings.TTDN_PROVINCE)
    return {
        "lang": language,
        "t": words,
        "languages": [(code, NATIVE_NAMES.get(code, code)) for code in content_languages()],
        "categories": [(c, c.name_in(language)) for c in Category.objects.all()],
        "site_url": settings.TTDN_SITE_URL.rstrip("/"),
        **extra,
    }


def _page_number(request: HttpRequest) -> int:
    raw = request.GET.get("page", "1")
    return int(raw) if raw.isdigit() else 1


def _guard(language: str) -> None:
    try:
        portal.portal_language(language)
    except NotFound as exc:
        raise Http404(exc.message) from exc


@require_GET
def portal_root(request: HttpRequest) -> HttpResponse:
    return redirect("library:portal_home", lang=content_languages()[0])


@require_GET
def portal_home(request: HttpRequest, lang: str) -> HttpResponse:
    _guard(lang)
    page = portal.latest(lang, _page_number(request))
    return render(request, "library/portal/home.html", _context(request, lang, page=page))


@require_GET
def portal_category(request: HttpRequest, lang: str, slug: str) -> HttpResponse:
    _guard(lang)
    category, page = portal.in_category(lang, slug, _page_number(request))
    context = _context(request, lang, page=page, category=category, heading=category.name_in(lang))
    return render(request, "library/portal/listing.html", context)


@require_GET
def portal_tag(request: HttpRequest, lang: str, slug: str) -> HttpResponse:
    _guard(lang)
    tag, page = portal.with_tag(lang, slug, _page_number(request))
    words = portal_text(lang, settings.TTDN_PROVINCE)
    context = _context(request, lang, page=page, heading=words["tag"].format(name=tag.name))
    return render(request, "library/portal/listing.html", context)


@require_GET
def portal_item(request: HttpRequest, lang: str, pk: int, slug: str = "") -> HttpResponse:
    _guard(lang)
    public = portal.item_page(lang, pk)
    context = _context(request, lang, public=public, item=public.translation.item)
    context["description"] = (public.translation.summary or plain_text(public.translation.body))[
        :300
    ]
    return render(request, "library/portal/item.html", context)


@require_GET
def portal_search(request: HttpRequest, lang: str) -> HttpResponse:
    _guard(lang)
    q = request.GET.get("q", "").strip()[:200]
    hits = portal.search_public(q, lang) if q else []
    count = portal_text(lang, settings.TTDN_PROVINCE)["results"].format(q=q, n=len(hits))
    context = _context(request, lang, q=q, hits=hits, result_count=count)
    return render(request, "library/portal/search.html", context)


def _feed(
    request: HttpRequest, lang: str, title: str, link: str, translations: Any
) -> HttpResponse:
    site = settings.TTDN_SITE_URL.rstrip("/")
    feed = Rss201rev2Feed(title=title, link=site + link, description=title, language=lang)
    for translation in translations[:FEED_SIZE]:
        url = site + reverse(
            "library:portal_item", args=[lang, translation.item_id, translation.slug or "-"]
        )
        feed.add_item(
            title=translation.title,
            link=url,
            unique_id=url,
            description=translation.summary or plain_text(translation.body)[:500],
            pubdate=translation.item.published_at,
        )
    return HttpResponse(
        feed.writeString("utf-8"), content_type="application/rss+xml; charset=utf-8"
    )


@require_GET
def portal_rss(request: HttpRequest, lang: str) -> HttpResponse:
    _guard(lang)
    words = portal_text(lang, settings.TTDN_PROVINCE)
    translations = portal.latest(lang).paginator.object_list
    return _feed(
        request, lang, words["site"], reverse("library:portal_home", args=[lang]), translations
    )


@require_GET
def portal_category_rss(request: HttpRequest, lang: str, slug: str) -> HttpResponse:
    _guard(lang)
    category, page = portal.in_category(lang, slug)
    words = portal_text(lang, settings.TTDN_PROVINCE)
    link = reverse("library:portal_category", args=[lang, slug])
    title = f"{words['site']} – {category.name_in(lang)}"
    return _feed(request, lang, title, link, page.paginator.object_list)


@require_GET
def sitemap(request: HttpRequest) -> HttpResponse:
    """One sitemap while the portal is small; past `SITEMAP_ITEMS` items, a sitemap index of
    `sitemap.xml?page=N` files."""
    site = settings.TTDN_SITE_URL.rstrip("/")
    pages = portal.sitemap_pages()
    raw = request.GET.get("page", "")
    if pages > 1 and not raw:
        context = {"pages": range(1, pages + 1), "site_url": site}
        return render(
            request, "library/portal/sitemap_index.xml", context, content_type="application/xml"
        )
    page = int(raw) if raw.isdigit() else 1
    if not 1 <= page <= pages:
        raise Http404("Không có trang này của sơ đồ trang.")
    context = {"entries": portal.sitemap_entries(page), "site_url": site}
    return render(request, "library/portal/sitemap.xml", context, content_type="application/xml")


@require_GET
def portal_media(request: HttpRequest, pk: int, size: str) -> FileResponse:
    media = portal.media_public(pk)
    field = media.thumbnail if size == "thumb" and media.thumbnail else media.image
    content_type = "image/jpeg" if field is media.thumbnail else media.content_type
    response = FileResponse(field.open("rb"), content_type=content_type)
    response["Content-Disposition"] = "inline"
    response["Cache-Control"] = "public, max-age=86400"
    return response


@require_GET
def portal_attachment(request: HttpRequest, lang: str, pk: int) -> FileResponse:
    _guard(lang)
    item = portal.item_page(lang, pk).translation.item
    if not item.attachment:
        raise Http404("Tin, bài không có tệp đính kèm.")
    return FileResponse(
        item.attachment.open("rb"), as_attachment=True, content_type=item.attachment_type
    )
