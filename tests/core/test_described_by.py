"""Every aria-describedby on our forms points at an element of the page, so a screen reader
reads each field's help text with it (the shared field template and Django must agree)."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tests.conftest import World
from ttdn.units.models import Role

PAGES = [
    (Role.UNIT_OFFICER, "/library/new/"),
    (Role.UNIT_OFFICER, "/press/visits/new/"),
    (Role.UNIT_OFFICER, "/activities/new/"),
    (Role.COORDINATOR, "/monitoring/sources/new/"),
    (Role.COORDINATOR, "/plans/import/"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "url"), PAGES)
def test_every_described_by_names_an_element_of_the_page(world: World, role: str, url: str) -> None:
    client = Client()
    client.force_login(world.users[role])
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    described = [
        i for value in re.findall(r'aria-describedby="([^"]+)"', html) for i in value.split()
    ]
    assert [i for i in described if i not in ids] == []
    if url != "/activities/new/":  # its fields need no help text
        assert described, f"{url}: no help text is tied to its field"
