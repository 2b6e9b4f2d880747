"""Feeds and pages from a local HTTP server: health, encodings, limits, no duplicates."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.text.test_legacy_encodings import encode_cp1258, encode_tcvn3
from ttdn.monitoring.fetching import Fetcher, FetchFailed, FetchPolicy
from ttdn.monitoring.ingestion import poll_source
from ttdn.monitoring.models import Article, FetchAttempt, Source, SourceKind

pytestmark = pytest.mark.django_db

PARAGRAPHS = [
    "Sáng nay, tỉnh tổ chức hội nghị xúc tiến đầu tư với sự tham dự của nhiều doanh nghiệp trong và ngoài nước.",
    "Lãnh đạo tỉnh giới thiệu các dự án trọng điểm về hạ tầng cảng biển, khu công nghiệp và du lịch sinh thái.",
    "Các nhà đầu tư đánh giá cao môi trường kinh doanh được cải thiện, thủ tục hành chính nhanh gọn hơn trước.",
    "Kết thúc hội nghị, tỉnh trao giấy chứng nhận đầu tư cho mười hai dự án với tổng vốn đăng ký lớn.",
]


def _rss(items: list[tuple[str, str, str]]) -> str:
    entries = "".join(
        f"<item><title>{t}</title><link>{link}</link><description>{d}</description>"
        f"<pubDate>Mon, 05 Jan 2026 08:00:00 +0700</pubDate></item>"
        for t, link, d in items
    )
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Báo tỉnh</title>{entries}</channel></rss>'


ITEMS = [
    ("Hội nghị xúc tiến đầu tư", "/bai/1", PARAGRAPHS[0]),
    ("Dự án cảng biển", "/bai/2", PARAGRAPHS[1]),
    ("Môi trường kinh doanh", "/bai/3", PARAGRAPHS[2]),
]


def _source(server: HTTPServer, path: str, kind: str = SourceKind.RSS) -> Source:
    return Source.objects.create(name="Báo tỉnh", kind=kind, url=server.url_for(path))


def _page(body: str, charset: str) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n"))
    return (
        f'<html><head><meta charset="{charset}"><title>Hội nghị xúc tiến đầu tư</title></head>'
        f"<body><article><h1>Hội nghị xúc tiến đầu tư</h1>{paragraphs}</article></body></html>"
    )


def test_feed_is_stored_once_and_rerun_adds_nothing(server: HTTPServer, fetcher: Fetcher) -> None:
    server.expect_request("/rss").respond_with_data(_rss(ITEMS), content_type="application/rss+xml")
    source = _source(server, "/rss")
    first = poll_source(source, fetcher)
    second = poll_source(source, fetcher)
    assert (first.seen, first.new, second.seen, second.new) == (3, 3, 3, 0)
    assert sorted(Article.objects.values_list("title", flat=True)) == sorted(t for t, _, _ in ITEMS)
    source.refresh_from_db()
    assert (source.consecutive_failures, source.last_error) == (0, "")
    assert source.last_success_at is not None
    assert FetchAttempt.objects.filter(source=source, ok=True).count() == 2


def test_a_feed_that_changes_item_urls_duplicates_nothing(
    server: HTTPServer, fetcher: Fetcher
) -> None:
    source = _source(server, "/rss")
    server.expect_oneshot_request("/rss").respond_with_data(_rss(ITEMS))
    moved = [(t, f"/tin-moi{link}?utm_source=rss", d) for t, link, d in ITEMS]
    moved.append(("Tin mới thật sự", "/bai/4", PARAGRAPHS[3]))
    server.expect_oneshot_request("/rss").respond_with_data(_rss(moved))
    assert poll_source(source, fetcher).new == 3
    assert poll_source(source, fetcher).new == 1
    assert Article.objects.count() == 4


def test_conditional_get_sends_the_etag_back(server: HTTPServer, fetcher: Fetcher) -> None:
    source = _source(server, "/rss")
    server.expect_oneshot_request("/rss").respond_with_data(_rss(ITEMS), headers={"ETag": '"v1"'})
    server.expect_oneshot_request("/rss", headers={"If-None-Match": '"v1"'}).respond_with_data(
        "", status=304
    )
    poll_source(source, fetcher)
    result = poll_source(source, fetcher)
    assert (result.not_modified, result.new, result.error) == (True, 0, "")
    assert Article.objects.count() == 3
    assert FetchAttempt.objects.filter(not_modified=True).count() == 1


def test_malformed_xml_is_recorded_on_the_source(server: HTTPServer, fetcher: Fetcher) -> None:
    whole = _rss(ITEMS)
    cut = whole[: whole.rindex("<item>") + 30]  # the last item is cut off mid-way
    server.expect_request("/rss").respond_with_data(cut, content_type="text/xml")
    source = _source(server, "/rss")
    result = poll_source(source, fetcher)
    source.refresh_from_db()
    assert result.error.startswith("Tệp RSS/Atom lỗi cú pháp")
    assert (source.consecutive_failures, source.last_success_at) == (1, None)
    assert source.last_error == result.error
    # The complete items before the break are kept rather than lost.
    assert sorted(Article.objects.values_list("title", flat=True)) == [
        "Dự án cảng biển",
        "Hội nghị xúc tiến đầu tư",
    ]


def test_a_source_that_disappears_keeps_its_articles_and_counts_failures(
    server: HTTPServer, fetcher: Fetcher
) -> None:
    source = _source(server, "/rss")
    server.expect_oneshot_request("/rss").respond_with_data(_rss(ITEMS))
    server.expect_oneshot_request("/rss").respond_with_data("gone", status=404)
    server.expect_oneshot_request("/rss").respond_with_data("gone", status=404)
    poll_source(source, fetcher)
    poll_source(source, fetcher)
    poll_source(source, fetcher)
    source.refresh_from_db()
    assert (source.consecutive_failures, source.last_error) == (2, "Máy chủ trả lỗi HTTP 404")
    assert source.last_success_at is not None
    assert Article.objects.count() == 3
    assert list(FetchAttempt.objects.order_by("pk").values_list("ok", "status")) == [
        (True, 200),
        (False, 404),
        (False, 404),
    ]
    # The next try waits twice the poll interval after two failures.
    assert source.next_poll_at - source.last_checked_at == dt.timedelta(minutes=2 * 60)


def test_a_50_mb_page_is_refused_without_reading_it_all(
    server: HTTPServer, fetcher: Fetcher
) -> None:
    huge = b"<html><body>" + b"x" * (50 * 1024 * 1024) + b"</body></html>"
    server.expect_request("/big").respond_with_data(huge, content_type="text/html")
    chunks = (b"y" * 65536 for _ in range(800))
    server.expect_request("/big-chunked").respond_with_response(
        Response(chunks, content_type="text/html")
    )
    for path in ("/big", "/big-chunked"):
        with pytest.raises(FetchFailed, match="Nội dung quá lớn"):
            fetcher.get(server.url_for(path))
    source = _source(server, "/big", SourceKind.PAGE)
    assert poll_source(source, fetcher).error == "Nội dung quá lớn (trên 5 MB), đã bỏ qua"


def test_a_redirect_loop_and_too_many_redirects_fail(server: HTTPServer, fetcher: Fetcher) -> None:
    server.expect_request("/a").respond_with_data("", status=302, headers={"Location": "/b"})
    server.expect_request("/b").respond_with_data("", status=302, headers={"Location": "/a"})
    for n in range(7):
        server.expect_request(f"/r{n}").respond_with_data(
            "", status=301, headers={"Location": f"/r{n + 1}"}
        )
    with pytest.raises(FetchFailed, match="Chuyển hướng vòng lặp"):
        fetcher.get(server.url_for("/a"))
    with pytest.raises(FetchFailed, match="Quá 5 lần chuyển hướng"):
        fetcher.get(server.url_for("/r0"))


def test_a_timeout_is_retried_then_recorded(server: HTTPServer, fetcher: Fetcher) -> None:
    calls = []

    def slow(request: Request) -> Response:
        calls.append(time.monotonic())
        time.sleep(1.0)
        return Response("late")

    server.expect_request("/slow").respond_with_handler(slow)
    source = _source(server, "/slow")
    result = poll_source(source, fetcher)
    assert result.error == "Hết thời gian chờ (0.5 giây)"
    assert len(calls) == 2  # the first try and one retry
    source.refresh_from_db()
    assert source.consecutive_failures == 1


def test_a_server_error_is_retried_with_backoff(server: HTTPServer) -> None:
    server.expect_oneshot_request("/flaky").respond_with_data("busy", status=503)
    server.expect_oneshot_request("/flaky").respond_with_data("ok")
    fetched = Fetcher(FetchPolicy(retries=2, backoff=0.05, host_delay=0)).get(
        server.url_for("/flaky")
    )
    assert (fetched.status, fetched.body) == (200, b"ok")


def test_robots_txt_is_honoured(server: HTTPServer, fetcher: Fetcher) -> None:
    server.expect_request("/private/list").respond_with_data(_rss(ITEMS))
    source = _source(server, "/private/list")
    assert (
        poll_source(source, fetcher).error == "robots.txt của trang không cho phép lấy địa chỉ này"
    )
    assert Article.objects.count() == 0


def test_politeness_spaces_requests_to_one_host(server: HTTPServer) -> None:
    server.expect_request("/p").respond_with_data("ok")
    polite = Fetcher(FetchPolicy(host_delay=0.3, honour_robots=False))
    start = time.monotonic()
    for _ in range(3):
        polite.get(server.url_for("/p"))
    assert time.monotonic() - start >= 0.6


@pytest.mark.parametrize(
    ("encode", "charset", "encoding"),
    [(encode_cp1258, "windows-1258", "windows-1258"), (encode_tcvn3, "iso-8859-1", "tcvn3")],
)
def test_legacy_encoded_pages_are_converted(
    server: HTTPServer, fetcher: Fetcher, encode, charset: str, encoding: str
) -> None:  # type: ignore[no-untyped-def]
    body = encode(_page("\n".join(PARAGRAPHS), charset))
    server.expect_request("/bai").respond_with_data(
        body, content_type=f"text/html; charset={charset}"
    )
    source = _source(server, "/bai", SourceKind.PAGE)
    assert poll_source(source, fetcher).new == 1
    article = Article.objects.get()
    assert article.encoding == encoding
    assert article.title == "Hội nghị xúc tiến đầu tư"
    assert PARAGRAPHS[1] in article.text
