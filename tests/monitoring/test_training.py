"""Retraining from officials' labels, per-topic precision/recall on held-out labels, roll-back."""

from __future__ import annotations

import pytest

from tests.conftest import World
from ttdn.core.errors import PermissionDenied, ValidationFailed
from ttdn.monitoring.analysis import current_analyzer
from ttdn.monitoring.models import Article, ModelVersion, Source, SourceKind
from ttdn.monitoring.training import model_activate, model_retrain, per_topic_scores
from ttdn.units.models import Role

pytestmark = pytest.mark.django_db


def _labelled(n: int) -> None:
    source = Source.objects.create(name="Nhập tay", kind=SourceKind.MANUAL)
    for i in range(n):
        port = i % 2 == 0
        text = (
            f"Cảng biển số {i} đón tàu hàng, xuất khẩu tăng."
            if port
            else f"Lũ quét ở bản {i} cuốn trôi nhà cửa, người dân thiệt hại."
        )
        Article.objects.create(
            source=source,
            canonical_url=f"manual:{i}",
            content_hash=f"h{i}",
            title=f"Tin {i}",
            text=text,
            label_topics=["kinh-te-dau-tu" if port else "xa-hoi"],
            label_sentiment="positive" if port else "negative",
        )


def test_per_topic_scores_are_exact() -> None:
    gold = [["a"], ["a", "b"], ["b"], []]
    got = [["a"], ["a"], ["a"], ["b"]]
    assert per_topic_scores(gold, got) == {
        "a": {"precision": 0.667, "recall": 1.0, "support": 2},
        "b": {"precision": 0.0, "recall": 0.0, "support": 2},
    }


def test_retrain_keeps_versions_and_rolls_back(world: World) -> None:
    coord = world.users[Role.COORDINATOR]
    _labelled(40)
    first = model_retrain(actor=coord)
    assert (first.trained_on, first.held_out, first.active) == (32, 8, True)
    assert first.metrics["topics"]["kinh-te-dau-tu"] == {
        "precision": 1.0,
        "recall": 1.0,
        "support": 4,
    }
    assert first.metrics["sentiment_accuracy"] == 1.0
    assert current_analyzer().model is not None
    second = model_retrain(actor=coord)
    assert list(ModelVersion.objects.filter(active=True)) == [second]
    model_activate(actor=coord, version=first)
    assert list(ModelVersion.objects.filter(active=True)) == [first]
    model_activate(actor=coord, version=None)
    assert current_analyzer().model is None


def test_retrain_needs_labels_and_the_permission(world: World) -> None:
    _labelled(4)
    with pytest.raises(ValidationFailed, match="Cần ít nhất 10 tin"):
        model_retrain(actor=world.users[Role.COORDINATOR])
    with pytest.raises(PermissionDenied):
        model_retrain(actor=world.users[Role.UNIT_OFFICER])
    assert ModelVersion.objects.count() == 0


def test_the_models_page_retrains_in_the_background_and_rolls_back(
    world: World, transactional_db: None
) -> None:
    from django.core.management import call_command
    from django.test import Client

    _labelled(40)
    client = Client()
    client.force_login(world.users[Role.COORDINATOR])
    client.post("/monitoring/models/retrain/")
    call_command("worker", burst=True, verbosity=0)
    first = ModelVersion.objects.get()
    client.post("/monitoring/models/retrain/")
    call_command("worker", burst=True, verbosity=0)
    page = client.get("/monitoring/models/")
    assert [v.active for v in page.context["versions"]] == [True, False]
    assert "Dùng phiên bản này (quay lui)" in page.content.decode()
    client.post("/monitoring/models/activate/", {"version": first.pk})
    assert list(ModelVersion.objects.filter(active=True)) == [first]
    officer = Client()
    officer.force_login(world.users[Role.UNIT_OFFICER])
    assert officer.post("/monitoring/models/activate/", {"version": ""}).status_code == 403
    assert list(ModelVersion.objects.filter(active=True)) == [first]
