"""Background jobs of monitoring: poll every due source, poll one, analyse what is new.

Each job is idempotent: claiming a due source moves its next poll time in the same transaction
(skip-locked), and an article is unique by URL and content, so N workers never duplicate work.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from ttdn.monitoring.analysis import analyze_pending
from ttdn.monitoring.fetching import Fetcher
from ttdn.monitoring.ingestion import poll_source
from ttdn.monitoring.models import Source, SourceKind

AUTOMATIC = (SourceKind.RSS, SourceKind.PAGE, SourceKind.SITEMAP)
CLAIM = dt.timedelta(minutes=15)  # a claimed source is not handed out again for this long


def claim_due_sources(now: dt.datetime | None = None, limit: int = 100) -> list[int]:
    now = now or timezone.now()
    with transaction.atomic():
        due = list(
            Source.objects.select_for_update(skip_locked=True)
            .filter(active=True, kind__in=AUTOMATIC)
            .filter(Q(next_poll_at__isnull=True) | Q(next_poll_at__lte=now))
            .order_by("next_poll_at", "pk")[:limit]
        )
        ids = [s.pk for s in due]
        Source.objects.filter(pk__in=ids).update(next_poll_at=now + CLAIM)
    return ids


@task()
def poll_due_sources() -> int:
    """Enqueue one poll per due source (the scheduler runs this every few minutes)."""
    ids = claim_due_sources()
    for source_id in ids:
        poll_one_source.enqueue(source_id)
    return len(ids)


@task()
def poll_one_source(source_id: int) -> int:
    source = Source.objects.get(pk=source_id)
    result = poll_source(source, Fetcher())
    if result.new:
        analyze_new_articles.enqueue()
    return result.new


@task()
def analyze_new_articles() -> int:
    total = 0
    while done := analyze_pending():
        total += done
    return total
