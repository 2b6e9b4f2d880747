"""Property: whatever the mix of security levels, workflow states and publication times, the
portal (home, category, tag, item pages, search), the public API, the RSS feeds, the sitemap and
the public images show exactly the công khai items that are published and due, nothing else."""

from __future__ import annotations

import datetime as dt
import json
from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from tests.factories import library_item
from ttdn.library.models import Category, ItemState, Media, SecurityLevel, Tag, Translation

LANGUAGES = ("vi", "en")
item_specs = st.lists(
    st.tuples(
        st.sampled_from(SecurityLevel.values),
        st.sampled_from(ItemState.values),
        st.sampled_from([None, -3600, 3600]),  # published_at: none, an hour ago, in an hour
        st.sampled_from([("vi",), ("vi", "en")]),
    ),
    min_size=1,
    max_size=8,
)


def png() -> bytes:
    out = BytesIO()
    Image.new("RGB", (4, 4), "red").save(out, "PNG")
    return out.getvalue()


def build(world, specs):  # type: ignore[no-untyped-def]
    category = Category.objects.get(slug="du-lich")
    tag, _ = Tag.objects.get_or_create(slug="chung", name="chung")
    now = timezone.now()
    built = []
    for n, (level, state, offset, languages) in enumerate(specs):
        at = None if offset is None else now + dt.timedelta(seconds=offset)
        item = library_item(
            unit=world.foreign_affairs,
            title=f"Mục mẫu{n}x chung Quảng Bình",
            security_level=level,
            state=state,
            published_at=at,
        )
        if "en" in languages:
            Translation.objects.create(
                item=item,
                language="en",
                title=f"Entry mau{n}x chung Quang Binh",
                slug=f"entry-{n}",
                search_document=f"Entry mau{n}x chung Quang Binh",
            )
            from ttdn.library.search import search_backend

            search_backend().index(item.translations.filter(language="en"))
        item.categories.add(category)
        item.tags.add(tag)
        media = Media(item=item, content_type="image/png", alt_text="ảnh", width=4, height=4)
        media.image.save("m.png", ContentFile(png()), save=False)
        media.thumbnail.save("t.png", ContentFile(png()), save=False)
        media.save()
        visible = level == SecurityLevel.PUBLIC and state == ItemState.PUBLISHED and offset == -3600
        built.append((n, item, languages, media, visible))
    return built


def markers(text: str, count: int) -> set[int]:
    return {n for n in range(count) if f"mau{n}x" in text.lower() or f"mẫu{n}x" in text.lower()}


@pytest.mark.django_db(transaction=False)
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(specs=item_specs)
def test_only_public_published_due_items_reach_any_public_surface(
    world, client, settings, tmp_path, specs
) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    with transaction.atomic():
        built = build(world, specs)
        count = len(built)
        expected = {n for n, _, _, _, visible in built if visible}
        expected_en = {n for n, _, langs, _, visible in built if visible and "en" in langs}
        for lang, want in (("vi", expected), ("en", expected_en)):
            pages = [
                f"/portal/{lang}/",
                f"/portal/{lang}/c/du-lich/",
                f"/portal/{lang}/t/chung/",
                f"/portal/{lang}/search/?q=chung",
                f"/portal/{lang}/search/?q=quang+binh",
                f"/portal/{lang}/rss.xml",
                f"/portal/{lang}/c/du-lich/rss.xml",
            ]
            for url in pages:
                assert markers(client.get(url).content.decode(), count) == want, url
            for q in ("", "chung"):
                body = client.get(
                    "/api/v1/public/items", {"lang": lang, "q": q, "limit": 100}
                ).json()
                assert markers(json.dumps(body, ensure_ascii=False), count) == want
        sitemap = client.get("/sitemap.xml").content.decode()
        assert {int(u.split("/i/")[1].split("/")[0]) for u in sitemap.split("<loc>")[1:]} == {
            item.pk for n, item, *_ in built if n in expected
        }
        for _n, item, languages, media, visible in built:
            for lang in LANGUAGES:
                status = client.get(f"/portal/{lang}/i/{item.pk}/x/").status_code
                assert status == (200 if visible and lang in languages else 404)
            for size in ("thumb", "image"):
                assert client.get(f"/portal/media/{media.pk}/{size}/").status_code == (
                    200 if visible else 404
                )
        transaction.set_rollback(True)
