"""Writes of press monitoring: sources, uploads of social exports, manual clippings, officials'
labels. Keyword-only, permission checked inside, one transaction each, audited."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from ttdn.core.errors import ValidationFailed
from ttdn.monitoring.analysis import current_analyzer
from ttdn.monitoring.ingestion import Item, store_item
from ttdn.monitoring.models import Article, Relevance, Sentiment, Source, SourceKind
from ttdn.monitoring.social import read_export
from ttdn.units.services import require_perm, save_audited

SOURCE_FIELDS = (
    "name", "kind", "url", "outlet", "country", "language", "foreign", "poll_minutes",
    "active", "fetch_pages", "site_rules",
)  # fmt: skip


@transaction.atomic
def source_create(*, actor: Any, **fields: Any) -> Source:
    require_perm(actor, "monitoring.manage_sources")
    unknown = set(fields) - set(SOURCE_FIELDS)
    if unknown:
        raise ValidationFailed(f"Trường không hợp lệ: {', '.join(sorted(unknown))}")
    source = Source(**fields)
    if source.kind in (SourceKind.RSS, SourceKind.PAGE, SourceKind.SITEMAP) and not source.url:
        raise ValidationFailed("Nguồn tự động cần có địa chỉ")
    source.next_poll_at = timezone.now()
    save_audited(source, actor)
    return source


@transaction.atomic
def social_import(*, actor: Any, source: Source, data: bytes, filename: str) -> tuple[int, int]:
    """Store every row of an export (all or nothing); returns (rows, new articles)."""
    require_perm(actor, "monitoring.manage_sources")
    if source.kind != SourceKind.SOCIAL:
        raise ValidationFailed("Chỉ tải tệp lên nguồn loại “tệp xuất mạng xã hội”")
    columns = source.site_rules.get("columns") if isinstance(source.site_rules, dict) else None
    items = read_export(data, filename, columns)
    new = sum(store_item(source, item) is not None for item in items)
    return len(items), new


@transaction.atomic
def clipping_add(
    *, actor: Any, source: Source, title: str, text: str, url: str = ""
) -> Article | None:
    """A manual clipping (print, TV, or pasted web text); None when it is already stored."""
    require_perm(actor, "monitoring.manage_sources")
    if not text.strip():
        raise ValidationFailed("Cần nhập nội dung tin")
    return store_item(source, Item(url=url, title=title, text=text))


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
