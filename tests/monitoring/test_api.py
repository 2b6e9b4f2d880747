"""The monitoring API (/api/v1/monitoring): the inbox filters, an article, a story with its
appearances, labels, response cases scoped to the assigned unit (another unit's case answers 404
and nothing changes), sources with their health; bearer-token and session authentication."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from tests.conftest import World
from ttdn.monitoring.analysis import analyze_pending
from ttdn.monitoring.cases import case_open
from ttdn.monitoring.ingestion import Item, store_item
from ttdn.monitoring.models import Article, CaseKind, ResponseCase, Source, SourceKind, Story
from ttdn.units.models import Role, User
from ttdn.units.services import api_token_create

pytestmark = pytest.mark.django_db
API = "/api/v1/monitoring"
SEA = (
    "Tàu Trung Quốc tấn công tàu cá của ngư dân Quảng Trị gần quần đảo Hoàng Sa, nhiều ngư dân "
    "bị thương."
)
FEST = "Lễ hội biển Quảng Trị thu hút hàng vạn du khách, du lịch tỉnh tăng trưởng mạnh."


@pytest.fixture
def press(world: World) -> dict[str, Any]:
    """Three analysed articles: a negative sea story in two copies and a festival."""
    domestic = Source.objects.create(name="Báo Quảng Trị", kind=SourceKind.MANUAL)
    foreign = Source.objects.create(
        name="Foreign Daily", kind=SourceKind.MANUAL, country="US", foreign=True
    )
    store_item(domestic, Item(url="https://bao.vn/bien", title="Ngư dân bị tấn công", text=SEA))
    store_item(
        foreign,
        Item(url="https://daily.com/sea", title="Ngư dân bị tấn công", text=SEA + " Ảnh: TTXVN."),
    )
    store_item(domestic, Item(url="https://bao.vn/le-hoi", title="Lễ hội biển", text=FEST))
    analyze_pending()
    sea = Article.objects.get(url="https://bao.vn/bien")
    return {"domestic": domestic, "foreign": foreign, "sea": sea, "story": sea.story}


def _token(user: User, **extra: Any) -> Client:
    _record, key = api_token_create(actor=user, name="phần mềm tổng hợp")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}", **extra)


def _post(client: Client, path: str, body: dict[str, Any]) -> Any:
    return client.post(path, json.dumps(body), content_type="application/json")


def _case(world: World, story: Story, unit: Any = None) -> ResponseCase:
    return case_open(
        actor=world.users[Role.COORDINATOR],
        story=story,
        unit=unit or world.foreign_affairs,
        kind=CaseKind.REBUT,
        due_at=timezone.now() + dt.timedelta(days=1),
        instructions="Soạn thông tin phản bác.",
    )


def test_articles_are_listed_with_the_inbox_filters(world: World, press: dict[str, Any]) -> None:
    client = _token(world.users[Role.VIEWER])
    everything = client.get(f"{API}/articles").json()
    assert everything["count"] == 3
    # Priority first (negative on a sensitive topic), then newest.
    first = everything["items"][0]
    assert (first["url"], first["priority"], first["foreign"], first["source_name"]) == (
        "https://daily.com/sea",
        True,
        True,
        "Foreign Daily",
    )

    def urls(**query: Any) -> list[str]:
        response = client.get(f"{API}/articles", query)
        assert response.status_code == 200, response.content
        return sorted(a["url"] for a in response.json()["items"])

    assert urls(topic="du-lich") == ["https://bao.vn/le-hoi"]
    assert urls(origin="foreign") == ["https://daily.com/sea"]
    assert urls(source=press["domestic"].pk) == ["https://bao.vn/bien", "https://bao.vn/le-hoi"]
    assert urls(priority="true", sentiment="negative") == [
        "https://bao.vn/bien",
        "https://daily.com/sea",
    ]
    assert urls(priority="false") == ["https://bao.vn/le-hoi"]
    assert urls(province="Quảng Trị", language="vi") == [
        "https://bao.vn/bien",
        "https://bao.vn/le-hoi",
        "https://daily.com/sea",
    ]
    today = timezone.localdate()
    assert urls(since=(today + dt.timedelta(days=1)).isoformat()) == []
    assert len(urls(since=today.isoformat(), until=today.isoformat())) == 3
    assert client.get(f"{API}/articles", {"limit": 1, "offset": 1}).json()["count"] == 3
    bad = client.get(f"{API}/articles", {"sentiment": "angry"})
    assert bad.status_code == 400
    assert bad.json() == {"detail": "Sắc thái “angry” không hợp lệ (positive, neutral, negative)."}


def test_unit_officers_may_not_read_the_inbox(world: World, press: dict[str, Any]) -> None:
    client = _token(world.users[Role.UNIT_OFFICER])
    response = client.get(f"{API}/articles")
    assert response.status_code == 403
    assert response.json() == {"detail": "Bạn không có quyền xem tin giám sát báo chí."}
    assert client.get(f"{API}/articles/{press['sea'].pk}").status_code == 403
    assert client.get(f"{API}/sources").status_code == 403


def test_an_article_and_its_story(world: World, press: dict[str, Any]) -> None:
    client = _token(world.users[Role.COORDINATOR])
    sea = press["sea"]
    detail = client.get(f"{API}/articles/{sea.pk}").json()
    assert (detail["text"], detail["story_id"], detail["labelled_by"]) == (SEA, sea.story_id, None)
    assert "chu-quyen-bien-dao" in detail["topics"]
    assert client.get(f"{API}/articles/999999").status_code == 404
    case = _case(world, press["story"])
    story = client.get(f"{API}/stories/{sea.story_id}").json()
    assert story["appearances"] == 2
    assert [a["url"] for a in story["articles"]] == ["https://bao.vn/bien", "https://daily.com/sea"]
    assert [(c["id"], c["unit_name"], c["status"]) for c in story["cases"]] == [
        (case.pk, "Sở Ngoại vụ", "new")
    ]
    assert client.get(f"{API}/stories/999999").json() == {"detail": "Không tìm thấy câu chuyện"}


def test_labels_through_the_api_are_the_training_labels(
    world: World, press: dict[str, Any]
) -> None:
    coord = world.users[Role.COORDINATOR]
    sea = press["sea"]
    client = _token(coord)
    response = _post(
        client,
        f"{API}/articles/{sea.pk}/label",
        {"status": "relevant", "topics": ["bien-gioi"], "sentiment": "neutral"},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["status"], body["label_topics"], body["label_sentiment"], body["labelled_by"]) == (
        "relevant",
        ["bien-gioi"],
        "neutral",
        coord.username,
    )
    bad = _post(client, f"{API}/articles/{sea.pk}/label", {"topics": ["khong-co"]})
    assert (bad.status_code, bad.json()) == (400, {"detail": "Chủ đề không hợp lệ: khong-co"})
    viewer = _post(
        _token(world.users[Role.VIEWER]), f"{API}/articles/{sea.pk}/label", {"status": "irrelevant"}
    )
    assert viewer.status_code == 403
    sea.refresh_from_db()
    assert (sea.status, sea.label_topics) == ("relevant", ["bien-gioi"])


def test_cases_are_opened_listed_and_moved_by_the_assigned_unit(
    world: World, press: dict[str, Any]
) -> None:
    coord = _token(world.users[Role.COORDINATOR])
    due = (timezone.now() + dt.timedelta(days=2)).isoformat()
    opened = _post(
        coord,
        f"{API}/stories/{press['story'].pk}/cases",
        {"unit_id": world.foreign_affairs.pk, "kind": "rebut", "due_at": due},
    )
    assert opened.status_code == 201, opened.content
    case_id = opened.json()["id"]
    assert opened.json()["next_statuses"] == ["in_progress", "no_action"]
    officer = _token(world.users[Role.UNIT_OFFICER])  # Sở Ngoại vụ
    assert [c["id"] for c in officer.get(f"{API}/cases").json()["items"]] == [case_id]
    moved = _post(officer, f"{API}/cases/{case_id}/move", {"status": "in_progress"})
    assert (moved.status_code, moved.json()["status"]) == (200, "in_progress")
    refused = _post(officer, f"{API}/cases/{case_id}/move", {"status": "responded"})
    assert refused.json() == {"detail": "Cần nhập nội dung hoặc đường dẫn phản hồi"}
    done = _post(
        officer,
        f"{API}/cases/{case_id}/move",
        {"status": "responded", "response_url": "https://songv.quangtri.gov.vn/phan-hoi"},
    )
    assert done.json()["status"] == "responded"
    assert officer.get(f"{API}/cases", {"status": "closed"}).json()["count"] == 0
    bad = _post(
        coord,
        f"{API}/stories/{press['story'].pk}/cases",
        {"unit_id": world.police.pk, "kind": "praise", "due_at": due},
    )
    assert (bad.status_code, bad.json()) == (400, {"detail": "Loại hồ sơ “praise” không hợp lệ"})
    local = _post(
        coord,
        f"{API}/stories/{press['story'].pk}/cases",
        {"unit_id": world.police.pk, "kind": "inform", "due_at": "2026-12-10T17:00:00"},
    )
    # Without an offset the time is Vietnam time (UTC+7), as typed on the page.
    assert local.json()["due_at"] == "2026-12-10T10:00:00Z"
    assert ResponseCase.objects.count() == 2  # the refused one was not stored


def test_another_units_case_answers_404_and_nothing_changes(
    world: World, press: dict[str, Any]
) -> None:
    police_case = _case(world, press["story"], unit=world.police)
    officer = _token(world.users[Role.UNIT_OFFICER])  # Sở Ngoại vụ, not the police
    assert officer.get(f"{API}/cases").json() == {"items": [], "count": 0}
    assert officer.get(f"{API}/cases/{police_case.pk}").status_code == 404
    moved = _post(officer, f"{API}/cases/{police_case.pk}/move", {"status": "in_progress"})
    assert (moved.status_code, moved.json()) == (404, {"detail": "Không tìm thấy hồ sơ"})
    # The viewer reads every case but may not work on one: 403.
    viewer = _token(world.users[Role.VIEWER])
    assert viewer.get(f"{API}/cases/{police_case.pk}").status_code == 200
    assert (
        _post(viewer, f"{API}/cases/{police_case.pk}/move", {"status": "in_progress"}).status_code
        == 403
    )
    # Unit officers may not open cases either.
    opened = _post(
        officer,
        f"{API}/stories/{press['story'].pk}/cases",
        {
            "unit_id": world.foreign_affairs.pk,
            "kind": "rebut",
            "due_at": timezone.now().isoformat(),
        },
    )
    assert opened.status_code == 403
    police_case.refresh_from_db()
    assert (police_case.status, ResponseCase.objects.count()) == ("new", 1)


def test_sources_with_their_health(world: World, press: dict[str, Any]) -> None:
    failing = Source.objects.create(
        name="Cổng tin lỗi",
        kind=SourceKind.RSS,
        url="https://cong.vn/rss",
        last_error="Máy chủ trả lỗi HTTP 404",
        consecutive_failures=3,
    )
    rows = _token(world.users[Role.VIEWER]).get(f"{API}/sources").json()["items"]
    health = {r["name"]: (r["kind"], r["consecutive_failures"], r["last_error"]) for r in rows}
    assert health == {
        "Báo Quảng Trị": ("manual", 0, ""),
        "Foreign Daily": ("manual", 0, ""),
        failing.name: ("rss", 3, "Máy chủ trả lỗi HTTP 404"),
    }


def test_bearer_tokens_and_sessions(world: World, press: dict[str, Any]) -> None:
    assert Client().get(f"{API}/articles").status_code == 401
    assert Client(HTTP_AUTHORIZATION="Bearer ttdn_wrong").get(f"{API}/articles").status_code == 401
    sea = press["sea"]
    # A bearer token needs no CSRF token; a browser session does.
    token = _token(world.users[Role.COORDINATOR], enforce_csrf_checks=True)
    assert (
        _post(token, f"{API}/articles/{sea.pk}/label", {"status": "irrelevant"}).status_code == 200
    )
    session = Client(enforce_csrf_checks=True)
    session.force_login(world.users[Role.COORDINATOR])
    assert session.get(f"{API}/articles/{sea.pk}").status_code == 200
    assert (
        _post(session, f"{API}/articles/{sea.pk}/label", {"status": "relevant"}).status_code == 403
    )
    sea.refresh_from_db()
    assert sea.status == "irrelevant"


def test_the_article_list_costs_the_same_queries_for_3_or_13_articles(
    world: World, press: dict[str, Any]
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = _token(world.users[Role.VIEWER])
    client.get(f"{API}/articles")
    with CaptureQueriesContext(connection) as few:
        assert client.get(f"{API}/articles").json()["count"] == 3
    for i in range(10):
        store_item(
            press["domestic"],
            Item(url=f"https://bao.vn/{i}", title=f"Tin {i}", text=f"Nội dung riêng số {i}."),
        )
    analyze_pending()
    with CaptureQueriesContext(connection) as many:
        assert client.get(f"{API}/articles").json()["count"] == 13
    assert len(many) == len(few)
