"""The one rule of what the public may see: an item that is công khai (public), published, and
whose publication time has come. The portal, the public API, the feeds and the sitemap all read
through `public_translations` / `public_items`; nothing else may query items for the public."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils import timezone

from ttdn.library.models import Item, ItemState, SecurityLevel, Translation


def public_item_filter(now: dt.datetime | None = None, prefix: str = "") -> Q:
    now = now or timezone.now()
    return Q(
        **{
            f"{prefix}security_level": SecurityLevel.PUBLIC,
            f"{prefix}state": ItemState.PUBLISHED,
            f"{prefix}published_at__lte": now,
        }
    )


def public_items(now: dt.datetime | None = None) -> QuerySet[Item]:
    return Item.objects.filter(public_item_filter(now))


def public_translations(
    language: str | None = None, now: dt.datetime | None = None
) -> QuerySet[Translation]:
    translations = Translation.objects.filter(public_item_filter(now, prefix="item__"))
    if language:
        translations = translations.filter(language=language)
    return translations.select_related("item")
