"""The main menu shows a module only to those who may open it: the press-monitoring inbox is
the coordinating agency's (and the province leaders'), so a unit officer's menu leaves it out
instead of leading to a refusal."""

from __future__ import annotations

from django.test import Client

from tests.conftest import World
from ttdn.core.navigation import MODULES, modules_for

MONITORING = "Giám sát báo chí"


def _menu(world: World, role: str) -> str:
    client = Client()
    client.force_login(world.users[role])
    page = client.get("/").content.decode()
    return page[page.index('aria-label="Chức năng chính"') :].split("</nav>")[0]


def test_unit_officer_menu_leaves_out_what_they_cannot_open(world: World) -> None:
    assert MONITORING not in _menu(world, "unit_officer")
    client = Client()
    client.force_login(world.users["unit_officer"])
    assert client.get("/monitoring/").status_code == 403


def test_coordinator_and_viewer_menus_have_monitoring(world: World) -> None:
    for role in ("coordinator", "viewer"):
        assert MONITORING in _menu(world, role)


def test_a_user_without_has_perm_sees_only_the_open_entries() -> None:
    assert [m.key for m in modules_for(object())] == [m.key for m in MODULES if not m.perm]
