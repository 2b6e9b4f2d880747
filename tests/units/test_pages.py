"""Unit directory, unit page, account page and the audit trail, as a signed-in official sees them."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.factories import UnitFactory
from ttdn.units.services import unit_alias_add, unit_update


@pytest.fixture
def officer_client(world) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(world.users["unit_officer"])
    return client


def test_directory_tree_shows_hierarchy(world, officer_client: Client) -> None:  # type: ignore[no-untyped-def]
    page = officer_client.get("/units/").content.decode()
    html = page[page.index('<ul class="tree">') :]
    ubnd = html.index("Ủy ban nhân dân tỉnh Quảng Trị")
    fa = html.index("Sở Ngoại vụ")
    centre = html.index("Trung tâm Dịch vụ đối ngoại")
    assert ubnd < fa < centre
    assert 'style="--depth: 2"' in html


def test_directory_search_accent_insensitive_and_htmx_partial(
    world, officer_client: Client
) -> None:  # type: ignore[no-untyped-def]
    unit_alias_add(actor=world.users["admin"], unit=world.coordinating, text="Sở VHTTDL")
    page = officer_client.get("/units/", {"q": "vhttdl"})
    assert "Sở Văn hóa, Thể thao và Du lịch" in page.content.decode()
    partial = officer_client.get("/units/", {"q": "cong an"}, HTTP_HX_REQUEST="true")
    text = partial.content.decode()
    assert "Công an tỉnh Quảng Trị" in text
    assert "<html" not in text
    assert "Sở Ngoại vụ" not in text


def test_directory_query_count_does_not_grow_with_units(world, officer_client: Client) -> None:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as small:
        officer_client.get("/units/")
    for n in range(40):
        UnitFactory(code=f"EXTRA-{n}", name=f"Xã thử {n}", parent=world.police)
    with CaptureQueriesContext(connection) as large:
        assert officer_client.get("/units/").status_code == 200
    assert len(large) == len(small)


def test_unit_page_shows_actions_by_permission(world, officer_client: Client) -> None:  # type: ignore[no-untyped-def]
    own = officer_client.get(f"/units/{world.foreign_affairs.pk}/").content.decode()
    assert "Cán bộ của đơn vị" in own
    assert "Thêm tên gọi khác" not in own  # an officer may not edit the directory
    other = officer_client.get(f"/units/{world.police.pk}/").content.decode()
    assert "Cán bộ của đơn vị" not in other
    leader = Client()
    leader.force_login(world.users["unit_leader"])
    assert "Thêm tên gọi khác" in leader.get(f"/units/{world.foreign_affairs.pk}/").content.decode()


def test_history_page_shows_who_changed_what(world) -> None:  # type: ignore[no-untyped-def]
    coordinator = world.users["coordinator"]
    unit_update(actor=coordinator, unit=world.police, changes={"phone": "0233 3852 000"})
    client = Client()
    client.force_login(coordinator)
    html = client.get(f"/units/{world.police.pk}/history/").content.decode()
    assert coordinator.display_name in html
    assert "0233 3852 000" in html
    assert "Sửa" in html


def test_language_preference_switches_the_interface(world, officer_client: Client) -> None:  # type: ignore[no-untyped-def]
    assert "Danh mục đơn vị" in officer_client.get("/units/").content.decode()
    response = officer_client.post("/account/", {"language": "en"})
    assert response.status_code == 302
    world.users["unit_officer"].refresh_from_db()
    assert world.users["unit_officer"].language == "en"
    page = officer_client.get("/units/")
    assert page["Content-Language"] == "en"
    assert "Unit directory" in page.content.decode()


def test_login_page_in_vietnamese_and_bad_password_message(world) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    page = client.get("/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "Đăng nhập" in page.content.decode()
    assert page["Content-Language"] == "vi"
    response = client.post("/login/", {"username": "officer", "password": "sai"})
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.content.decode()


# Operational rows, not records of the work: each says why it has no audit trail.
NOT_AUDITED = {
    "Notification": "a message to one user; the event it reports is audited on its own row",
    "ScheduledRun": "the scheduler's bookkeeping of which job slots it has enqueued",
}


def test_every_domain_model_keeps_an_audit_trail() -> None:
    missing = [
        model.__name__
        for model in apps.get_models()
        if model.__module__.startswith("ttdn.")
        and not model.__name__.startswith("Historical")
        and not hasattr(model, "history")
        and model.__name__ not in NOT_AUDITED
    ]
    assert missing == []


def test_token_page_is_not_cached(world, officer_client: Client) -> None:  # type: ignore[no-untyped-def]
    response = officer_client.post(
        "/account/tokens/", {"name": "máy chủ báo cáo", "expires_in_days": 30}
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "ttdn_" in response.content.decode()
