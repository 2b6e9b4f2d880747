"""Stored articles: analysis and stories, social exports, manual clippings, labels, jobs."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command

from tests.conftest import World
from ttdn.core.errors import PermissionDenied, ValidationFailed
from ttdn.monitoring import services
from ttdn.monitoring.analysis import analyze_pending
from ttdn.monitoring.ingestion import Item, store_item
from ttdn.monitoring.models import Article, Source, SourceKind, Story
from ttdn.monitoring.tasks import analyze_new_articles, claim_due_sources
from ttdn.units.models import Role

pytestmark = pytest.mark.django_db

STORY = (
    "Sáng nay tại Quảng Trị, lễ khởi công dự án cảng biển quốc tế đã diễn ra với sự tham dự "
    "của lãnh đạo tỉnh, các nhà đầu tư và đông đảo người dân địa phương. Dự án có tổng vốn "
    "hơn hai tỷ đô la, dự kiến hoàn thành sau bốn năm và tạo việc làm cho nghìn lao động."
)


def _source(kind: str = SourceKind.MANUAL, **extra: object) -> Source:
    return Source.objects.create(name="Báo tỉnh", kind=kind, **extra)


def test_copies_join_one_story_across_runs() -> None:
    source = _source()
    store_item(source, Item(url="https://a.vn/1", title="Khởi công cảng biển", text=STORY))
    assert analyze_pending() == 1
    store_item(
        source, Item(url="https://b.vn/2", title="Khởi công cảng", text=STORY + " Ảnh: TTXVN.")
    )
    store_item(
        source,
        Item(
            url="https://c.vn/3", title="Lũ quét", text="Lũ quét ở vùng núi làm hư hại nhiều nhà."
        ),
    )
    assert analyze_pending() == 2
    first, copy, other = Article.objects.order_by("pk")
    assert first.story_id == copy.story_id != other.story_id
    assert Story.objects.get(pk=first.story_id).appearances == 2
    assert (first.language, first.provinces, first.topics[0], first.sentiment) == (
        "vi",
        ["Quảng Trị"],
        "kinh-te-dau-tu",
        "positive",
    )
    assert analyze_pending() == 0


def test_social_export_with_the_documented_columns(world: World) -> None:
    source = _source(SourceKind.SOCIAL)
    rows = [
        {
            "post_id": "11",
            "message": "Cảnh đẹp Quảng Trị mùa hè",
            "created_time": "2026-03-01T08:00:00Z",
            "from_name": "Trang A",
        },
        {
            "post_id": "12",
            "message": "Lễ hội biển thu hút du khách",
            "created_time": "1767225600",
            "from_name": "Trang B",
        },
    ]
    data = json.dumps(rows, ensure_ascii=False).encode()
    coord = world.users[Role.COORDINATOR]
    assert services.social_import(actor=coord, source=source, data=data, filename="fb.json") == (
        2,
        2,
    )
    assert services.social_import(actor=coord, source=source, data=data, filename="fb.json") == (
        2,
        0,
    )
    assert sorted(Article.objects.values_list("canonical_url", "author")) == [
        ("mxh:11", "Trang A"),
        ("mxh:12", "Trang B"),
    ]
    csv_data = "link;content;date\nhttps://x.com/p/1;Bài đăng mới;2026-03-02\n".encode()
    assert services.social_import(actor=coord, source=source, data=csv_data, filename="x.csv") == (
        1,
        1,
    )


def test_a_bad_export_row_stores_nothing(world: World) -> None:
    source = _source(SourceKind.SOCIAL)
    data = "message,created_time\nMột,2026-01-01\nHai,ngày mai\n".encode()
    with pytest.raises(ValidationFailed, match="Dòng 3: ngày “ngày mai” không đọc được"):
        services.social_import(
            actor=world.users[Role.COORDINATOR], source=source, data=data, filename="a.csv"
        )
    assert Article.objects.count() == 0


def test_clippings_and_labels_need_the_monitoring_permission(world: World) -> None:
    source = _source()
    officer, coord = world.users[Role.UNIT_OFFICER], world.users[Role.COORDINATOR]
    with pytest.raises(PermissionDenied):
        services.clipping_add(actor=officer, source=source, title="Báo in", text="Nội dung")
    assert Article.objects.count() == 0
    article = services.clipping_add(
        actor=coord, source=source, title="Báo in", text="Bài báo in về tỉnh"
    ).article
    assert article is not None
    with pytest.raises(PermissionDenied):
        services.article_label(actor=officer, article=article, status="irrelevant")
    article.refresh_from_db()
    assert article.status == "new"
    services.article_label(actor=coord, article=article, topics=["du-lich"], sentiment="positive")
    article.refresh_from_db()
    assert (article.label_topics, article.label_sentiment, article.labelled_by) == (
        ["du-lich"],
        "positive",
        coord,
    )
    with pytest.raises(ValidationFailed, match="Chủ đề không hợp lệ: bong-da"):
        services.article_label(actor=coord, article=article, topics=["bong-da"])


def test_a_due_source_is_claimed_once() -> None:
    due = _source(SourceKind.RSS, url="http://127.0.0.1:9/rss")
    _source(SourceKind.MANUAL)
    assert claim_due_sources() == [due.pk]
    assert claim_due_sources() == []


def test_analysis_runs_as_a_task_on_the_worker(transactional_db: None) -> None:
    store_item(_source(), Item(url="https://a.vn/1", title="Khởi công cảng biển", text=STORY))
    result = analyze_new_articles.enqueue()
    call_command("worker", burst=True, verbosity=0)
    result.refresh()
    assert result.return_value == 1
    assert Article.objects.get().analyzed_at is not None


def test_monitor_poll_enqueues_the_jobs(transactional_db: None) -> None:
    due = _source(SourceKind.RSS, url="http://127.0.0.1:9/rss")
    call_command("monitor", "poll")
    call_command("worker", burst=True, verbosity=0)
    due.refresh_from_db()
    # The unreachable feed was polled by the worker and its failure recorded.
    assert due.consecutive_failures == 1
    assert due.last_error.startswith("Không")


def test_an_edited_taxonomy_in_the_product_drives_the_analysis(world: World) -> None:
    from django.core.exceptions import ValidationError

    from ttdn.monitoring.models import Taxonomy

    bad = Taxonomy(text="- code: cang\n  rules:\n    - when: '(cảng OR'\n")
    with pytest.raises(ValidationError, match="Chủ đề cang: Biểu thức kết thúc giữa chừng"):
        bad.full_clean()
    edited = Taxonomy(
        text="- code: cang-bien\n  name: Cảng biển\n  rules:\n    - when: 'cảng OR port*'\n      weight: 2\n"
    )
    edited.full_clean()
    edited.save()
    store_item(_source(), Item(url="https://a.vn/1", title="Khởi công cảng biển", text=STORY))
    analyze_pending()
    assert Article.objects.get().topics == ["cang-bien"]
    with pytest.raises(ValidationFailed, match="Chủ đề không hợp lệ: du-lich"):
        services.article_label(
            actor=world.users[Role.COORDINATOR], article=Article.objects.get(), topics=["du-lich"]
        )
