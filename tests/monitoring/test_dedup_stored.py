"""Stage 2 on stored articles: features are saved with each article and the index rebuilt from them.

A rewrite analysed in a later batch (a fresh index read from the database) joins the story of
the first write-up; a copy joined by its MinHash signature stores no stage-2 features.
"""

from __future__ import annotations

import pytest

from tests.monitoring.test_dedup_events import BACKGROUND, BRIDGE, BRIDGE_REWRITE
from ttdn.monitoring.analysis import analyze_pending
from ttdn.monitoring.ingestion import Item, store_item
from ttdn.monitoring.models import Article, Source, SourceKind, Story
from ttdn.monitoring.nlp.stories import EventFeatures

pytestmark = pytest.mark.django_db


def _store(source: Source, key: str, title: str, text: str) -> None:
    store_item(source, Item(url=f"https://bao.vn/{key}", title=title, text=text))


def test_a_rewrite_in_a_later_batch_joins_the_stored_story() -> None:
    source = Source.objects.create(name="Báo tỉnh", kind=SourceKind.MANUAL)
    for article in [*BACKGROUND, BRIDGE]:
        _store(source, article.id, article.title, article.text)
    assert analyze_pending() == len(BACKGROUND) + 1
    first = Article.objects.get(url="https://bao.vn/e1")
    stored = EventFeatures.from_json(first.story_features)
    assert "n:lu van" in stored.anchors and stored.terms
    # When a rewrite and a copy arrive later, in a batch with an index rebuilt from the database
    _store(source, "e2", BRIDGE_REWRITE.title, BRIDGE_REWRITE.text)
    _store(source, "e1-copy", BRIDGE.title, BRIDGE.text + " Ảnh: cộng tác viên.")
    assert analyze_pending() == 2
    rewrite = Article.objects.get(url="https://bao.vn/e2")
    copy = Article.objects.get(url="https://bao.vn/e1-copy")
    # Then both join the first write-up's story; only the rewrite needed stage 2
    assert rewrite.story_id == copy.story_id == first.story_id
    assert Story.objects.get(pk=first.story_id).appearances == 3
    assert rewrite.story_features is not None and copy.story_features is None
    assert Story.objects.count() == len(BACKGROUND) + 1
