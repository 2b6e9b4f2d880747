"""Writes of press monitoring: sources, alert rules, uploads of social exports, manual clippings
(fetched from their address when only the address is given), officials' labels. Keyword-only,
permission checked inside, one transaction each, audited. The taxonomy's writes are in
`taxonomy`, the cases' in `cases`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from lxml import etree

from ttdn.core.errors import ValidationFailed
from ttdn.monitoring.analysis import current_analyzer
from ttdn.monitoring.canonical import canonical_url, content_hash
from ttdn.monitoring.fetching import Fetcher, FetchFailed, FetchPolicy
from ttdn.monitoring.ingestion import Item, page_item, store_item
from ttdn.monitoring.models import (
    AlertRule,
    Article,
    FetchAttempt,
    Relevance,
    Sentiment,
    Source,
    SourceKind,
    Story,
)
from ttdn.monitoring.nlp.language import LANGUAGES
from ttdn.monitoring.social import read_export
from ttdn.monitoring.taxonomy import expression_problem
from ttdn.press.countries import country_normalize
from ttdn.text.normalize import nfc
from ttdn.units.models import User
from ttdn.units.services import require_perm, save_audited

SOURCE_FIELDS = (
    "name", "kind", "url", "outlet", "country", "language", "foreign", "poll_minutes",
    "active", "fetch_pages", "site_rules",
)  # fmt: skip
AUTOMATIC = (SourceKind.RSS, SourceKind.PAGE, SourceKind.SITEMAP)
POLL_MINUTES = (5, 7 * 24 * 60)
CHECK_CLAIM = dt.timedelta(minutes=15)  # as tasks.CLAIM: the scheduler leaves it to this poll
# A clipping is fetched while the officer waits: short waits, no retry.
CLIPPING_POLICY = FetchPolicy(timeout=5.0, total_timeout=15.0, retries=0, host_delay=0.0)


def _analyse_after_commit() -> None:
    from ttdn.monitoring.tasks import analyze_new_articles

    transaction.on_commit(analyze_new_articles.enqueue)


def _source_check(source: Source) -> None:
    """Every rule of a source's fields, with the message the official sees."""
    source.name = nfc(source.name).strip()
    if not source.name:
        raise ValidationFailed("Cần nhập tên nguồn", details={"field": "name"})
    if source.kind not in SourceKind.values:
        raise ValidationFailed(f"Loại nguồn “{source.kind}” không hợp lệ")
    source.url = source.url.strip()
    if source.kind in AUTOMATIC and not source.url:
        raise ValidationFailed("Nguồn tự động cần có địa chỉ", details={"field": "url"})
    if source.url and not source.url.startswith(("http://", "https://")):
        raise ValidationFailed(
            "Địa chỉ nguồn phải bắt đầu bằng http:// hoặc https://", details={"field": "url"}
        )
    source.country = country_normalize(source.country)
    if source.language and source.language not in LANGUAGES:
        raise ValidationFailed(
            f"Ngôn ngữ “{source.language}” không hợp lệ ({', '.join(LANGUAGES)} hoặc để trống)",
            details={"field": "language"},
        )
    low, high = POLL_MINUTES
    if not low <= source.poll_minutes <= high:
        raise ValidationFailed(
            f"Chu kỳ lấy tin phải từ {low} đến {high} phút", details={"field": "poll_minutes"}
        )
    _site_rules_check(source.site_rules)


def _site_rules_check(rules: Any) -> None:
    if not isinstance(rules, dict):
        raise ValidationFailed("Quy tắc riêng của trang phải là một đối tượng JSON {…}")
    unknown = set(rules) - {"text_xpath", "columns"}
    if unknown:
        raise ValidationFailed(f"Quy tắc riêng không biết khóa: {', '.join(sorted(unknown))}")
    if "text_xpath" in rules:
        try:
            etree.XPath(str(rules["text_xpath"]))
        except etree.XPathSyntaxError as exc:
            raise ValidationFailed(f"Biểu thức XPath không hợp lệ: {exc}") from exc
    columns = rules.get("columns", {})
    if not isinstance(columns, dict) or not all(isinstance(v, str) for v in columns.values()):
        raise ValidationFailed("“columns” phải là {trường: tên cột}")


@transaction.atomic
def source_create(*, actor: Any, **fields: Any) -> Source:
    require_perm(actor, "monitoring.manage_sources")
    unknown = set(fields) - set(SOURCE_FIELDS)
    if unknown:
        raise ValidationFailed(f"Trường không hợp lệ: {', '.join(sorted(unknown))}")
    source = Source(**fields)
    _source_check(source)
    source.next_poll_at = timezone.now()
    save_audited(source, actor)
    return source


@transaction.atomic
def source_update(*, actor: Any, source: Source, **fields: Any) -> Source:
    """Change a source's settings; its health and conditional-GET state are kept."""
    require_perm(actor, "monitoring.manage_sources")
    unknown = set(fields) - set(SOURCE_FIELDS)
    if unknown:
        raise ValidationFailed(f"Trường không hợp lệ: {', '.join(sorted(unknown))}")
    changed = Source.objects.select_for_update().get(pk=source.pk)
    old_url = changed.url
    for name, value in fields.items():
        setattr(changed, name, value)
    _source_check(changed)
    if changed.url != old_url:
        changed.etag = changed.last_modified = ""  # a new address starts without validators
    save_audited(changed, actor)
    return changed


@transaction.atomic
def source_set_active(*, actor: Any, source: Source, active: bool) -> Source:
    """Pause a source (no more polls) or resume it (polled at the next round)."""
    require_perm(actor, "monitoring.manage_sources")
    changed = Source.objects.select_for_update().get(pk=source.pk)
    changed.active = active
    if active:
        changed.next_poll_at = timezone.now()
    save_audited(changed, actor)
    return changed


@transaction.atomic
def source_check_now(*, actor: Any, source: Source) -> Source:
    """Enqueue a poll of this one source ("Kiểm tra ngay"); its result shows in the health."""
    require_perm(actor, "monitoring.manage_sources")
    changed = Source.objects.select_for_update().get(pk=source.pk)
    if changed.kind not in AUTOMATIC:
        raise ValidationFailed(
            "Chỉ kiểm tra được nguồn lấy tin tự động (RSS/Atom, trang web, sitemap)"
        )
    # Claimed like a due source, so the scheduler does not poll it a second time meanwhile.
    changed.next_poll_at = timezone.now() + CHECK_CLAIM
    save_audited(changed, actor)
    from ttdn.monitoring.tasks import poll_one_source

    transaction.on_commit(lambda: poll_one_source.enqueue(changed.pk))
    return changed


@transaction.atomic
def alert_rule_save(
    *,
    actor: Any,
    rule: AlertRule | None = None,
    name: str,
    recipients: list[User],
    topics: list[str] | None = None,
    sentiment: str = "",
    source: Source | None = None,
    keywords: str = "",
    priority_only: bool = False,
    active: bool = True,
) -> AlertRule:
    """Create (`rule` None) or change an alert rule and its recipients."""
    require_perm(actor, "monitoring.manage_rules")
    name = nfc(name).strip()
    if not name:
        raise ValidationFailed("Cần đặt tên cho quy tắc cảnh báo", details={"field": "name"})
    known = {t.code for t in current_analyzer().taxonomy}
    bad = [t for t in topics or [] if t not in known]
    if bad:
        raise ValidationFailed(f"Chủ đề không hợp lệ: {', '.join(bad)}")
    if sentiment and sentiment not in Sentiment.values:
        raise ValidationFailed(f"Sắc thái “{sentiment}” không hợp lệ")
    keywords = nfc(keywords).strip()
    problem = expression_problem(keywords) if keywords else None
    if problem is not None:
        raise ValidationFailed(f"Từ khóa: {problem}", details={"field": "keywords"})
    if not recipients:
        raise ValidationFailed("Cần chọn ít nhất một người nhận cảnh báo")
    refused = [
        u.get_username() for u in recipients if not u.is_active or not u.has_perm("monitoring.view")
    ]
    if refused:
        raise ValidationFailed(
            f"Người nhận không được xem tin giám sát báo chí: {', '.join(refused)}"
        )
    target = AlertRule() if rule is None else AlertRule.objects.select_for_update().get(pk=rule.pk)
    target.name, target.topics, target.sentiment = name, list(topics or []), sentiment
    target.topic_key = "|" + "|".join(target.topics) + "|" if target.topics else ""
    target.source, target.keywords = source, keywords
    target.priority_only, target.active = priority_only, active
    save_audited(target, actor)
    target.recipients.set(recipients)
    return target


@transaction.atomic
def alert_rule_set_active(*, actor: Any, rule: AlertRule, active: bool) -> AlertRule:
    require_perm(actor, "monitoring.manage_rules")
    changed = AlertRule.objects.select_for_update().get(pk=rule.pk)
    changed.active = active
    save_audited(changed, actor)
    return changed


@transaction.atomic
def social_import(*, actor: Any, source: Source, data: bytes, filename: str) -> tuple[int, int]:
    """Store every row of an export (all or nothing); returns (rows, new articles)."""
    require_perm(actor, "monitoring.manage_sources")
    if source.kind != SourceKind.SOCIAL:
        raise ValidationFailed("Chỉ tải tệp lên nguồn loại “tệp xuất mạng xã hội”")
    columns = source.site_rules.get("columns") if isinstance(source.site_rules, dict) else None
    items = read_export(data, filename, columns)
    new = sum(store_item(source, item) is not None for item in items)
    if new:
        _analyse_after_commit()
    return len(items), new


@dataclass(frozen=True)
class ClippingResult:
    article: Article | None  # None: already stored, nothing added
    fetched: bool = False  # the text was fetched from the address
    problem: str = ""  # why the address could not be fetched (the clipping is kept anyway)
    completed: bool = False  # a clipping kept without its text got it now


def clipping_add(
    *,
    actor: Any,
    source: Source,
    title: str = "",
    text: str = "",
    url: str = "",
    fetcher: Fetcher | None = None,
) -> ClippingResult:
    """A manual clipping (print, TV, pasted web text, or only an address to fetch).

    With an address and no text, the page is fetched now (short timeouts, robots.txt, size cap,
    legacy encodings) and its main text, title, date and author filled in. When that fails, the
    clipping is kept with its address and title, and the failure recorded on the source; entering
    the same address again (with its text, or to fetch it once more) completes that clipping.
    """
    require_perm(actor, "monitoring.manage_sources")
    if source.kind != SourceKind.MANUAL:
        raise ValidationFailed("Chỉ nhập tin vào nguồn loại “tin nhập tay”")
    url, title = url.strip(), title.strip()
    if url and not url.startswith(("http://", "https://")):
        raise ValidationFailed("Địa chỉ phải bắt đầu bằng http:// hoặc https://")
    if not text.strip() and not url:
        raise ValidationFailed("Cần nhập nội dung tin, hoặc địa chỉ để máy tự lấy nội dung")
    kept = _kept_without_text(url)
    if url and kept is None and Article.objects.filter(canonical_url=canonical_url(url)).exists():
        return ClippingResult(None)  # known already: nothing is fetched
    if text.strip():
        item = Item(url=url, title=title or (kept.title if kept else ""), text=text)
        return _clipping_save(actor, source, item, None, kept)
    # Fetched outside any transaction: no database lock is held while the site answers.
    attempt = FetchAttempt(source=source, url=url)
    try:
        fetched = (fetcher or Fetcher(CLIPPING_POLICY)).get(url)
        item = page_item(fetched.body, fetched.content_type, fetched.url, source.site_rules)
        attempt.status = fetched.status
    except FetchFailed as exc:
        attempt.status, attempt.error = exc.status or None, exc.message
        item = Item(url=url, title=title or url, text=title or url)
    else:
        item.title = title or item.title or url
        item.url = url  # the address the officer gave, even if the site redirected
    return _clipping_save(actor, source, item, attempt, kept)


def _kept_without_text(url: str) -> Article | None:
    """The clipping stored for `url` after its fetch failed, still without its text."""
    if not url:
        return None
    article = Article.objects.filter(
        canonical_url=canonical_url(url), source__kind=SourceKind.MANUAL
    ).first()
    if article is None or article.text not in (article.title, article.url):
        return None
    failed = FetchAttempt.objects.filter(source_id=article.source_id, url=article.url, ok=False)
    return article if failed.exists() else None


@transaction.atomic
def _clipping_save(
    actor: Any, source: Source, item: Item, attempt: FetchAttempt | None, kept: Article | None
) -> ClippingResult:
    failed = attempt is not None and bool(attempt.error)
    if kept is not None and failed:
        article = None  # fetched in vain again: the kept clipping stays as it is
    elif kept is not None:
        article = _clipping_complete(actor, kept, item)
    else:
        article = store_item(source, item)
    if attempt is not None:
        _record_fetch(source, attempt, article is not None)
    if article is not None:
        _analyse_after_commit()
    return ClippingResult(
        article if not failed else (article or kept),
        fetched=attempt is not None and not failed,
        problem=attempt.error if attempt is not None else "",
        completed=kept is not None and article is not None,
    )


def _clipping_complete(actor: Any, article: Article, item: Item) -> Article | None:
    """Give a kept clipping its text and analyse it afresh (None: that text is stored already)."""
    text, title = nfc(item.text).strip(), nfc(item.title).strip()[:500]
    digest = content_hash(title, text)
    if Article.objects.filter(content_hash=digest).exclude(pk=article.pk).exists():
        return None
    old_story = article.story_id
    article.title, article.text, article.content_hash = title, text, digest
    article.author, article.published_at = item.author[:200], item.published_at
    article.encoding = item.encoding
    # Analysed again from scratch: the headline-only analysis and its story no longer hold.
    article.analyzed_at, article.story, article.signature = None, None, None
    save_audited(article, actor)
    if old_story is not None:
        story = Story.objects.select_for_update().get(pk=old_story)
        if not story.articles.exists() and not story.cases.exists():
            story.delete()
        else:
            Story.objects.filter(pk=story.pk, appearances__gt=0).update(
                appearances=F("appearances") - 1
            )
    return article


def _record_fetch(source: Source, attempt: FetchAttempt, stored: bool) -> None:
    """The fetch of a clipping, in the manual source's health like a poll's."""
    attempt.ok = not attempt.error
    attempt.items_seen, attempt.items_new = 1, int(stored)
    attempt.save()
    now = timezone.now()
    health = Source.objects.select_for_update().get(pk=source.pk)
    health.last_checked_at = now
    if attempt.error:
        health.last_error = f"{attempt.url}: {attempt.error}"
        health.last_error_at = now
        health.consecutive_failures += 1
    else:
        health.last_success_at, health.consecutive_failures = now, 0
    health.save(
        update_fields=["last_checked_at", "last_error", "last_error_at", "last_success_at",
                       "consecutive_failures"]
    )  # fmt: skip


@transaction.atomic
def article_label(
    *,
    actor: Any,
    article: Article,
    status: str | None = None,
    topics: list[str] | None = None,
    sentiment: str | None = None,
) -> Article:
    """An official's judgement of one article: these are the training labels."""
    require_perm(actor, "monitoring.label", article)
    if status is not None:
        if status not in Relevance.values:
            raise ValidationFailed(f"Đánh giá “{status}” không hợp lệ")
        article.status = status
    if topics is not None:
        known = {t.code for t in current_analyzer().taxonomy}
        bad = [t for t in topics if t not in known]
        if bad or not topics:
            raise ValidationFailed(f"Chủ đề không hợp lệ: {', '.join(bad) or '(trống)'}")
        article.label_topics = topics
    if sentiment is not None:
        if sentiment not in Sentiment.values:
            raise ValidationFailed(f"Sắc thái “{sentiment}” không hợp lệ")
        article.label_sentiment = sentiment
    article.labelled_by = actor
    save_audited(article, actor)
    return article


@transaction.atomic
def articles_label_bulk(*, actor: Any, articles: list[Article], status: str) -> int:
    for article in articles:
        article_label(actor=actor, article=article, status=status)
    return len(articles)
