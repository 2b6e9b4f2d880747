"""The JSON API: token auth, unit directory routes, resolver route, and the committed OpenAPI."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.test import Client
from django.utils import timezone

from ttdn.core.management.commands.openapi import openapi_json
from ttdn.units.models import ApiToken
from ttdn.units.services import api_token_create

OPENAPI_FILE = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"


def test_committed_openapi_matches_the_code(db) -> None:  # type: ignore[no-untyped-def]
    assert OPENAPI_FILE.read_text(encoding="utf-8") == openapi_json(), (
        "docs/openapi.json đã cũ: chạy `make openapi` rồi commit."
    )


def test_docs_page_is_served(world) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(world.users["unit_officer"])
    assert client.get("/api/docs").status_code == 200


def test_bearer_token_authenticates_and_is_scoped(world) -> None:  # type: ignore[no-untyped-def]
    officer = world.users["unit_officer"]
    _token, key = api_token_create(actor=officer, name="phần mềm tổng hợp")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    me = Client().get("/api/v1/me", **auth)
    assert me.status_code == 200
    assert (me.json()["username"], me.json()["unit"]["code"]) == ("officer", "T-SNGV")
    own = Client().get(f"/api/v1/units/{world.foreign_affairs.pk}/members", **auth)
    assert sorted(m["username"] for m in own.json()) == ["leader", "officer"]
    assert Client().get(f"/api/v1/units/{world.police.pk}/members", **auth).status_code == 404


def test_revoked_expired_and_unknown_tokens_are_refused(world) -> None:  # type: ignore[no-untyped-def]
    officer = world.users["unit_officer"]
    revoked, revoked_key = api_token_create(actor=officer, name="cũ")
    ApiToken.objects.filter(pk=revoked.pk).update(revoked_at=timezone.now())
    expired, expired_key = api_token_create(actor=officer, name="hết hạn")
    ApiToken.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - dt.timedelta(days=1))
    for key in (revoked_key, expired_key, "ttdn_khong-co-that"):
        response = Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {key}")
        assert response.status_code == 401


def test_token_key_is_not_stored(world) -> None:  # type: ignore[no-untyped-def]
    token, key = api_token_create(actor=world.users["unit_officer"], name="x")
    stored = ApiToken.objects.filter(pk=token.pk).values().get()
    assert key not in {str(value) for value in stored.values()}
    assert token.prefix == key[:12]


def test_units_list_search_is_accent_insensitive(world) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(world.users["unit_officer"])
    body = client.get("/api/v1/units", {"q": "so ngoai vu"}).json()
    assert body["count"] == 1
    assert body["items"][0]["code"] == "T-SNGV"
    assert client.get("/api/v1/units", {"q": "SỞ NGOẠI"}).json()["count"] == 1


def test_unit_detail_includes_lineage(world) -> None:  # type: ignore[no-untyped-def]
    from ttdn.units.services import unit_succession_add

    unit_succession_add(
        actor=world.users["admin"],
        predecessors=[world.fa_centre],
        successor=world.foreign_affairs,
        kind="merge",
        effective_date=dt.date(2026, 7, 1),
    )
    client = Client()
    client.force_login(world.users["viewer"])
    body = client.get(f"/api/v1/units/{world.foreign_affairs.pk}").json()
    assert body["predecessors"] == [
        {
            "unit_id": world.fa_centre.pk,
            "unit_name": "Trung tâm Dịch vụ đối ngoại",
            "kind": "merge",
            "effective_date": "2026-07-01",
            "decision": "",
        }
    ]
    assert client.get("/api/v1/units/999999").status_code == 404


def test_resolve_route(world) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(world.users["unit_officer"])
    body = client.get(
        "/api/v1/units/resolve", {"text": "So Ngoai vu", "province": "Quảng Trị"}
    ).json()
    assert body["status"] == "resolved"
    assert body["candidates"][0]["code"] == "T-SNGV"
    assert (
        client.get("/api/v1/units/resolve", {"text": "các sở, ban, ngành"}).json()["status"]
        == "collective"
    )
