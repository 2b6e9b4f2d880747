"""The public portal without login: pages per language, hreflang and OpenGraph, category and tag
pages, search (accent-insensitive, highlighted), RSS, sitemap, page weight."""

from __future__ import annotations

import xml.etree.ElementTree as ET  # our own output, not untrusted input

import pytest

from tests.library.conftest import published
from ttdn.library.models import Category, SecurityLevel, Tag, Translation


@pytest.fixture
def items(world):  # type: ignore[no-untyped-def]
    unit = world.foreign_affairs
    tourism = Category.objects.get(slug="du-lich")
    beach = published(
        unit,
        "Biển Cửa Tùng đón khách Quảng Bình",
        body="<p>Du khách từ <b>Quảng Bình</b> tới Cửa Tùng.</p>",
        places="Cửa Tùng",
    )
    beach.categories.add(tourism)
    english = Translation.objects.create(
        item=beach,
        language="en",
        title="Cua Tung beach welcomes visitors from Quang Binh",
        slug="cua-tung-beach",
        body="<p>Visitors from Quảng Bình.</p>",
    )
    from ttdn.library.services import item_reindex

    item_reindex(beach)
    tag = Tag.objects.create(slug="bien", name="biển")
    beach.tags.add(tag)
    secret = published(unit, "Báo cáo mật về Quảng Bình", security_level=SecurityLevel.SECRET)
    secret.categories.add(tourism)
    return beach, english, secret


def test_home_lists_public_items_in_its_language_without_login(client, items) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/portal/vi/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Biển Cửa Tùng đón khách Quảng Bình" in html
    assert "Báo cáo mật" not in html
    assert "Cua Tung beach" not in html
    english = client.get("/portal/en/").content.decode()
    assert "Cua Tung beach welcomes visitors from Quang Binh" in english
    assert client.get("/portal/ja/").status_code == 404
    assert client.get("/portal/").headers["Location"] == "/portal/vi/"


def test_item_page_has_hreflang_alternates_and_opengraph(client, items) -> None:  # type: ignore[no-untyped-def]
    beach, _, _ = items

    html = client.get(f"/portal/vi/i/{beach.pk}/x/").content.decode()

    assert (
        f'<link rel="alternate" hreflang="en" href="http://127.0.0.1:8000/portal/en/i/{beach.pk}/cua-tung-beach/">'
        in html
    )
    assert '<meta property="og:title" content="Biển Cửa Tùng đón khách Quảng Bình">' in html
    assert '<meta property="og:locale:alternate" content="en">' in html
    assert '<meta property="og:type" content="article">' in html
    assert "<p>Du khách từ <b>Quảng Bình</b> tới Cửa Tùng.</p>" in html


def test_restricted_item_page_is_not_found(client, items) -> None:  # type: ignore[no-untyped-def]
    _, _, secret = items
    assert client.get(f"/portal/vi/i/{secret.pk}/x/").status_code == 404


@pytest.mark.parametrize("query", ["quang binh", "Quảng Bình", "QUẢNG binh", "quang"])
def test_search_is_accent_insensitive_and_highlights(client, items, query) -> None:  # type: ignore[no-untyped-def]
    html = client.get("/portal/vi/search/", {"q": query}).content.decode()

    assert "Kết quả tìm kiếm cho" in html and ": 1</p>" in html
    assert "<mark>Quảng</mark>" in html
    assert "Báo cáo mật" not in html


def test_english_search_finds_the_english_translation(client, items) -> None:  # type: ignore[no-untyped-def]
    html = client.get("/portal/en/search/", {"q": "quang binh"}).content.decode()
    assert "Results for “quang binh”: 1" in html
    assert "Cua Tung beach welcomes visitors from <mark>Quang</mark> <mark>Binh</mark>" in html


def test_category_and_tag_pages(client, items) -> None:  # type: ignore[no-untyped-def]
    category = client.get("/portal/vi/c/du-lich/").content.decode()
    assert "<h1>Du lịch</h1>" in category
    assert "Biển Cửa Tùng" in category and "Báo cáo mật" not in category
    assert "<h1>Tourism</h1>" in client.get("/portal/en/c/du-lich/").content.decode()
    assert "Biển Cửa Tùng" in client.get("/portal/vi/t/bien/").content.decode()
    assert client.get("/portal/vi/c/khong-co/").status_code == 404


def test_rss_per_language_and_category(client, items) -> None:  # type: ignore[no-untyped-def]
    beach, _, _ = items
    feed = ET.fromstring(  # noqa: S314
        client.get("/portal/vi/rss.xml").content
    )
    assert [i.findtext("title") for i in feed.iter("item")] == [
        "Biển Cửa Tùng đón khách Quảng Bình"
    ]
    assert feed.findtext("channel/language") == "vi"
    category = ET.fromstring(  # noqa: S314
        client.get("/portal/en/c/du-lich/rss.xml").content
    )
    assert [i.findtext("link") for i in category.iter("item")] == [
        f"http://127.0.0.1:8000/portal/en/i/{beach.pk}/cua-tung-beach/"
    ]


def test_sitemap_lists_each_public_translation_with_alternates(client, items) -> None:  # type: ignore[no-untyped-def]
    beach, _, _ = items
    root = ET.fromstring(  # noqa: S314
        client.get("/sitemap.xml").content
    )
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    locs = [u.findtext("s:loc", namespaces=ns) for u in root.findall("s:url", ns)]
    assert locs == [
        f"http://127.0.0.1:8000/portal/en/i/{beach.pk}/cua-tung-beach/",
        f"http://127.0.0.1:8000/portal/vi/i/{beach.pk}/bien-cua-tung-don-khach-quang-binh/",
    ]
    assert len(root.findall("s:url/x:link", ns)) == 4


def test_no_portal_page_weighs_over_300_kb(client, world, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    long_body = "<p>" + "Quảng Trị giàu tiềm năng du lịch và đầu tư. " * 400 + "</p>"
    items = [
        published(
            world.foreign_affairs,
            f"Tin số {n} về Quảng Bình",
            body=long_body,
            summary="Tóm tắt " * 30,
        )
        for n in range(60)
    ]
    for item in items:
        item.categories.add(Category.objects.get(slug="du-lich"))
    pages = [
        "/portal/vi/",
        "/portal/vi/?page=2",
        "/portal/vi/c/du-lich/",
        "/portal/vi/search/?q=quang+binh",
        f"/portal/vi/i/{items[0].pk}/x/",
        "/portal/vi/rss.xml",
    ]
    for url in pages:
        with django_assert_max_num_queries(12):
            response = client.get(url)
        assert response.status_code == 200, url
        assert len(response.content) < 300 * 1024, (url, len(response.content))


def test_a_large_portal_gets_a_sitemap_index(client, world, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from ttdn.library import portal

    monkeypatch.setattr(portal, "SITEMAP_ITEMS", 2)
    items = [published(world.foreign_affairs, f"Tin {n}") for n in range(5)]

    index = client.get("/sitemap.xml").content.decode()
    second = client.get("/sitemap.xml?page=2").content.decode()

    assert (
        index.count("<sitemap><loc>") == 3 and "http://127.0.0.1:8000/sitemap.xml?page=3" in index
    )
    assert (
        second.count("<url>") == 2
        and f"/i/{items[2].pk}/" in second
        and f"/i/{items[1].pk}/" in second
    )
    assert client.get("/sitemap.xml?page=4").status_code == 404


def test_every_configured_language_has_the_portal_words_of_its_own(client, items) -> None:  # type: ignore[no-untyped-def]
    from ttdn.library.languages import content_languages
    from ttdn.library.portal_text import TEXT

    for language in content_languages():
        assert set(TEXT[language]) == set(TEXT["en"]), language
    lao = client.get("/portal/lo/").content.decode()
    khmer = client.get("/portal/km/").content.decode()
    assert TEXT["lo"]["search_button"] in lao and "Skip to main content" not in lao
    assert TEXT["km"]["latest"] in khmer and "Latest" not in khmer
