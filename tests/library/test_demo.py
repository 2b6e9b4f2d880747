"""`ttdn demo` fills the portal: published items in vi and en, a restricted and a pending one."""

from __future__ import annotations

from ttdn.library.demo import demo_library_load
from ttdn.library.models import Item
from ttdn.library.visibility import public_translations
from ttdn.units.demo import demo_load


def test_demo_content_loads_once_and_only_public_items_reach_the_portal(
    db, media_root, client
) -> None:  # type: ignore[no-untyped-def]
    demo_load()

    assert demo_library_load() == 5
    assert demo_library_load() == 0

    assert sorted(Item.objects.values_list("state", "security_level")) == [
        ("approved", "restricted"),
        ("published", "public"),
        ("published", "public"),
        ("published", "public"),
        ("submitted", "public"),
    ]
    assert sorted(public_translations().values_list("language", flat=True)) == [
        "en",
        "en",
        "en",
        "fr",
        "vi",
        "vi",
        "vi",
    ]
    assert Item.objects.get(media__isnull=False).media.get().gps_stripped is True
    english = client.get("/portal/en/search/", {"q": "quang tri"}).content.decode()
    assert "Results for “quang tri”: 3" in english
    assert "an ninh" not in client.get("/portal/vi/search/", {"q": "cua khau"}).content.decode()
