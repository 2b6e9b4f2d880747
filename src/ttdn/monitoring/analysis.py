"""Running the pure analysis on stored articles and grouping them into stories.

The story index is rebuilt from the MinHash signatures and stage-2 features of recent articles,
so a worker that starts cold still joins a copy or a rewrite to the story seen yesterday. Story
assignment is serialised across workers (a PostgreSQL advisory lock held to the end of the
batch's transaction; SQLite has a single writer anyway), and the index is brought up to date
inside the lock, so two workers analysing copies of one story at once never make two stories.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import numpy as np
from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from ttdn.monitoring.alerts import alerts_for
from ttdn.monitoring.models import Article, ModelVersion, Story, Taxonomy
from ttdn.monitoring.nlp import Analyzer
from ttdn.monitoring.nlp import Article as Text
from ttdn.monitoring.nlp.dedup import StoryIndex, signature
from ttdn.monitoring.nlp.model import TrainedModel
from ttdn.monitoring.nlp.pipeline import Analysis, event_features
from ttdn.monitoring.nlp.stories import EventFeatures
from ttdn.monitoring.nlp.topics import taxonomy_from_text

STORY_WINDOW = dt.timedelta(days=14)
BATCH = 200
STORY_LOCK = 0x7474_646E_7374_6F72  # pg_advisory_xact_lock key of story assignment ("ttdnstor")


Version = tuple[int, dt.datetime] | None  # (pk, created_at): a reused pk is another version


@lru_cache(maxsize=4)
def _analyzer(model_version: Version, taxonomy_version: Version = None) -> Analyzer:
    model_id = model_version[0] if model_version else None
    taxonomy_id = taxonomy_version[0] if taxonomy_version else None
    model = None
    if model_id is not None:
        model = TrainedModel.loads(bytes(ModelVersion.objects.get(pk=model_id).data))
    taxonomy = None
    if taxonomy_id is not None:
        taxonomy = taxonomy_from_text(Taxonomy.objects.get(pk=taxonomy_id).text)
    province = getattr(settings, "TTDN_PROVINCE", None) or None
    return Analyzer(province=province, model=model, taxonomy=taxonomy)


def current_analyzer() -> Analyzer:
    """The analyzer of the active model version and taxonomy (cached per pair of versions,
    each known by its id and creation time: after a rolled-back transaction, as between tests,
    SQLite hands the same id to another row)."""
    active = ModelVersion.objects.filter(active=True).values_list("pk", "created_at").first()
    edited = Taxonomy.objects.filter(active=True).values_list("pk", "created_at").first()
    return _analyzer(tuple(active) if active else None, tuple(edited) if edited else None)


def _story_index(now: dt.datetime) -> StoryIndex:
    index = StoryIndex()
    _refresh(index, now)
    return index


def _refresh(index: StoryIndex, now: dt.datetime) -> None:
    """Add to `index` the recent analysed articles it does not hold yet."""
    recent = Article.objects.filter(
        analyzed_at__isnull=False, fetched_at__gte=now - STORY_WINDOW, signature__isnull=False
    )
    known = index.signatures
    missing = [pk for pk in recent.values_list("pk", flat=True) if str(pk) not in known]
    # A cold index reads the whole window (no IN list of thousands of parameters).
    rows = recent if len(missing) > 500 else recent.filter(pk__in=missing)
    for pk, story_id, data, features in (
        rows.order_by("pk").values_list("pk", "story_id", "signature", "story_features").iterator()
    ):
        if str(pk) in known:
            continue
        event = EventFeatures.from_json(features) if features else None
        hashvalues = np.frombuffer(bytes(data), dtype=np.uint64)
        index.add_signature(str(pk), hashvalues, str(story_id), event)


def _lock_story_assignment() -> None:
    """Serialise story assignment until the end of the current transaction (PostgreSQL)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [STORY_LOCK])


def analyze_pending(limit: int = BATCH) -> int:
    """Analyse up to `limit` articles not analysed yet; returns how many were done."""
    now = timezone.now()
    analyzer = current_analyzer()
    index = _story_index(now)  # most of it, outside the lock; the rest is read inside
    with transaction.atomic():
        pending = list(
            # of=self: locking the joined source row too would make other workers skip every
            # pending article of that source.
            Article.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(analyzed_at__isnull=True)
            .select_related("source")
            .order_by("pk")[:limit]
        )
        if not pending:
            return 0
        texts = [_text(article) for article in pending]
        results = [analyzer.analyze(text) for text in texts]  # the slow part, in parallel
        _lock_story_assignment()
        _refresh(index, now)  # what other workers assigned since the index was built
        for article, text, result in zip(pending, texts, results, strict=True):
            _assign_story(article, text, result, index, now)
        alerts_for(pending)
    return len(pending)


def _text(article: Article) -> Text:
    return Text(
        id=str(article.pk),
        title=article.title,
        text=article.text,
        url=article.url,
        published_at=article.published_at.isoformat() if article.published_at else None,
        source_domain=article.source.url or article.url,
        foreign=article.source.foreign,
    )


def _assign_story(
    article: Article, text: Text, result: Analysis, index: StoryIndex, now: dt.datetime
) -> None:
    minhash = signature(f"{article.title}\n{article.text}")
    event = None
    twin = index.nearest(minhash)
    if twin is None:  # not a copy: the same event told otherwise?
        event = event_features(index, text, result)
        twin = index.same_event(event)
    story = Story.objects.filter(pk=int(twin)).first() if twin is not None else None
    if story is not None:
        changes: dict[str, object] = {"appearances": F("appearances") + 1}
        if result.priority:
            changes["priority"] = True
        Story.objects.filter(pk=story.pk).update(**changes)
    else:
        story = Story.objects.create(
            title=article.title[:500] or article.text[:200], priority=result.priority
        )
    index.index(str(article.pk), minhash, str(story.pk), event)
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
    article.story_features = event.as_json() if event is not None else None
    article.analyzed_at = now
    article.save(
        update_fields=[
            "language", "provinces", "relevance", "topics", "topic_key", "province_key",
            "sentiment", "foreign", "priority", "story", "signature", "story_features",
            "analyzed_at",
        ]
    )  # fmt: skip
