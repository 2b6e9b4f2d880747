"""Three RQ workers share polling and analysis against PostgreSQL: no duplicate, none lost.

Runs only with a real PostgreSQL and Redis (DATABASE_URL and REDIS_URL set), like CI's second pass.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection
from pytest_httpserver import HTTPServer

from ttdn.monitoring.models import Article, FetchAttempt, Source, SourceKind
from ttdn.monitoring.tasks import poll_due_sources

pytestmark = pytest.mark.services

FEEDS = 12
PER_FEED = 10  # feed i carries items i*5 … i*5+9: every item but the first five is in two feeds


def _rss(feed: int) -> str:
    items = "".join(
        f"<item><title>Tin số {n}</title><link>https://bao.vn/tin/{n}</link>"
        f"<description>Nội dung riêng của tin số {n} về tỉnh, mã {n * 7919}.</description></item>"
        for n in range(feed * 5, feed * 5 + PER_FEED)
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel>{items}</channel></rss>'


@pytest.mark.skipif(
    not (os.environ.get("DATABASE_URL", "").startswith("postgres") and os.environ.get("REDIS_URL")),
    reason="needs PostgreSQL (DATABASE_URL) and Redis (REDIS_URL)",
)
def test_three_workers_ingest_every_item_once(transactional_db: None, server: HTTPServer) -> None:
    assert settings.TASKS["default"]["BACKEND"] == "django_tasks_rq.RQBackend"
    for feed in range(FEEDS):
        server.expect_request(f"/feed/{feed}").respond_with_data(_rss(feed))
        Source.objects.create(
            name=f"Báo {feed}", kind=SourceKind.RSS, url=server.url_for(f"/feed/{feed}")
        )
    poll_due_sources.enqueue()  # the fan-out job itself is run by a worker
    base = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    env = dict(
        os.environ,
        DATABASE_URL=f"{base}/{connection.settings_dict['NAME']}",
        DJANGO_SETTINGS_MODULE="ttdn.config.settings_test",
    )
    workers = [
        subprocess.Popen([sys.executable, "-m", "ttdn.config.cli", "worker", "--burst"], env=env)
        for _ in range(3)
    ]
    # Workers in burst mode stop when the queue is empty; a second round takes what the first
    # round's jobs enqueued after a worker had already left.
    for _ in range(1):
        assert [w.wait(timeout=300) for w in workers] == [0, 0, 0]
        workers = [
            subprocess.Popen(
                [sys.executable, "-m", "ttdn.config.cli", "worker", "--burst"], env=env
            )
            for _ in range(3)
        ]
    assert [w.wait(timeout=300) for w in workers] == [0, 0, 0]
    expected = FEEDS * 5 + 5  # distinct item numbers 0 … 64
    assert Article.objects.count() == expected
    assert Article.objects.values("canonical_url").distinct().count() == expected
    assert Article.objects.filter(analyzed_at__isnull=True).count() == 0
    assert FetchAttempt.objects.filter(ok=True).count() == FEEDS
