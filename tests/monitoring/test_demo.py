"""`ttdn demo` fills the monitoring inbox through the real pipeline, without any network: hand
clippings analysed into stories, a syndicated copy joined, a priority story, a response case."""

from __future__ import annotations

import datetime as dt

from ttdn.monitoring.demo import demo_monitoring_load
from ttdn.monitoring.models import Article, FetchAttempt, ResponseCase, Story
from ttdn.reporting.demo import VN
from ttdn.units.demo import demo_load


def test_demo_monitoring_loads_once_and_is_analysed(db) -> None:  # type: ignore[no-untyped-def]
    demo_load()

    assert demo_monitoring_load() == (True, 8)
    assert demo_monitoring_load() == (False, 8)

    articles = Article.objects.select_related("story").order_by("pk")
    assert articles.filter(analyzed_at__isnull=True).count() == 0
    assert not FetchAttempt.objects.exists()  # hand clippings: nothing fetched
    airport = [a for a in articles if a.title.startswith("Quảng Trị: Cảng hàng không")]
    assert len(airport) == 2 and airport[0].story_id == airport[1].story_id
    assert Story.objects.get(pk=airport[0].story_id).appearances == 2
    assert Story.objects.count() == 7
    english = articles.get(title__startswith="Quang Tri opens")
    assert english.language == "en"
    religion = articles.get(title__startswith="Bài viết xuyên tạc")
    assert (religion.sentiment, religion.priority) == ("negative", True)
    case = ResponseCase.objects.get()
    assert (case.story_id, case.unit.code, case.kind, case.status) == (
        religion.story_id,
        "QT-SNGV",
        "rebut",
        "new",
    )
    assert all("Quảng Trị" in a.provinces for a in articles)
    # Dated like the rest of the demo: the fortnight before its reference day, 22/11/2026.
    first, last = dt.datetime(2026, 11, 8, tzinfo=VN), dt.datetime(2026, 11, 22, 23, 59, tzinfo=VN)
    assert all(first <= a.fetched_at <= last for a in articles)
    assert case.created_at == dt.datetime(2026, 11, 21, 10, tzinfo=VN)
    assert case.due_at == dt.datetime(2026, 11, 23, 10, tzinfo=VN)
