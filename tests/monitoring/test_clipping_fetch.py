"""A clipping entered with only its address is fetched (pytest-httpserver on 127.0.0.1): a good
page fills title, text, date and author and is analysed; a 404 and a timeout keep the clipping
with its address, record the failure on the source and tell the officer why."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.test import Client
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.conftest import World
from tests.monitoring.conftest import queued_jobs
from ttdn.monitoring import services
from ttdn.monitoring.analysis import analyze_pending
from ttdn.monitoring.fetching import Fetcher
from ttdn.monitoring.models import Article, FetchAttempt, Source, SourceKind
from ttdn.units.models import Role

pytestmark = pytest.mark.django_db

BODY = (
    "Sáng 20/11, tỉnh Quảng Trị khởi công cảng biển Mỹ Thủy với tổng vốn đầu tư hơn 14.000 tỷ "
    "đồng. Đây là dự án hạ tầng trọng điểm của tỉnh, được kỳ vọng thu hút các nhà đầu tư trong "
    "và ngoài nước, tạo việc làm cho hàng nghìn lao động địa phương. "
)
PAGE = f"""<!doctype html><html lang="vi"><head><meta charset="utf-8">
<title>Khởi công cảng biển Mỹ Thủy | Báo Quảng Trị</title>
<meta property="og:title" content="Khởi công cảng biển Mỹ Thủy">
<meta name="author" content="Lê Minh">
<meta property="article:published_time" content="2026-11-20T08:00:00+07:00">
</head><body><nav><a href="/">Trang chủ</a> <a href="/kinh-te">Kinh tế</a></nav>
<article><h1>Khởi công cảng biển Mỹ Thủy</h1><p>{BODY * 2}</p><p>{BODY}</p></article>
<footer>Bản quyền Báo Quảng Trị</footer></body></html>"""


@pytest.fixture
def manual(db: None) -> Source:
    return Source.objects.create(name="Báo in, tin dán", kind=SourceKind.MANUAL)


def _add(world: World, source: Source, url: str, fetcher: Fetcher, title: str = "") -> object:
    return services.clipping_add(
        actor=world.users[Role.COORDINATOR], source=source, url=url, title=title, fetcher=fetcher
    )


def test_a_good_page_is_fetched_filled_in_and_analysed(
    world: World,
    manual: Source,
    server: HTTPServer,
    fetcher: Fetcher,
    queued: list,
    django_capture_on_commit_callbacks,
) -> None:  # type: ignore[no-untyped-def]
    server.expect_request("/bai/cang-bien").respond_with_data(PAGE, content_type="text/html")
    url = server.url_for("/bai/cang-bien")
    with django_capture_on_commit_callbacks(execute=True):
        result = _add(world, manual, url, fetcher)
    assert (result.fetched, result.problem) == (True, "")  # type: ignore[attr-defined]
    article = Article.objects.get()
    assert (article.url, article.title, article.author) == (
        url,
        "Khởi công cảng biển Mỹ Thủy",
        "Lê Minh",
    )
    assert article.published_at is not None and article.published_at.date() == dt.date(2026, 11, 20)
    assert article.text.startswith(
        "Khởi công cảng biển Mỹ Thủy\nSáng 20/11, tỉnh Quảng Trị khởi công cảng biển Mỹ Thủy"
    )
    assert "Bản quyền" not in article.text and "Trang chủ" not in article.text
    # The analysis is enqueued after the commit, as for polled articles.
    assert queued_jobs(queued) == [("ttdn.monitoring.tasks.analyze_new_articles", [])]
    analyze_pending()
    article.refresh_from_db()
    assert article.language == "vi"
    assert "kinh-te-dau-tu" in article.topics
    attempt = FetchAttempt.objects.get()
    assert (attempt.url, attempt.ok, attempt.status, attempt.items_new) == (url, True, 200, 1)
    manual.refresh_from_db()
    assert (manual.consecutive_failures, manual.last_error) == (0, "")
    assert manual.last_success_at is not None
    # The same address again: nothing fetched, nothing added.
    again = _add(world, manual, url, fetcher)
    assert again.article is None  # type: ignore[attr-defined]
    assert (Article.objects.count(), FetchAttempt.objects.count()) == (1, 1)


def test_a_404_keeps_the_clipping_with_its_address_and_records_why(
    world: World, manual: Source, server: HTTPServer, fetcher: Fetcher
) -> None:
    server.expect_request("/mat").respond_with_data("không có", status=404)
    url = server.url_for("/mat")
    result = _add(world, manual, url, fetcher, title="Bài báo in ngày 20/11")
    assert (result.fetched, result.problem) == (False, "Máy chủ trả lỗi HTTP 404")  # type: ignore[attr-defined]
    article = Article.objects.get()
    assert (article.url, article.title, article.text) == (
        url,
        "Bài báo in ngày 20/11",
        "Bài báo in ngày 20/11",
    )
    attempt = FetchAttempt.objects.get()
    assert (attempt.ok, attempt.status, attempt.error) == (False, 404, "Máy chủ trả lỗi HTTP 404")
    manual.refresh_from_db()
    assert manual.last_error == f"{url}: Máy chủ trả lỗi HTTP 404"
    assert manual.consecutive_failures == 1


def test_a_timeout_keeps_the_clipping_and_the_page_says_so(
    world: World, manual: Source, server: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = []
    release = threading.Event()  # set at the end, so the slow answer never holds up the next test

    def slow(request: Request) -> Response:
        calls.append(request.path)
        release.wait(2.0)
        return Response("quá muộn")

    server.expect_request("/cham").respond_with_handler(slow)
    url = server.url_for("/cham")
    monkeypatch.setattr(
        services, "CLIPPING_POLICY", services.FetchPolicy(timeout=0.3, retries=0, host_delay=0)
    )
    client = Client(enforce_csrf_checks=False)
    client.force_login(world.users[Role.COORDINATOR])
    try:
        response = client.post(
            "/monitoring/sources/",
            {"cl-source": manual.pk, "cl-url": url, "cl-title": "", "cl-text": ""},
            follow=True,
        )
    finally:
        release.set()
    assert calls == ["/cham"]  # the officer is not kept waiting for retries
    page = response.content.decode()
    assert "Chưa lấy được nội dung từ địa chỉ: Hết thời gian chờ (0.3 giây)" in page
    article = Article.objects.get()
    assert (article.url, article.title, article.text) == (url, url, url)
    manual.refresh_from_db()
    assert manual.last_error == f"{url}: Hết thời gian chờ (0.3 giây)"


def test_neither_text_nor_address_is_refused_on_the_page(world: World, manual: Source) -> None:
    client = Client()
    client.force_login(world.users[Role.COORDINATOR])
    response = client.post(
        "/monitoring/sources/",
        {"cl-source": manual.pk, "cl-url": "", "cl-title": "Tin", "cl-text": " "},
    )
    assert response.status_code == 200
    assert (
        "Cần dán nội dung tin, hoặc nhập địa chỉ để máy tự lấy nội dung."
        in response.content.decode()
    )
    assert Article.objects.count() == 0


def test_entering_a_kept_address_again_completes_that_clipping(
    world: World, manual: Source, server: HTTPServer, fetcher: Fetcher
) -> None:
    from ttdn.monitoring.models import Story

    answers = [Response("bận", status=404)]  # the first request fails, the next ones succeed

    def page(request: Request) -> Response:
        return answers.pop() if answers else Response(PAGE, content_type="text/html")

    server.expect_request("/bai").respond_with_handler(page)
    url = server.url_for("/bai")
    kept = _add(world, manual, url, fetcher, title="Tin cảng biển")
    analyze_pending()
    headline_story = Article.objects.get().story_id
    assert headline_story is not None
    # The same address a second time: fetched now, the kept clipping gets its text.
    done = _add(world, manual, url, fetcher)
    assert (done.completed, done.fetched, done.problem) == (True, True, "")  # type: ignore[attr-defined]
    article = Article.objects.get()
    assert article.pk == kept.article.pk  # type: ignore[attr-defined]
    # The page's own headline replaces the one typed the first time.
    assert (article.title, article.author, article.analyzed_at, article.story_id) == (
        "Khởi công cảng biển Mỹ Thủy",
        "Lê Minh",
        None,
        None,
    )
    assert "khởi công cảng biển Mỹ Thủy" in article.text
    assert not Story.objects.filter(pk=headline_story).exists()  # its only appearance left it
    analyze_pending()
    article.refresh_from_db()
    assert "kinh-te-dau-tu" in article.topics
    assert Story.objects.get().appearances == 1
    assert list(FetchAttempt.objects.order_by("pk").values_list("ok", flat=True)) == [False, True]
    # A complete clipping is not replaced again.
    assert _add(world, manual, url, fetcher).article is None  # type: ignore[attr-defined]


def test_pasting_the_text_of_a_kept_address_completes_it(
    world: World, manual: Source, server: HTTPServer, fetcher: Fetcher
) -> None:
    server.expect_request("/mat").respond_with_data("không có", status=404)
    url = server.url_for("/mat")
    _add(world, manual, url, fetcher, title="Bài báo in")
    again = _add(world, manual, url, fetcher)  # still failing: nothing changes
    assert (again.completed, again.problem) == (False, "Máy chủ trả lỗi HTTP 404")  # type: ignore[attr-defined]
    assert Article.objects.get().text == "Bài báo in"
    pasted = services.clipping_add(
        actor=world.users[Role.COORDINATOR], source=manual, url=url, text=BODY
    )
    assert pasted.completed is True
    article = Article.objects.get()
    assert (article.title, article.text) == ("Bài báo in", BODY.strip())
    manual.refresh_from_db()
    assert manual.consecutive_failures == 2
