"""The activity edit page: title, dates and the fields of the activity's kind corrected (unit and
kind stay), checked as at creation, audited; bad input stores nothing; another unit gets 404,
a reader 403; CSRF kept."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.test import Client

from tests.activities.test_registry import training
from tests.conftest import World
from tests.factories import UnitFactory, UserFactory
from ttdn.activities.models import Activity
from ttdn.activities.services import activity_create
from ttdn.units.models import Role

D = dt.date


def client_for(user: Any, *, csrf: bool = False) -> Client:
    client = Client(enforce_csrf_checks=csrf)
    client.force_login(user)
    return client


def training_form(**changes: str) -> dict[str, str]:
    data = {
        "title": "Tập huấn kỹ năng trả lời phỏng vấn báo chí nước ngoài năm 2026",
        "starts": "15/07/2026",
        "ends": "16/07/2026",
        "description": "",
        "place": "Hội trường Sở Ngoại vụ",
        "participants": "92",
        "trainers": "Vụ Thông tin Báo chí, Bộ Ngoại giao",
        "materials": "Sổ tay phát ngôn",
    }
    data.update(changes)
    return data


def test_training_corrected_from_its_page(world: World) -> None:
    row = training(world)
    client = client_for(world.users[Role.UNIT_OFFICER])
    assert (
        f'href="/activities/{row.pk}/edit/"'
        in client.get(f"/activities/{row.pk}/").content.decode()
    )
    page = client.get(f"/activities/{row.pk}/edit/").content.decode()
    assert 'name="participants"' in page and 'value="85"' in page
    for absent in ('name="kind"', 'name="unit"', 'name="print_run"', 'name="latitude"'):
        assert absent not in page  # kind and unit stay; another kind's fields are not offered
    assert "Tập huấn, bồi dưỡng" in page

    response = client.post(f"/activities/{row.pk}/edit/", training_form())
    assert response.status_code == 302
    assert response["Location"] == f"/activities/{row.pk}/"
    row.refresh_from_db()
    assert (row.title, row.starts, row.ends, row.participants, row.materials) == (
        "Tập huấn kỹ năng trả lời phỏng vấn báo chí nước ngoài năm 2026",
        D(2026, 7, 15),
        D(2026, 7, 16),
        92,
        "Sổ tay phát ngôn",
    )
    assert (row.kind, row.unit) == ("training", world.foreign_affairs)
    assert list(row.history.values_list("history_type", "history_user__username")) == [
        ("~", "officer"),
        ("+", "officer"),
    ]
    # the end date left empty: a one-day activity
    client.post(f"/activities/{row.pk}/edit/", training_form(ends=""))
    row.refresh_from_db()
    assert row.ends == D(2026, 7, 15)


def test_bad_input_shows_the_message_and_stores_nothing(world: World) -> None:
    row = training(world)
    client = client_for(world.users[Role.UNIT_OFFICER])
    url = f"/activities/{row.pk}/edit/"
    response = client.post(url, training_form(ends="14/07/2026"))
    assert response.status_code == 400
    assert "Ngày kết thúc phải từ ngày bắt đầu trở đi." in response.content.decode()
    response = client.post(url, training_form(place=""))
    assert response.status_code == 400
    response = client.post(url, training_form(participants="-3"))
    assert response.status_code == 400
    row.refresh_from_db()
    assert (row.title, row.starts, row.place, row.participants) == (
        "Tập huấn kỹ năng trả lời phỏng vấn báo chí nước ngoài",
        D(2026, 7, 14),
        "Hội trường Sở Ngoại vụ",
        85,
    )
    assert row.history.count() == 1


def test_billboard_shows_its_own_fields(world: World) -> None:
    row = activity_create(
        actor=world.users[Role.UNIT_OFFICER],
        unit=world.foreign_affairs,
        kind="billboard",
        title="Cụm pa-nô Lao Bảo",
        starts=D(2026, 3, 1),
        place="Cửa khẩu Lao Bảo",
        latitude="16.6187",
        longitude="106.5931",
        content="Quảng Trị – điểm đến của hòa bình",
        installed_on=D(2026, 3, 1),
    )
    client = client_for(world.users[Role.UNIT_OFFICER])
    page = client.get(f"/activities/{row.pk}/edit/").content.decode()
    assert 'name="condition"' in page and 'name="participants"' not in page
    data = {
        "title": "Cụm pa-nô Cửa khẩu quốc tế Lao Bảo",
        "starts": "01/03/2026",
        "ends": "",
        "place": "Cửa khẩu Lao Bảo",
        "latitude": "16,6190",
        "longitude": "106.5931",
        "content": "Quảng Trị – điểm đến của hòa bình",
        "installed_on": "01/03/2026",
        "maintained_on": "20/02/2026",  # before the installation: refused
        "condition": "worn",
    }
    response = client.post(f"/activities/{row.pk}/edit/", data)
    assert response.status_code == 400
    assert "Ngày bảo trì không thể trước ngày lắp đặt." in response.content.decode()
    assert Activity.objects.get(pk=row.pk).condition == ""
    response = client.post(f"/activities/{row.pk}/edit/", data | {"maintained_on": "20/11/2026"})
    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.title, row.latitude, row.maintained_on, row.condition) == (
        "Cụm pa-nô Cửa khẩu quốc tế Lao Bảo",
        Decimal("16.619000"),
        D(2026, 11, 20),
        "worn",
    )


def test_edit_scoped_and_csrf_protected(world: World) -> None:
    row = training(world)
    url = f"/activities/{row.pk}/edit/"
    stranger = UserFactory(username="stc", role=Role.UNIT_OFFICER, unit=UnitFactory(code="T-X"))
    assert client_for(stranger).get(url).status_code == 404
    assert client_for(stranger).post(url, training_form()).status_code == 404
    viewer = client_for(world.users[Role.VIEWER])  # leadership reads every unit
    assert "/edit/" not in viewer.get(f"/activities/{row.pk}/").content.decode()
    assert viewer.post(url, training_form()).status_code == 403
    no_token = client_for(world.users[Role.UNIT_OFFICER], csrf=True)
    assert no_token.post(url, training_form()).status_code == 403
    row.refresh_from_db()
    assert row.title == "Tập huấn kỹ năng trả lời phỏng vấn báo chí nước ngoài"
    assert row.history.count() == 1
