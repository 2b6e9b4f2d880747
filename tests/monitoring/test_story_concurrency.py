"""Workers analysing copies of one story at the same moment still make one story (PostgreSQL).

Story assignment takes a transaction-scoped advisory lock and re-reads the index inside it; this
test runs `analyze_pending` from several threads at once, each on a different copy.
"""

from __future__ import annotations

import os
import threading

import pytest
from django.db import connection

from ttdn.monitoring.analysis import analyze_pending
from ttdn.monitoring.ingestion import Item, store_item
from ttdn.monitoring.models import Article, Source, SourceKind, Story

pytestmark = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="needs PostgreSQL (DATABASE_URL): SQLite has a single writer, so it cannot race",
)

WORKERS = 4


STORIES = (
    (
        "Khởi công cảng biển quốc tế",
        "Sáng nay tại Quảng Trị, lễ khởi công dự án cảng biển quốc tế đã diễn ra với sự tham dự "
        "của lãnh đạo tỉnh, các nhà đầu tư và đông đảo người dân địa phương. Dự án có tổng vốn "
        "hơn hai tỷ đô la, dự kiến hoàn thành sau bốn năm và tạo việc làm cho nghìn lao động.",
    ),
    (
        "Lũ quét ở vùng núi",
        "Mưa lớn kéo dài suốt đêm qua gây lũ quét ở các xã vùng núi phía tây, cuốn trôi ba cây "
        "cầu dân sinh và làm hư hỏng hàng chục ngôi nhà. Chính quyền đã sơ tán các hộ dân ven "
        "suối, lực lượng cứu hộ đang mở đường vào những thôn bị chia cắt.",
    ),
    (
        "Festival honours traditional weaving",
        "Artisans from twelve villages gathered at the provincial museum for a weaving festival, "
        "showing brocade patterns handed down for generations. Visitors watched looms at work "
        "and the organisers announced classes for young weavers next spring.",
    ),
)


def _analyze_together(barrier: threading.Barrier, done: list[int]) -> None:
    try:
        barrier.wait(timeout=30)
        done.append(analyze_pending(limit=1))
    finally:
        connection.close()


def test_copies_analysed_at_once_by_several_workers_make_one_story(
    transactional_db: None,
) -> None:
    source = Source.objects.create(name="Báo tỉnh", kind=SourceKind.MANUAL)
    for n, (title, text) in enumerate(STORIES):
        # Given WORKERS copies of one story, none analysed yet
        for copy in range(WORKERS):
            store_item(
                source,
                Item(
                    url=f"https://bao{copy}.vn/tin/{n}",
                    title=title,
                    text=f"{text} Ảnh: cộng tác viên {copy}.",
                ),
            )
        # When WORKERS threads each analyse one of them at the same moment
        barrier = threading.Barrier(WORKERS)
        done: list[int] = []
        threads = [
            threading.Thread(target=_analyze_together, args=(barrier, done)) for _ in range(WORKERS)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        assert sorted(done) == [1] * WORKERS
    # Then every copy is analysed and each round's copies share one story
    assert Article.objects.filter(analyzed_at__isnull=True).count() == 0
    assert Story.objects.count() == len(STORIES)
    for story in Story.objects.all():
        assert story.appearances == WORKERS
        assert story.articles.count() == WORKERS  # type: ignore[attr-defined]
