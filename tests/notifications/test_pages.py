"""The notification pages: a person sees only their own, opening one marks it read and goes to
its page on this site (never elsewhere), all can be marked read, and the top bar shows the
unread count."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.conftest import World
from ttdn.notifications.models import Notification
from ttdn.notifications.services import Message, notify


def _client(user: Any, *, csrf: bool = False) -> Client:
    client = Client(enforce_csrf_checks=csrf)
    client.force_login(user)
    return client


def _notify(user: Any, key: str, title: str, url: str = "/plans/") -> Notification:
    notify(users=[user], messages=[Message(key, "due_soon", title, "Chi tiết.", url)], email=False)
    return Notification.objects.get(user=user, key=key)


def test_list_shows_only_own_notifications_newest_first_unread_bold(world: World) -> None:
    officer, leader = world.users["unit_officer"], world.users["unit_leader"]
    _notify(officer, "a", "Nhiệm vụ II.1 đến hạn 30/06/2026 (còn 7 ngày)")
    read = _notify(officer, "b", "Báo cáo kỳ Quý II/2026 hạn 15/06/2026 (còn 1 ngày)")
    Notification.objects.filter(pk=read.pk).update(read_at=read.created_at)
    _notify(leader, "c", "Thông báo của lãnh đạo")
    page = _client(officer).get("/notifications/").content.decode()
    assert "Thông báo của lãnh đạo" not in page
    assert "<strong>Nhiệm vụ II.1 đến hạn 30/06/2026 (còn 7 ngày)</strong>" in page
    assert "<strong>Báo cáo kỳ Quý II/2026" not in page
    assert page.index("Báo cáo kỳ Quý II/2026") < page.index("Nhiệm vụ II.1 đến hạn")
    assert (
        'Thông báo <span class="count">1<span class="visually-hidden"> chưa đọc</span></span>'
        in page
    )
    assert "Sắp đến hạn" in page


def test_list_is_paginated_by_fifty(world: World, django_assert_max_num_queries: Any) -> None:
    officer = world.users["unit_officer"]
    messages = [Message(f"k{n}", "digest", f"Tổng hợp số {n:02d}") for n in range(55)]
    notify(users=[officer], messages=messages, email=False)
    client = _client(officer)
    with django_assert_max_num_queries(6):  # session, user, unread count, page count, rows
        first = client.get("/notifications/").content.decode()
    assert first.count("Tổng hợp số") == 50
    assert "Trang 1/2" in first
    second = client.get("/notifications/?page=2").content.decode()
    assert second.count("Tổng hợp số") == 5


def test_open_marks_read_and_redirects_to_the_page(world: World) -> None:
    officer = world.users["unit_officer"]
    row = _notify(officer, "a", "Nhiệm vụ II.1", url="/reporting/work/7/")
    response = _client(officer).post(f"/notifications/{row.pk}/open/")
    assert (response.status_code, response["Location"]) == (302, "/reporting/work/7/")
    row.refresh_from_db()
    assert row.read_at is not None


@pytest.mark.parametrize(
    "url",
    ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)", ""],
)
def test_open_never_leaves_the_site(world: World, url: str) -> None:
    officer = world.users["unit_officer"]
    row = _notify(officer, "a", "Thông báo", url=url)
    response = _client(officer).post(f"/notifications/{row.pk}/open/")
    assert (response.status_code, response["Location"]) == (302, "/notifications/")
    row.refresh_from_db()
    assert row.read_at is not None


def test_open_refuses_another_persons_notification_and_get(world: World) -> None:
    row = _notify(world.users["unit_leader"], "a", "Của lãnh đạo")
    client = _client(world.users["unit_officer"])
    assert client.post(f"/notifications/{row.pk}/open/").status_code == 404
    assert client.get(f"/notifications/{row.pk}/open/").status_code == 405
    row.refresh_from_db()
    assert row.read_at is None


def test_mark_all_read_only_touches_own(world: World) -> None:
    officer, leader = world.users["unit_officer"], world.users["unit_leader"]
    _notify(officer, "a", "Một")
    _notify(officer, "b", "Hai")
    _notify(leader, "c", "Ba")
    response = _client(officer).post("/notifications/read-all/", follow=True)
    page = response.content.decode()
    assert "Đã đánh dấu 2 thông báo là đã đọc." in page
    assert "Đánh dấu tất cả đã đọc" not in page
    assert not Notification.objects.filter(user=officer, read_at__isnull=True).exists()
    assert Notification.objects.get(user=leader).read_at is None


def test_posts_need_the_csrf_token(world: World) -> None:
    officer = world.users["unit_officer"]
    row = _notify(officer, "a", "Một")
    client = _client(officer, csrf=True)
    assert client.post(f"/notifications/{row.pk}/open/").status_code == 403
    assert client.post("/notifications/read-all/").status_code == 403
    row.refresh_from_db()
    assert row.read_at is None


def test_pages_need_sign_in_and_anonymous_pages_count_nothing(
    world: World, django_assert_max_num_queries: Any
) -> None:
    response = Client().get("/notifications/")
    assert response.status_code == 302 and "/login/" in response["Location"]
    with django_assert_max_num_queries(0):
        page = Client().get("/login/").content.decode()
    assert "Thông báo" not in page


def test_top_bar_link_without_unread(world: World) -> None:
    page = _client(world.users["viewer"]).get("/").content.decode()
    assert '<a class="topbar-link" href="/notifications/">Thông báo</a>' in page
