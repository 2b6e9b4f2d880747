"""The press API: a visit stored through JSON, bad input → 4xx {"detail": …} and nothing
stored, other units → 404, delegations and press events with the 24-hour notice rule."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client

from tests.conftest import World
from tests.factories import UnitFactory, UserFactory
from ttdn.press.models import Delegation, PressEvent, Reporter, Visit
from ttdn.units.models import Role


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def post(client: Client, path: str, body: dict[str, Any]) -> Any:
    return client.post(path, json.dumps(body), content_type="application/json")


def visit_body(world: World, **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "unit_id": world.foreign_affairs.pk,
        "title": "Phóng viên Lào Pathet Lao",
        "received_on": "2026-09-01",
        "channel": "mofa",
        "purpose": "Đưa tin hợp tác biên giới.",
        "starts": "2026-10-05",
        "ends": "2026-10-06",
        "reporters": [{"full_name": "Souk Vongsa", "nationality": "LA", "outlet": "KPL"}],
        "programme": [
            {
                "day": "2026-10-05",
                "starts_at": "08:00",
                "ends_at": "10:00",
                "place": "Cửa khẩu La Lay",
            }
        ],
        "accompanying_unit_ids": [world.police.pk],
    }
    body.update(changes)
    return body


def test_visit_created_and_read_back(world: World) -> None:
    client = client_for(world.users[Role.UNIT_OFFICER])
    response = post(client, "/api/v1/press/visits", visit_body(world))
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["status"] == "proposed"
    assert data["apply_deadline"] == "2026-09-21"
    assert data["reporters"] == [
        {
            "full_name": "Souk Vongsa",
            "nationality": "LA",
            "outlet": "KPL",
            "press_card": "",
            "permit": "",
            "resident": False,
        }
    ]
    assert data["accompanying_unit_ids"] == [world.police.pk]
    listed = client.get("/api/v1/press/visits").json()
    assert [v["id"] for v in listed["items"]] == [data["id"]]


def test_bad_input_answers_400_and_stores_nothing(world: World) -> None:
    client = client_for(world.users[Role.UNIT_OFFICER])
    bad_country = visit_body(
        world, reporters=[{"full_name": "A", "nationality": "ZZ", "outlet": "B"}]
    )
    response = post(client, "/api/v1/press/visits", bad_country)
    assert response.status_code == 400
    assert response.json() == {
        "detail": "Phóng viên A: Mã quốc gia “ZZ” không có trong danh mục ISO 3166 (ví dụ: JP, KR, LA, US)."
    }
    outside = visit_body(world)
    outside["programme"][0]["day"] = "2026-10-07"
    response = post(client, "/api/v1/press/visits", outside)
    assert response.status_code == 400
    assert "nằm ngoài thời gian của đoàn" in response.json()["detail"]
    assert (Visit.objects.count(), Reporter.objects.count()) == (0, 0)


def test_twice_the_same_visit_answers_409(world: World) -> None:
    client = client_for(world.users[Role.UNIT_OFFICER])
    assert post(client, "/api/v1/press/visits", visit_body(world)).status_code == 201
    response = post(client, "/api/v1/press/visits", visit_body(world, programme=[]))
    assert response.status_code == 409
    assert Visit.objects.count() == 1


def test_other_unit_answers_404_and_cannot_act(world: World) -> None:
    visit_id = post(
        client_for(world.users[Role.UNIT_OFFICER]), "/api/v1/press/visits", visit_body(world)
    ).json()["id"]
    stranger = client_for(
        UserFactory(username="x", role=Role.UNIT_LEADER, unit=UnitFactory(code="T-X"))
    )
    assert stranger.get(f"/api/v1/press/visits/{visit_id}").status_code == 404
    response = post(
        stranger,
        f"/api/v1/press/visits/{visit_id}/actions",
        {"action": "approve", "on": "2026-09-05", "document": "1"},
    )
    assert response.status_code == 404
    assert Visit.objects.get().status == "proposed"
    response = post(stranger, "/api/v1/press/visits", visit_body(world))
    assert response.status_code == 403
    assert Visit.objects.count() == 1


def test_delegation_and_the_press_conference_notice(world: World) -> None:
    client = client_for(world.users[Role.UNIT_OFFICER])
    response = post(
        client,
        "/api/v1/press/delegations",
        {
            "unit_id": world.foreign_affairs.pk,
            "direction": "out",
            "country": "la",
            "organisation": "Tỉnh Savannakhet",
            "size": 8,
            "leader": "Phó Chủ tịch UBND tỉnh",
            "starts": "2026-11-02",
            "ends": "2026-11-04",
            "purpose": "Hội nghị hợp tác",
            "agreements": [{"title": "Biên bản ghi nhớ 2026–2030", "signed_on": "2026-11-03"}],
        },
    )
    assert response.status_code == 201, response.content
    assert response.json()["country"] == "LA"
    assert response.json()["agreements"] == [
        {"title": "Biên bản ghi nhớ 2026–2030", "signed_on": "2026-11-03", "partner": ""}
    ]
    conference = {
        "unit_id": world.foreign_affairs.pk,
        "kind": "conference",
        "title": "Họp báo của Đại sứ quán",
        "starts_at": "2026-11-10T09:00:00+07:00",
        "place": "Khách sạn Mường Thanh",
        "chair": "Đại sứ",
        "topics": "Viện trợ",
        "foreign_organiser": "Đại sứ quán Nhật Bản",
        "notified_at": "2026-11-09T10:00:00+07:00",
    }
    response = post(client, "/api/v1/press/press-events", conference)
    assert response.status_code == 400
    assert response.json() == {
        "detail": "Nghị định 262/2026/NĐ-CP: cơ quan, tổ chức nước ngoài phải thông báo trước 09:00 ngày 09/11/2026."
    }
    assert PressEvent.objects.count() == 0
    conference["notified_at"] = "2026-11-09T08:30:00+07:00"
    response = post(client, "/api/v1/press/press-events", conference)
    assert response.status_code == 201, response.content
    assert response.json()["legal_basis"] == "Nghị định 262/2026/NĐ-CP"
    assert Delegation.objects.count() == 1


def test_programme_change_checked_like_the_request(world: World) -> None:
    client = client_for(world.users[Role.UNIT_OFFICER])
    visit_id = post(client, "/api/v1/press/visits", visit_body(world)).json()["id"]
    outside = [{"day": "2026-10-09", "starts_at": "08:00", "ends_at": "09:00", "place": "Đông Hà"}]
    response = client.put(
        f"/api/v1/press/visits/{visit_id}/programme",
        json.dumps(outside),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["detail"].startswith(
        "Mục chương trình ngày 09/10/2026 (Đông Hà) nằm ngoài"
    )
    assert [
        p["place"] for p in client.get(f"/api/v1/press/visits/{visit_id}").json()["programme"]
    ] == ["Cửa khẩu La Lay"]
    inside = [{"day": "2026-10-06", "starts_at": "14:00", "ends_at": "16:00", "place": "Đông Hà"}]
    response = client.put(
        f"/api/v1/press/visits/{visit_id}/programme",
        json.dumps(inside),
        content_type="application/json",
    )
    assert response.status_code == 200
    assert [p["place"] for p in response.json()["programme"]] == ["Đông Hà"]
