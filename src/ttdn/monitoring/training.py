"""Retraining from officials' labels: a held-out fifth scores each topic, versions are kept and
one is active; rolling back activates an older version.

Labels are the corrections of the inbox (topics, sentiment); an article marked irrelevant is
not a topic example.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django_tasks import task

from ttdn.core.errors import ValidationFailed
from ttdn.monitoring.analysis import _analyzer
from ttdn.monitoring.models import Article, ModelVersion, Relevance
from ttdn.monitoring.nlp.model import NotEnoughLabels, document, train
from ttdn.units.services import require_perm, save_audited

HELD_OUT_EVERY = 5  # every fifth labelled article (by id) is kept aside for scoring


def _labelled() -> list[Article]:
    return list(
        Article.objects.exclude(status=Relevance.IRRELEVANT)
        .exclude(label_topics__isnull=True, label_sentiment="")
        .order_by("pk")
    )


def labelled_count() -> int:
    return (
        Article.objects.exclude(status=Relevance.IRRELEVANT)
        .exclude(label_topics__isnull=True, label_sentiment="")
        .count()
    )


def per_topic_scores(
    gold: list[list[str]], predicted: list[list[str]]
) -> dict[str, dict[str, float | int]]:
    codes = sorted({c for row in gold + predicted for c in row})
    scores: dict[str, dict[str, float | int]] = {}
    for code in codes:
        tp = sum(code in g and code in p for g, p in zip(gold, predicted, strict=True))
        fp = sum(code not in g and code in p for g, p in zip(gold, predicted, strict=True))
        fn = sum(code in g and code not in p for g, p in zip(gold, predicted, strict=True))
        scores[code] = {
            "precision": round(tp / (tp + fp), 3) if tp + fp else 0.0,
            "recall": round(tp / (tp + fn), 3) if tp + fn else 0.0,
            "support": tp + fn,
        }
    return scores


@transaction.atomic
def model_retrain(*, actor: Any) -> ModelVersion:
    require_perm(actor, "monitoring.train")
    labelled = _labelled()
    train_rows = [a for a in labelled if a.pk % HELD_OUT_EVERY]
    test_rows = [a for a in labelled if not a.pk % HELD_OUT_EVERY]
    try:
        model = train(
            [document(a.title, a.text) for a in train_rows],
            [a.label_topics or [] for a in train_rows],
            [a.label_sentiment or None for a in train_rows],
        )
    except NotEnoughLabels as exc:
        raise ValidationFailed(str(exc)) from exc
    topic_rows = [a for a in test_rows if a.label_topics]
    predicted = model.predict_topics([document(a.title, a.text) for a in topic_rows])
    metrics: dict[str, Any] = {
        "topics": per_topic_scores(
            [a.label_topics or [] for a in topic_rows], [[c for c, _ in p] for p in predicted]
        )
    }
    sentiment_rows = [a for a in test_rows if a.label_sentiment]
    if sentiment_rows and model.sentiment is not None:
        guesses = model.predict_sentiment([document(a.title, a.text) for a in sentiment_rows])
        right = sum(g[0] == a.label_sentiment for g, a in zip(guesses, sentiment_rows, strict=True))
        metrics["sentiment_accuracy"] = round(right / len(sentiment_rows), 3)
    ModelVersion.objects.filter(active=True).update(active=False)
    version = ModelVersion(
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        trained_on=len(train_rows),
        held_out=len(test_rows),
        metrics=metrics,
        data=model.dumps(),
        active=True,
    )
    save_audited(version, actor)
    _analyzer.cache_clear()
    return version


@transaction.atomic
def model_activate(*, actor: Any, version: ModelVersion | None) -> None:
    """Make `version` the one in use (a roll-back), or None: rules only."""
    require_perm(actor, "monitoring.train")
    ModelVersion.objects.filter(active=True).update(active=False)
    if version is not None:
        version.active = True
        save_audited(version, actor)
    _analyzer.cache_clear()


@task()
def retrain_model(actor_id: int) -> int:
    """The background retrain an official asked for: returns the new version's id."""
    from ttdn.units.models import User

    return model_retrain(actor=User.objects.get(pk=actor_id)).pk
