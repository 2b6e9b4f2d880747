"""Alerts: rules matched against analysed articles (once per story and rule), and volume spikes
(last hour vs the 12 hours before, last day vs the 14 days before), in-app and by e-mail."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Count, Q
from django.utils import timezone
from django_tasks import task

from ttdn.monitoring.models import AlertRule, Article
from ttdn.monitoring.nlp.rules import Document, RuleSyntaxError, parse
from ttdn.notifications.services import Message, notify
from ttdn.units.models import Role, User

SPIKE_FACTOR = 3.0  # the recent window holds this many times the usual rate …
SPIKE_MINIMUM = {"hour": 5, "day": 20}  # … and at least this many articles
WINDOWS = {"hour": (dt.timedelta(hours=1), 12), "day": (dt.timedelta(days=1), 14)}


def rule_matches(rule: AlertRule, article: Article) -> bool:
    if rule.priority_only and not article.priority:
        return False
    if rule.sentiment and article.sentiment != rule.sentiment:
        return False
    if rule.source_id and article.source_id != rule.source_id:
        return False
    if rule.topics and not set(rule.topics) & set(article.topics):
        return False
    if rule.keywords:
        try:
            node = parse(rule.keywords)
        except RuleSyntaxError:
            return False  # the rule form refuses bad expressions; an old one just never fires
        return node.matches(Document.of(f"{article.title}\n{article.text}"), set())
    return True


def alerts_for(articles: Iterable[Article]) -> int:
    """Notify each active rule's recipients about the matching articles' stories."""
    rules = list(AlertRule.objects.filter(active=True).prefetch_related("recipients"))
    sent = 0
    for article in articles:
        for rule in rules:
            if not rule_matches(rule, article):
                continue
            story = article.story_id or f"a{article.pk}"
            message = Message(
                key=f"monitoring-alert:{rule.pk}:{story}",  # once per story and rule
                kind="monitoring_alert",
                title=f"[{rule.name}] {article.title[:200] or article.text[:200]}",
                body=" · ".join(
                    [
                        article.source.name,
                        ", ".join(article.topics),
                        article.get_sentiment_display(),
                    ]
                ),
                url=f"/monitoring/stories/{article.story_id}/"
                if article.story_id
                else "/monitoring/",
            )
            sent += notify(users=rule.recipients.filter(is_active=True), messages=[message])
    return sent


def spikes(now: dt.datetime | None = None) -> list[tuple[str, int, float]]:
    """(window, recent count, usual count per window) for each window that spikes."""
    now = now or timezone.now()
    found = []
    for name, (width, history) in WINDOWS.items():
        counts = Article.objects.aggregate(
            recent=Count("pk", filter=Q(fetched_at__gt=now - width, fetched_at__lte=now)),
            before=Count(
                "pk",
                filter=Q(fetched_at__gt=now - width * (history + 1), fetched_at__lte=now - width),
            ),
        )
        usual = counts["before"] / history
        if counts["recent"] >= SPIKE_MINIMUM[name] and counts["recent"] >= SPIKE_FACTOR * max(
            usual, 1
        ):
            found.append((name, counts["recent"], round(usual, 1)))
    return found


def spike_alerts(now: dt.datetime | None = None) -> int:
    now = now or timezone.now()
    monitors = User.objects.filter(is_active=True, role__in=(Role.COORDINATOR, Role.ADMIN))
    messages = [
        Message(
            key=f"monitoring-spike:{name}:{now:%Y-%m-%dT%H}"
            if name == "hour"
            else f"monitoring-spike:{name}:{now:%Y-%m-%d}",
            kind="monitoring_spike",
            title=(
                f"Số tin tăng đột biến: {recent} tin trong 1 giờ qua (thường {usual})"
                if name == "hour"
                else f"Số tin tăng đột biến: {recent} tin trong 24 giờ qua (thường {usual})"
            ),
            url="/monitoring/dashboard/",
        )
        for name, recent, usual in spikes(now)
    ]
    return notify(users=monitors, messages=messages) if messages else 0


@task()
def check_volume_spikes() -> int:
    return spike_alerts()
