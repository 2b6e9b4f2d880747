"""Polling sources into articles: feeds, pages, sitemaps; the health of every source.

`poll_source` never raises for a fetch problem: it records the failure on the source (and as a
FetchAttempt) and schedules the next try with a growing delay.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from xml.sax import SAXException

import feedparser
import trafilatura
from django.db import IntegrityError, transaction
from django.utils import timezone
from lxml import etree

from ttdn.monitoring.canonical import canonical_url, content_hash
from ttdn.monitoring.fetching import Fetched, Fetcher, FetchFailed, decode_body
from ttdn.monitoring.models import Article, FetchAttempt, Source, SourceKind
from ttdn.text.normalize import nfc

MAX_FAILURE_DELAY = dt.timedelta(hours=24)
MIN_FEED_TEXT = 200  # shorter feed summaries are completed from the page when allowed
MAX_SITEMAP_PAGES = 50


@dataclass
class Item:
    url: str
    title: str
    text: str
    published_at: dt.datetime | None = None
    author: str = ""
    encoding: str = ""


@dataclass
class PollResult:
    seen: int = 0
    new: int = 0
    not_modified: bool = False
    error: str = ""


def store_item(source: Source, item: Item) -> Article | None:
    """Store one item unless its canonical URL or its content is already known."""
    text = nfc(item.text).strip()
    if not text:
        return None
    title = nfc(item.title).strip()[:500]
    key = canonical_url(item.url) if item.url else f"noi-dung:{content_hash(title, text)}"
    digest = content_hash(title, text)
    if (
        Article.objects.filter(canonical_url=key).exists()
        or Article.objects.filter(content_hash=digest).exists()
    ):
        return None
    try:
        with transaction.atomic():
            return Article.objects.create(
                source=source,
                url=item.url,
                canonical_url=key,
                content_hash=digest,
                title=title,
                text=text,
                author=item.author[:200],
                published_at=item.published_at,
                encoding=item.encoding,
                foreign=source.foreign,
            )
    except IntegrityError:
        return None  # another worker stored the same article a moment ago


def poll_source(source: Source, fetcher: Fetcher, now: dt.datetime | None = None) -> PollResult:
    now = now or timezone.now()
    attempt = FetchAttempt(source=source, url=source.url)
    result = PollResult()
    try:
        fetched = fetcher.get(source.url, etag=source.etag, last_modified=source.last_modified)
        attempt.status = fetched.status
        if fetched.not_modified:
            result.not_modified = attempt.not_modified = True
        else:
            items, problem = _items(source, fetched, fetcher)
            result.seen = len(items)
            with transaction.atomic():  # one commit per poll, each item in its own savepoint
                result.new = sum(store_item(source, item) is not None for item in items)
            if problem:
                # What could be read is kept; the source is still marked as failing.
                result.error = attempt.error = problem
            else:
                source.etag, source.last_modified = fetched.etag[:300], fetched.last_modified[:100]
    except FetchFailed as exc:
        result.error = attempt.error = exc.message
        attempt.status = exc.status or None
    attempt.ok = not result.error
    attempt.items_seen, attempt.items_new = result.seen, result.new
    attempt.save()
    _record_health(source, result, now)
    return result


def _record_health(source: Source, result: PollResult, now: dt.datetime) -> None:
    source.last_checked_at = now
    interval = dt.timedelta(minutes=source.poll_minutes)
    if result.error:
        source.consecutive_failures += 1
        source.last_error, source.last_error_at = result.error, now
        delay = min(interval * 2 ** min(source.consecutive_failures - 1, 10), MAX_FAILURE_DELAY)
        source.next_poll_at = now + max(delay, interval)
    else:
        source.consecutive_failures = 0
        source.last_success_at = now
        source.next_poll_at = now + interval
    source.save(
        update_fields=[
            "last_checked_at", "consecutive_failures", "last_error", "last_error_at",
            "last_success_at", "next_poll_at", "etag", "last_modified",
        ]
    )  # fmt: skip


def _items(source: Source, fetched: Fetched, fetcher: Fetcher) -> tuple[list[Item], str]:
    """The items read, and a problem to record ("" when none)."""
    body, content_type, url = fetched.body, fetched.content_type, fetched.url
    if source.kind == SourceKind.RSS:
        return _feed_items(source, body, content_type, fetcher)
    if source.kind == SourceKind.SITEMAP:
        return _sitemap_items(source, body, fetcher)
    if source.kind == SourceKind.PAGE:
        return [page_item(body, content_type, url, source.site_rules)], ""
    raise FetchFailed("Nguồn loại này không lấy tin tự động (tải tệp hoặc nhập tay)")


def _sitemap_items(source: Source, body: bytes, fetcher: Fetcher) -> tuple[list[Item], str]:
    items, failed = [], []
    for page in sitemap_urls(body):
        try:
            items.append(_page_item(fetcher, page, source))
        except FetchFailed as exc:
            failed.append(f"{page}: {exc.message}")
    problem = f"{len(failed)} trang lỗi: " + "; ".join(failed[:5]) if failed else ""
    return items, problem


def _feed_items(
    source: Source, body: bytes, content_type: str, fetcher: Fetcher
) -> tuple[list[Item], str]:
    text, encoding = decode_body(body, content_type)
    feed = feedparser.parse(text)
    problem = ""
    if feed.bozo and isinstance(feed.get("bozo_exception"), SAXException):
        problem = f"Tệp RSS/Atom lỗi cú pháp: {feed['bozo_exception']}"[:500]
        if not feed.entries:
            raise FetchFailed(problem)
    items = []
    for entry in feed.entries:
        link = str(entry.get("link") or "")
        summary = _entry_text(entry)
        item = Item(
            url=link,
            title=_html_to_text(str(entry.get("title") or "")),
            text=summary,
            published_at=_entry_date(entry),
            author=str(entry.get("author") or ""),
            encoding=encoding,
        )
        if source.fetch_pages and link and len(summary) < MIN_FEED_TEXT:
            try:
                page = _page_item(fetcher, link, source)
                item.text = page.text or item.text
            except FetchFailed:
                pass  # keep the summary: the page's failure does not lose the item
        item.text = item.text or item.title  # a headline-only entry is kept, not dropped
        items.append(item)
    return items, problem


def _entry_text(entry: Any) -> str:
    parts = entry.get("content") or []
    html = parts[0].get("value", "") if parts else entry.get("summary", "")
    return _html_to_text(str(html or ""))


def _html_to_text(html: str) -> str:
    if "<" not in html:
        return html.strip()
    tree = etree.fromstring(f"<div>{html}</div>", etree.HTMLParser())
    return " ".join("".join(tree.itertext()).split()) if tree is not None else ""


def _entry_date(entry: Any) -> dt.datetime | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return dt.datetime(*parsed[:6], tzinfo=dt.UTC)


def _page_item(fetcher: Fetcher, url: str, source: Source) -> Item:
    fetched = fetcher.get(url)
    return page_item(fetched.body, fetched.content_type, fetched.url, source.site_rules)


def page_item(body: bytes, content_type: str, url: str, rules: dict[str, Any]) -> Item:
    """Main text, title, date and author of a page (trafilatura, or the site's own XPath)."""
    html, encoding = decode_body(body, content_type)
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, favor_recall=True)
    data = doc.as_dict() if doc is not None and hasattr(doc, "as_dict") else dict(doc or {})
    text = str(data.get("text") or "")
    if rules.get("text_xpath"):
        # A portal whose layout defeats the extractor gets its own rule.
        tree = etree.fromstring(html.encode("utf-8"), etree.HTMLParser())
        nodes = tree.xpath(str(rules["text_xpath"])) if tree is not None else []
        text = "\n".join(" ".join("".join(n.itertext()).split()) for n in nodes) or text
    if not text.strip():
        raise FetchFailed(f"Không tìm thấy nội dung bài ở {url}")
    published = None
    if data.get("date"):
        try:
            published = dt.datetime.fromisoformat(str(data["date"])).replace(tzinfo=dt.UTC)
        except ValueError:
            published = None
    return Item(
        url=url,
        title=str(data.get("title") or ""),
        text=text,
        published_at=published,
        author=str(data.get("author") or ""),
        encoding=encoding,
    )


def sitemap_urls(body: bytes) -> list[str]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True)
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as exc:
        raise FetchFailed(f"Sitemap lỗi cú pháp: {exc}") from exc
    if root is None:
        raise FetchFailed("Sitemap trống hoặc lỗi cú pháp")
    locs = [str(loc.text).strip() for loc in root.iter("{*}loc") if loc.text]
    return locs[:MAX_SITEMAP_PAGES]
