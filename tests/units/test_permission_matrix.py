"""Each role × each unit-scoped page and API route: allowed, or 404 with nothing changed."""

from __future__ import annotations

import pytest
from django.test import Client

from ttdn.units.models import Role, UnitAlias

ROLES = [
    Role.ADMIN,
    Role.COORDINATOR,
    Role.CONTENT_EDITOR,
    Role.UNIT_OFFICER,
    Role.UNIT_LEADER,
    Role.VIEWER,
]
TARGETS = ["foreign_affairs", "fa_centre", "police"]  # officer/leader belong to foreign_affairs

# Expected: the set of (role, target) pairs that are allowed; everything else answers 404.
EVERY = {(role, t) for role in ROLES for t in TARGETS}
OWN = {
    (r, t) for r in (Role.UNIT_OFFICER, Role.UNIT_LEADER) for t in ("foreign_affairs", "fa_centre")
}
SEE_MEMBERS = {(r, t) for (r, t) in EVERY if r in (Role.ADMIN, Role.COORDINATOR, Role.VIEWER)} | OWN
CHANGE = {(r, t) for (r, t) in EVERY if r in (Role.ADMIN, Role.COORDINATOR)} | {
    (Role.UNIT_LEADER, "foreign_affairs"),
    (Role.UNIT_LEADER, "fa_centre"),
}

CASES = [(role, target) for role in ROLES for target in TARGETS]


def _client(world, role) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(world.users[role])
    return client


@pytest.mark.parametrize(("role", "target"), CASES)
def test_members_page(world, role, target) -> None:  # type: ignore[no-untyped-def]
    unit = getattr(world, target)
    response = _client(world, role).get(f"/units/{unit.pk}/members/")
    assert response.status_code == (200 if (role, target) in SEE_MEMBERS else 404)


@pytest.mark.parametrize(("role", "target"), CASES)
def test_members_api(world, role, target) -> None:  # type: ignore[no-untyped-def]
    unit = getattr(world, target)
    response = _client(world, role).get(f"/api/v1/units/{unit.pk}/members")
    allowed = (role, target) in SEE_MEMBERS
    assert response.status_code == (200 if allowed else 404)
    if not allowed:
        assert response.json() == {"detail": "Không tìm thấy đơn vị."}


@pytest.mark.parametrize(("role", "target"), CASES)
def test_history_page(world, role, target) -> None:  # type: ignore[no-untyped-def]
    unit = getattr(world, target)
    response = _client(world, role).get(f"/units/{unit.pk}/history/")
    assert response.status_code == (200 if (role, target) in CHANGE else 404)


@pytest.mark.parametrize(("role", "target"), CASES)
def test_alias_add_page(world, role, target) -> None:  # type: ignore[no-untyped-def]
    unit = getattr(world, target)
    before = list(UnitAlias.objects.values_list("unit_id", "text"))
    response = _client(world, role).post(f"/units/{unit.pk}/aliases/", {"text": "Tên gọi thử"})
    if (role, target) in CHANGE:
        assert response.status_code == 302
        assert list(unit.aliases.values_list("text", flat=True)) == ["Tên gọi thử"]
    else:
        assert response.status_code == 404
        assert list(UnitAlias.objects.values_list("unit_id", "text")) == before


@pytest.mark.parametrize(("role", "target"), CASES)
def test_alias_add_api(world, role, target) -> None:  # type: ignore[no-untyped-def]
    unit = getattr(world, target)
    before = list(UnitAlias.objects.values_list("unit_id", "text"))
    response = _client(world, role).post(
        f"/api/v1/units/{unit.pk}/aliases", {"text": "STT"}, content_type="application/json"
    )
    if (role, target) in CHANGE:
        assert response.status_code == 201
        assert response.json()["text"] == "STT"
        assert unit.history.count() >= 1
    else:
        assert response.status_code == 404
        assert list(UnitAlias.objects.values_list("unit_id", "text")) == before


@pytest.mark.parametrize("url", ["/", "/units/", "/account/", "/api/v1/units"])
def test_anonymous_is_refused(db, url) -> None:  # type: ignore[no-untyped-def]
    response = Client().get(url)
    assert response.status_code in (302, 401)
    if response.status_code == 302:
        assert response["Location"].startswith("/login/")
