"""The public JSON API (no login, read-only) and the staff workflow API."""

from __future__ import annotations

import datetime as dt
import json

from tests.library.conftest import published
from ttdn.library import services
from ttdn.library.models import ItemState, Translation
from ttdn.units.models import Role


def test_public_items_need_no_login_and_search_without_accents(client, world) -> None:  # type: ignore[no-untyped-def]
    unit = world.foreign_affairs
    item = published(unit, "Quảng Bình đón du khách Lào", places="Đồng Hới", source="Sở Du lịch")
    Translation.objects.create(
        item=item, language="en", title="Quang Binh welcomes Lao visitors", slug="quang-binh"
    )
    published(unit, "Tin hạn chế Quảng Bình", security_level="restricted")

    response = client.get("/api/v1/public/items", {"q": "quang binh", "lang": "vi"})

    assert response.status_code == 200
    body = response.json()
    published_at = dt.datetime.fromisoformat(body[0].pop("published_at"))
    assert abs(published_at - item.published_at) < dt.timedelta(milliseconds=1)
    assert body == [
        {
            "id": item.pk,
            "language": "vi",
            "title": "Quảng Bình đón du khách Lào",
            "summary": "",
            "url": f"http://127.0.0.1:8000/portal/vi/i/{item.pk}/quang-binh-don-du-khach-lao/",
            "kind": "news",
            "categories": [],
            "tags": [],
            "places": "Đồng Hới",
            "source": "Sở Du lịch",
            "author": "",
            "licence": "",
            "languages": ["en", "vi"],
        }
    ]


def test_public_api_refuses_bad_parameters_with_a_message(client, world) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/api/v1/public/items", {"lang": "xx"}).json() == {
        "detail": "Ngôn ngữ không có trên cổng thông tin."
    }
    assert client.get("/api/v1/public/items", {"limit": 1000}).status_code == 400


def test_public_api_is_read_only(client, world) -> None:  # type: ignore[no-untyped-def]
    assert client.post("/api/v1/public/items", {}).status_code == 405


def test_publishing_a_restricted_item_through_the_api_is_refused(client, world) -> None:  # type: ignore[no-untyped-def]
    editor = world.users[Role.CONTENT_EDITOR]
    item = services.item_create(
        actor=world.users[Role.UNIT_OFFICER],
        kind="news",
        title="Tin nội bộ",
        security_level="restricted",
    )
    services.item_submit(actor=world.users[Role.UNIT_OFFICER], item=item)
    services.item_approve(actor=editor, item=item)
    client.force_login(editor)

    response = client.post(
        f"/api/v1/library/items/{item.pk}/publish", json.dumps({}), content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json() == {
        "detail": "Tin, bài có độ mật “Hạn chế” không được đăng lên cổng thông tin công khai."
    }
    item.refresh_from_db()
    assert (item.state, item.published_at) == (ItemState.APPROVED, None)
    assert client.get("/api/v1/public/items").json() == []


def test_staff_api_is_unit_scoped(client, world) -> None:  # type: ignore[no-untyped-def]
    editor = world.users[Role.CONTENT_EDITOR]
    police_item = services.item_create(
        actor=editor, kind="news", title="Tin Công an", unit=world.police
    )
    own = services.item_create(
        actor=world.users[Role.UNIT_OFFICER], kind="news", title="Tin Sở Ngoại vụ"
    )
    client.force_login(world.users[Role.UNIT_OFFICER])

    listed = client.get("/api/v1/library/items").json()["items"]
    assert [i["id"] for i in listed] == [own.pk]
    assert client.post(f"/api/v1/library/items/{police_item.pk}/submit").status_code == 404
    police_item.refresh_from_db()
    assert police_item.state == ItemState.DRAFT
