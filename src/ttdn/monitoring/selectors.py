"""Reads of press monitoring: the inbox with its filters, a story with all appearances, and the
dashboard figures. Every list is a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncDate

from ttdn.core.errors import NotFound, PermissionDenied
from ttdn.monitoring.models import Article, ResponseCase, Source, Story
from ttdn.units.models import Role
from ttdn.units.selectors import unit_subtree_ids

FILTERS = (
    "topic", "sentiment", "language", "origin", "source", "province", "since", "until", "priority",
)  # fmt: skip


def require_view(user: Any) -> None:
    if not user.has_perm("monitoring.view"):
        raise PermissionDenied("Bạn không có quyền xem tin giám sát báo chí.")


@dataclass(frozen=True)
class InboxFilters:
    topic: str = ""
    sentiment: str = ""
    language: str = ""
    origin: str = ""  # "domestic" | "foreign"
    source: int | None = None
    province: str = ""
    since: dt.date | None = None
    until: dt.date | None = None
    status: str = "new"
    priority: bool | None = None  # True: only priority items; False: only the others

    @classmethod
    def from_query(cls, query: Any) -> InboxFilters:
        def day(name: str) -> dt.date | None:
            try:
                return dt.date.fromisoformat(query.get(name, ""))
            except ValueError:
                return None

        source = query.get("source", "")
        return cls(
            topic=query.get("topic", ""),
            sentiment=query.get("sentiment", ""),
            language=query.get("language", ""),
            origin=query.get("origin", ""),
            source=int(source) if source.isdigit() else None,
            province=query.get("province", ""),
            since=day("since"),
            until=day("until"),
            status=query.get("status", "new"),
            priority={"1": True, "0": False}.get(query.get("priority", "")),
        )


def inbox(*, user: Any, filters: InboxFilters) -> QuerySet[Article]:
    """Analysed articles, priority first then newest, with their source and story (2 queries)."""
    require_view(user)
    items = Article.objects.filter(analyzed_at__isnull=False).select_related("source", "story")
    if filters.status in ("new", "relevant", "irrelevant"):
        items = items.filter(status=filters.status)
    if filters.topic:
        items = items.filter(topic_key__contains=f"|{filters.topic}|")
    if filters.sentiment:
        items = items.filter(sentiment=filters.sentiment)
    if filters.language:
        items = items.filter(language=filters.language)
    if filters.origin in ("domestic", "foreign"):
        items = items.filter(foreign=filters.origin == "foreign")
    if filters.source:
        items = items.filter(source_id=filters.source)
    if filters.province:
        items = items.filter(province_key__contains=f"|{filters.province}|")
    if filters.priority is not None:
        items = items.filter(priority=filters.priority)
    if filters.since:
        items = items.filter(fetched_at__date__gte=filters.since)
    if filters.until:
        items = items.filter(fetched_at__date__lte=filters.until)
    return items.defer("text", "signature").order_by("-priority", "-fetched_at", "-pk")


def article_get(*, user: Any, pk: int) -> Article:
    """One article with its source and story, for whoever may read the inbox."""
    require_view(user)
    article = (
        Article.objects.select_related("source", "story", "labelled_by")
        .defer("signature")
        .filter(pk=pk)
        .first()
    )
    if article is None:
        raise NotFound("Không tìm thấy tin")
    return article


def sources_list(*, user: Any) -> QuerySet[Source]:
    """Every source with its health, automatic ones first."""
    require_view(user)
    return Source.objects.order_by("kind", "name", "pk")


def cases_for_user(*, user: Any, status: str = "") -> QuerySet[ResponseCase]:
    """The response cases the user may read: every case for those who see every unit, else the
    cases of the user's unit and its sub-units (the rule `monitoring.view_case`)."""
    rows = ResponseCase.objects.select_related("story", "unit").order_by("due_at", "pk")
    if status:
        rows = rows.filter(status=status)
    if user.has_perm("monitoring.view"):
        return rows
    if user.role in (Role.UNIT_OFFICER, Role.UNIT_LEADER) and user.unit_id is not None:
        return rows.filter(unit_id__in=unit_subtree_ids(user.unit_id))
    return rows.none()


def story_get(*, user: Any, pk: int) -> tuple[Story, list[Article]]:
    require_view(user)
    story = Story.objects.filter(pk=pk).first()
    if story is None:
        raise NotFound("Không tìm thấy câu chuyện")
    appearances = list(
        story.articles.select_related("source").defer("signature").order_by("fetched_at", "pk")
    )
    return story, appearances


def period_articles(since: dt.date, until: dt.date) -> Any:
    """The articles a period's figures count (dashboard, digest): analysed, fetched in the
    period, not marked irrelevant."""
    return Article.objects.filter(
        analyzed_at__isnull=False, fetched_at__date__gte=since, fetched_at__date__lte=until
    ).exclude(status="irrelevant")


def dashboard(*, user: Any, since: dt.date, until: dt.date) -> dict[str, Any]:
    """Volume by day and topic, sentiment share, domestic/foreign, languages, outlets, stories."""
    require_view(user)
    rows = period_articles(since, until)
    by_day = list(
        rows.annotate(day=TruncDate("fetched_at"))
        .values("day")
        .annotate(n=Count("pk"))
        .order_by("day")
    )
    topics: dict[str, int] = {}
    topic_days: dict[tuple[dt.date, str], int] = {}
    for day, codes in rows.annotate(day=TruncDate("fetched_at")).values_list("day", "topics"):
        for code in codes or []:
            topics[code] = topics.get(code, 0) + 1
            topic_days[(day, code)] = topic_days.get((day, code), 0) + 1
    totals = rows.aggregate(
        total=Count("pk"),
        positive=Count("pk", filter=Q(sentiment="positive")),
        neutral=Count("pk", filter=Q(sentiment="neutral")),
        negative=Count("pk", filter=Q(sentiment="negative")),
        foreign=Count("pk", filter=Q(foreign=True)),
        priority=Count("pk", filter=Q(priority=True)),
    )
    languages = list(rows.values("language").annotate(n=Count("pk")).order_by("-n", "language"))
    outlets = list(rows.values("source__name").annotate(n=Count("pk")).order_by("-n")[:10])
    stories = list(
        Story.objects.filter(articles__in=rows)
        .annotate(n=Count("articles"))
        .order_by("-n", "-pk")
        .values("pk", "title", "n", "priority")[:10]
    )
    return {
        "since": since,
        "until": until,
        "by_day": by_day,
        "topics": sorted(topics.items(), key=lambda t: (-t[1], t[0])),
        "topic_days": topic_days,
        "totals": totals,
        "languages": languages,
        "outlets": outlets,
        "stories": stories,
    }
