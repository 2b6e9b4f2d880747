"""Running the pure analysis on stored articles and grouping them into stories.

The story index is rebuilt from the MinHash signatures of recent articles, so a worker that
starts cold still joins a syndicated copy to the story seen yesterday.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import numpy as np
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ttdn.monitoring.alerts import alerts_for
from ttdn.monitoring.models import Article, ModelVersion, Story, Taxonomy
from ttdn.monitoring.nlp import Analyzer
from ttdn.monitoring.nlp import Article as Text
from ttdn.monitoring.nlp.dedup import StoryIndex, signature
from ttdn.monitoring.nlp.model import TrainedModel
from ttdn.monitoring.nlp.topics import taxonomy_from_text

STORY_WINDOW = dt.timedelta(days=14)
BATCH = 200


@lru_cache(maxsize=4)
def _analyzer(model_id: int | None, taxonomy_id: int | None = None) -> Analyzer:
    model = None
    if model_id is not None:
        model = TrainedModel.loads(bytes(ModelVersion.objects.get(pk=model_id).data))
    taxonomy = None
    if taxonomy_id is not None:
        taxonomy = taxonomy_from_text(Taxonomy.objects.get(pk=taxonomy_id).text)
    province = getattr(settings, "TTDN_PROVINCE", None) or None
    return Analyzer(province=province, model=model, taxonomy=taxonomy)


def current_analyzer() -> Analyzer:
    """The analyzer of the active model version and taxonomy (cached per pair of ids)."""
    active = ModelVersion.objects.filter(active=True).values_list("pk", flat=True).first()
    edited = Taxonomy.objects.filter(active=True).values_list("pk", flat=True).first()
    return _analyzer(active, edited)


def _story_index(now: dt.datetime) -> StoryIndex:
    index = StoryIndex()
    recent = Article.objects.filter(
        analyzed_at__isnull=False, fetched_at__gte=now - STORY_WINDOW, signature__isnull=False
    ).values_list("pk", "story_id", "signature")
    for pk, story_id, data in recent.iterator():
        index.add_signature(str(pk), np.frombuffer(bytes(data), dtype=np.uint64), str(story_id))
    return index


def analyze_pending(limit: int = BATCH) -> int:
    """Analyse up to `limit` articles not analysed yet; returns how many were done."""
    now = timezone.now()
    analyzer = current_analyzer()
    index = _story_index(now)
    done = 0
    with transaction.atomic():
        pending = list(
            Article.objects.select_for_update(skip_locked=True)
            .filter(analyzed_at__isnull=True)
            .select_related("source")
            .order_by("pk")[:limit]
        )
        for article in pending:
            _analyze_one(article, analyzer, index, now)
            done += 1
        alerts_for(pending)
    return done


def _analyze_one(article: Article, analyzer: Analyzer, index: StoryIndex, now: dt.datetime) -> None:
    text = Text(
        id=str(article.pk),
        title=article.title,
        text=article.text,
        url=article.url,
        published_at=article.published_at.isoformat() if article.published_at else None,
        source_domain=article.source.url or article.url,
        foreign=article.source.foreign,
    )
    result = analyzer.analyze(text)
    minhash = signature(f"{article.title}\n{article.text}")
    twin = index.nearest(minhash)
    if twin is not None and Story.objects.filter(pk=int(twin)).exists():
        story = Story.objects.get(pk=int(twin))
        changes: dict[str, object] = {"appearances": F("appearances") + 1}
        if result.priority:
            changes["priority"] = True
        Story.objects.filter(pk=story.pk).update(**changes)
    else:
        story = Story.objects.create(
            title=article.title[:500] or article.text[:200], priority=result.priority
        )
    index.add_signature(str(article.pk), minhash.hashvalues, str(story.pk))
    article.language = result.language
    article.provinces = [p.name for p in result.provinces]
    article.relevance = result.relevance
    article.topics = [t.code for t in result.topics]
    article.topic_key = "|" + "|".join(article.topics) + "|"
    article.province_key = "|" + "|".join(article.provinces) + "|"
    article.sentiment = result.sentiment
    article.foreign = result.foreign
    article.priority = result.priority
    article.story = story
    article.signature = np.asarray(minhash.hashvalues, dtype=np.uint64).tobytes()
    article.analyzed_at = now
    article.save(
        update_fields=[
            "language", "provinces", "relevance", "topics", "topic_key", "province_key",
            "sentiment", "foreign",
            "priority", "story", "signature", "analyzed_at",
        ]
    )  # fmt: skip
