"""Edit pages of the press module: a delegation and a press event corrected from the browser
(checked as when recorded, audited, nothing stored on bad input), the visit's programme edited
on the visit page all or nothing; another unit gets 404, a reader 403, CSRF is kept."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from tests.conftest import World
from tests.factories import UnitFactory, UserFactory
from tests.press.conftest import VN, D, T, a_conference, a_delegation
from ttdn.press.models import Delegation, PressEvent, Visit, VisitStatus
from ttdn.units.models import Role


def client_for(user: Any, *, csrf: bool = False) -> Client:
    client = Client(enforce_csrf_checks=csrf)
    client.force_login(user)
    return client


@pytest.fixture
def delegation(world: World) -> Delegation:
    return a_delegation(world)


def delegation_form(**changes: str) -> dict[str, str]:
    data = {
        "direction": "out",
        "country": "LA",
        "organisation": "Tỉnh Savannakhet",
        "size": "9",
        "leader": "Phó Chủ tịch UBND tỉnh",
        "starts": "02/11/2026",
        "ends": "04/11/2026",
        "purpose": "Hội nghị hợp tác",
        "programme": "Hội đàm; thăm cửa khẩu Đensavăn",
        "outcomes": "Thống nhất kế hoạch giao lưu thanh niên 2027.",
        "agreement-TOTAL_FORMS": "3",
        "agreement-INITIAL_FORMS": "1",
        "agreement-0-title": "Biên bản ghi nhớ 2026–2030",
        "agreement-0-signed_on": "03/11/2026",
        "agreement-1-title": "Kế hoạch giao lưu thanh niên 2027",
        "agreement-1-signed_on": "04/11/2026",
        "agreement-1-partner": "Tỉnh đoàn Savannakhet",
    }
    data.update(changes)
    return data


def test_delegation_corrected_from_its_page(world: World, delegation: Delegation) -> None:
    client = client_for(world.users[Role.UNIT_OFFICER])
    page = client.get(f"/press/delegations/{delegation.pk}/").content.decode()
    assert f'href="/press/delegations/{delegation.pk}/edit/"' in page
    form = client.get(f"/press/delegations/{delegation.pk}/edit/")
    assert form.status_code == 200
    assert 'value="Tỉnh Savanakhet"' in form.content.decode()
    assert 'name="unit"' not in form.content.decode()  # the unit stays

    response = client.post(f"/press/delegations/{delegation.pk}/edit/", delegation_form())
    assert response.status_code == 302
    assert response["Location"] == f"/press/delegations/{delegation.pk}/"
    delegation.refresh_from_db()
    assert (delegation.organisation, delegation.size, delegation.programme) == (
        "Tỉnh Savannakhet",
        9,
        "Hội đàm; thăm cửa khẩu Đensavăn",
    )
    assert delegation.outcomes == "Thống nhất kế hoạch giao lưu thanh niên 2027."
    assert list(delegation.agreements.values_list("title", "signed_on", "partner")) == [
        ("Biên bản ghi nhớ 2026–2030", D(2026, 11, 3), ""),
        ("Kế hoạch giao lưu thanh niên 2027", D(2026, 11, 4), "Tỉnh đoàn Savannakhet"),
    ]
    first = delegation.agreements.get(title="Biên bản ghi nhớ 2026–2030")
    assert first.history.count() == 1  # unchanged: kept, not deleted and recreated
    assert list(delegation.history.values_list("history_type", "history_user__username")) == [
        ("~", "officer"),
        ("+", "officer"),
    ]


def test_delegation_bad_input_shows_the_message_and_changes_nothing(
    world: World, delegation: Delegation
) -> None:
    client = client_for(world.users[Role.UNIT_OFFICER])
    url = f"/press/delegations/{delegation.pk}/edit/"
    # the dates moved: the agreement signed on 3/11 would fall outside them
    response = client.post(url, delegation_form(starts="05/11/2026", ends="06/11/2026"))
    assert response.status_code == 400
    assert (
        "Văn bản “Biên bản ghi nhớ 2026–2030” ký ngày 03/11/2026, ngoài thời gian của đoàn "
        "(05/11/2026 – 06/11/2026)." in response.content.decode()
    )
    response = client.post(url, delegation_form(country="XX"))
    assert response.status_code == 400
    response = client.post(url, delegation_form(ends="01/11/2026"))
    assert response.status_code == 400
    assert "Ngày kết thúc phải từ ngày bắt đầu trở đi." in response.content.decode()
    delegation.refresh_from_db()
    assert (delegation.organisation, delegation.starts, delegation.country) == (
        "Tỉnh Savanakhet",
        D(2026, 11, 2),
        "LA",
    )
    assert delegation.agreements.count() == 1
    assert delegation.history.count() == 1


def test_delegation_edit_scoped_and_csrf_protected(world: World, delegation: Delegation) -> None:
    url = f"/press/delegations/{delegation.pk}/edit/"
    stranger = UserFactory(username="stc", role=Role.UNIT_OFFICER, unit=UnitFactory(code="T-X"))
    assert client_for(stranger).get(url).status_code == 404
    assert client_for(stranger).post(url, delegation_form()).status_code == 404
    coordinator = client_for(world.users[Role.COORDINATOR])  # reads every unit, keeps none
    page = coordinator.get(f"/press/delegations/{delegation.pk}/").content.decode()
    assert "/edit/" not in page
    assert coordinator.post(url, delegation_form()).status_code == 403
    no_token = client_for(world.users[Role.UNIT_OFFICER], csrf=True)
    assert no_token.post(url, delegation_form()).status_code == 403
    delegation.refresh_from_db()
    assert delegation.organisation == "Tỉnh Savanakhet"
    assert delegation.history.count() == 1


def test_press_event_corrected_with_the_notice_rule(world: World) -> None:
    event = a_conference(world)
    client = client_for(world.users[Role.UNIT_OFFICER])
    assert f'href="/press/press-events/{event.pk}/edit/"' in (
        client.get(f"/press/press-events/{event.pk}/").content.decode()
    )
    url = f"/press/press-events/{event.pk}/edit/"
    form = client.get(url).content.decode()
    assert 'value="10/11/2026"' in form and 'value="09:00"' in form
    data = {
        "kind": "conference",
        "title": "Họp báo của Đại sứ quán Nhật Bản về viện trợ ODA",
        "day": "10/11/2026",
        "at": "07:30",  # earlier: the notice at 08:00 on 9/11 is now too late
        "place": "Khách sạn Mường Thanh",
        "chair": "Đại sứ",
        "topics": "Viện trợ",
        "outlets": "Báo Quảng Trị\nNHK",
        "foreign_organiser": "Đại sứ quán Nhật Bản",
        "notified_day": "09/11/2026",
        "notified_at": "08:00",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert (
        "Nghị định 262/2026/NĐ-CP: cơ quan, tổ chức nước ngoài phải thông báo trước 07:30 "
        "ngày 09/11/2026." in response.content.decode()
    )
    event.refresh_from_db()
    assert event.title == "Họp báo của Đại sứ quán Nhật Bản"
    response = client.post(url, data | {"notified_at": "07:00"})
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title == "Họp báo của Đại sứ quán Nhật Bản về viện trợ ODA"
    assert event.notice_deadline == dt.datetime(2026, 11, 9, 7, 30, tzinfo=VN)
    assert event.outlet_list == ["Báo Quảng Trị", "NHK"]
    assert event.history.first().history_user == world.users[Role.UNIT_OFFICER]
    stranger = UserFactory(username="stc", role=Role.UNIT_OFFICER, unit=UnitFactory(code="T-X"))
    assert client_for(stranger).post(url, data).status_code == 404
    assert PressEvent.objects.get().title == "Họp báo của Đại sứ quán Nhật Bản về viện trợ ODA"


def programme_post(**rows: str) -> dict[str, str]:
    """The two stored items (11/5 Lao Bảo, 12/5 Thành cổ) as the page shows them."""
    data = {
        "programme-TOTAL_FORMS": "5",
        "programme-INITIAL_FORMS": "2",
        "programme-0-day": "11/05/2026",
        "programme-0-starts_at": "08:30",
        "programme-0-ends_at": "11:00",
        "programme-0-place": "Cửa khẩu Lao Bảo",
        "programme-0-meeting": "Đồn Biên phòng",
        "programme-1-day": "12/05/2026",
        "programme-1-starts_at": "14:00",
        "programme-1-ends_at": "16:30",
        "programme-1-place": "Thành cổ Quảng Trị",
    }
    data.update(rows)
    return data


def items(visit: Visit) -> list[tuple[dt.date, dt.time, str]]:
    return list(
        visit.programme.order_by("day", "starts_at").values_list("day", "starts_at", "place")
    )


def test_programme_edited_on_the_visit_page(world: World, visit: Visit) -> None:
    client = client_for(world.users[Role.UNIT_OFFICER])
    page = client.get(f"/press/visits/{visit.pk}/").content.decode()
    assert f'action="/press/visits/{visit.pk}/programme/"' in page
    assert 'name="programme-0-place" value="Cửa khẩu Lao Bảo"' in page
    response = client.post(
        f"/press/visits/{visit.pk}/programme/",
        programme_post(
            **{
                "programme-0-ends_at": "10:30",
                "programme-1-DELETE": "on",
                "programme-2-day": "13/05/2026",
                "programme-2-starts_at": "09:00",
                "programme-2-ends_at": "10:00",
                "programme-2-place": "Đảo Cồn Cỏ",
                "programme-2-meeting": "UBND huyện đảo",
                "programme-2-content": "Phỏng vấn ngư dân",
            }
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == f"/press/visits/{visit.pk}/"
    assert items(visit) == [
        (D(2026, 5, 11), T(8, 30), "Cửa khẩu Lao Bảo"),
        (D(2026, 5, 13), T(9, 0), "Đảo Cồn Cỏ"),
    ]
    assert visit.programme.get(place="Cửa khẩu Lao Bảo").ends_at == T(10, 30)
    assert visit.programme.get(place="Đảo Cồn Cỏ").content == "Phỏng vấn ngư dân"


def test_programme_item_outside_the_dates_refused_and_nothing_stored(
    world: World, visit: Visit
) -> None:
    client = client_for(world.users[Role.UNIT_OFFICER])
    before = items(visit)
    late = {
        "programme-1-DELETE": "on",
        "programme-2-day": "14/05/2026",
        "programme-2-starts_at": "09:00",
        "programme-2-ends_at": "10:00",
        "programme-2-place": "Đảo Cồn Cỏ",
    }
    response = client.post(f"/press/visits/{visit.pk}/programme/", programme_post(**late))
    assert response.status_code == 400
    page = response.content.decode()
    assert (
        "Mục chương trình ngày 14/05/2026 (Đảo Cồn Cỏ) nằm ngoài thời gian của đoàn "
        "(11/05/2026 – 13/05/2026)." in page
    )
    assert "<details" in page and 'id="programme-editor" open' in page  # the rows kept
    assert 'value="Đảo Cồn Cỏ"' in page
    overlap = {
        "programme-2-day": "11/05/2026",
        "programme-2-starts_at": "10:30",
        "programme-2-ends_at": "12:00",
        "programme-2-place": "Chợ Lao Bảo",
    }
    response = client.post(f"/press/visits/{visit.pk}/programme/", programme_post(**overlap))
    assert response.status_code == 400
    assert "Hai mục chương trình ngày 11/05/2026 trùng giờ: 08:30–11:00" in (
        response.content.decode()
    )
    assert items(visit) == before
    assert visit.programme.model.history.filter(history_type="-").count() == 0


def test_programme_editor_scoped_and_closed_after_the_end(world: World, visit: Visit) -> None:
    url = f"/press/visits/{visit.pk}/programme/"
    stranger = UserFactory(username="stc", role=Role.UNIT_OFFICER, unit=UnitFactory(code="T-X"))
    assert client_for(stranger).post(url, programme_post()).status_code == 404
    police = UserFactory(username="ca", role=Role.UNIT_OFFICER, unit=world.police)
    accompanying = client_for(police)  # reads the visit, does not change it
    assert "programme-editor" not in accompanying.get(f"/press/visits/{visit.pk}/").content.decode()
    assert accompanying.post(url, programme_post()).status_code == 403
    no_token = client_for(world.users[Role.UNIT_OFFICER], csrf=True)
    assert no_token.post(url, programme_post(**{"programme-1-DELETE": "on"})).status_code == 403
    Visit.objects.filter(pk=visit.pk).update(status=VisitStatus.FINISHED)
    client = client_for(world.users[Role.UNIT_OFFICER])
    assert "programme-editor" not in client.get(f"/press/visits/{visit.pk}/").content.decode()
    response = client.post(url, programme_post(**{"programme-1-DELETE": "on"}))
    assert response.status_code == 400
    assert "không sửa chương trình được nữa" in response.content.decode()
    assert visit.programme.count() == 2
