"""Fixtures of the CSDL tests: published, scheduled and restricted items in the shared world."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import library_item
from ttdn.library.models import Item, ItemState, SecurityLevel


def published(unit, title: str, language: str = "vi", **fields) -> Item:  # type: ignore[no-untyped-def]
    return library_item(
        unit=unit,
        title=title,
        language=language,
        state=ItemState.PUBLISHED,
        security_level=fields.pop("security_level", SecurityLevel.PUBLIC),
        published_at=fields.pop("published_at", timezone.now() - dt.timedelta(hours=1)),
        **fields,
    )


@pytest.fixture
def media_root(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
