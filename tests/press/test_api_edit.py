"""The press API's corrections: PATCH of a delegation, a press event and a visit's reporters and
accompanying units, through a bearer token as another program would, checked like the pages
(the service's Vietnamese message, nothing stored), another unit → 404, a reader → 403."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.forms.models import model_to_dict
from django.test import Client

from tests.conftest import World
from tests.factories import UnitFactory, UserFactory
from tests.press.conftest import VN, D, a_conference, a_delegation
from ttdn.press.models import Delegation, PressEvent, Reporter, Visit
from ttdn.press.services import visit_transition
from ttdn.units.models import Role, User
from ttdn.units.services import api_token_create

API = "/api/v1/press"


def token_client(user: User) -> Client:
    _record, key = api_token_create(actor=user, name="phần mềm quản lý đoàn")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def patch(client: Client, path: str, body: Any) -> Any:
    return client.patch(f"{API}{path}", json.dumps(body), content_type="application/json")


def stranger() -> User:
    return UserFactory(username="stranger", role=Role.UNIT_LEADER, unit=UnitFactory(code="T-X"))


@pytest.fixture
def delegation(world: World) -> Delegation:
    return a_delegation(world)


@pytest.fixture
def conference(world: World) -> PressEvent:
    return a_conference(world)


def stored(row: Any) -> dict[str, Any]:
    row.refresh_from_db()
    return model_to_dict(row)


# --- delegations -----------------------------------------------------------------------------


def test_delegation_patched_with_a_bearer_token(world: World, delegation: Delegation) -> None:
    client = token_client(world.users[Role.UNIT_OFFICER])
    response = patch(
        client,
        f"/delegations/{delegation.pk}",
        {"organisation": "Tỉnh Savannakhet", "size": 9, "unit_id": world.foreign_affairs.pk},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["organisation"], body["size"], body["country"]) == ("Tỉnh Savannakhet", 9, "LA")
    assert body["agreements"] == [  # not sent: kept as they are
        {"title": "Biên bản ghi nhớ 2026–2030", "signed_on": "2026-11-03", "partner": ""}
    ]
    assert client.get(f"{API}/delegations/{delegation.pk}").json() == body
    assert list(delegation.history.values_list("history_type", "history_user__username")) == [
        ("~", "officer"),
        ("+", "officer"),
    ]
    response = patch(
        client,
        f"/delegations/{delegation.pk}",
        {"agreements": [{"title": "Kế hoạch 2027", "signed_on": "2026-11-04", "partner": "B"}]},
    )
    assert response.status_code == 200
    assert response.json()["agreements"] == [
        {"title": "Kế hoạch 2027", "signed_on": "2026-11-04", "partner": "B"}
    ]


@pytest.mark.parametrize(
    ("body", "status", "detail"),
    [
        (
            {"country": "ZZ"},
            400,
            "Mã quốc gia “ZZ” không có trong danh mục ISO 3166 (ví dụ: JP, KR, LA, US).",
        ),
        ({"ends": "2026-11-01"}, 400, "Ngày kết thúc phải từ ngày bắt đầu trở đi."),
        ({"size": 0}, 400, "Số thành viên của đoàn phải từ 1 trở lên."),
        ({"size": None}, 400, "Trường size không được để trống (null)."),
        (
            {"starts": "2026-11-05", "ends": "2026-11-06"},  # the stored agreement falls outside
            400,
            "Văn bản “Biên bản ghi nhớ 2026–2030” ký ngày 03/11/2026, ngoài thời gian của đoàn "
            "(05/11/2026 – 06/11/2026).",
        ),
        (
            {"organisation": "Tỉnh Savannakhet", "unit_id": -1},
            400,
            "Không đổi được đơn vị của bản ghi: ghi nhận lại ở đơn vị đúng nếu nhầm đơn vị.",
        ),
    ],
)
def test_delegation_bad_patch_answers_the_message_and_stores_nothing(
    world: World, delegation: Delegation, body: dict[str, Any], status: int, detail: str
) -> None:
    before = stored(delegation)
    response = patch(
        token_client(world.users[Role.UNIT_OFFICER]), f"/delegations/{delegation.pk}", body
    )
    assert (response.status_code, response.json()) == (status, {"detail": detail})
    assert stored(delegation) == before
    assert delegation.agreements.count() == 1
    assert delegation.history.count() == 1


def test_delegation_patch_of_the_wrong_type_answers_422(
    world: World, delegation: Delegation
) -> None:
    response = patch(
        token_client(world.users[Role.UNIT_OFFICER]),
        f"/delegations/{delegation.pk}",
        {"size": "tám"},
    )
    assert response.status_code == 422
    assert stored(delegation)["size"] == 8


def test_delegation_patch_scoped(world: World, delegation: Delegation) -> None:
    before = stored(delegation)
    other = token_client(stranger())
    assert other.get(f"{API}/delegations/{delegation.pk}").status_code == 404
    response = patch(other, f"/delegations/{delegation.pk}", {"size": 9})
    assert (response.status_code, response.json()) == (
        404,
        {"detail": "Không tìm thấy đoàn công tác."},
    )
    reader = token_client(world.users[Role.VIEWER])  # leadership: reads every unit, changes none
    assert reader.get(f"{API}/delegations/{delegation.pk}").status_code == 200
    assert patch(reader, f"/delegations/{delegation.pk}", {"size": 9}).status_code == 403
    assert stored(delegation) == before
    assert delegation.history.count() == 1


# --- press events ----------------------------------------------------------------------------


def test_press_event_patch_recomputes_the_notice_deadline(
    world: World, conference: PressEvent
) -> None:
    client = token_client(world.users[Role.UNIT_OFFICER])
    before = stored(conference)
    earlier = {"starts_at": "2026-11-10T07:30:00+07:00"}  # the notice at 08:00 on 9/11: too late
    response = patch(client, f"/press-events/{conference.pk}", earlier)
    assert (response.status_code, response.json()) == (
        400,
        {
            "detail": "Nghị định 262/2026/NĐ-CP: cơ quan, tổ chức nước ngoài phải thông báo "
            "trước 07:30 ngày 09/11/2026."
        },
    )
    assert stored(conference) == before
    response = patch(
        client,
        f"/press-events/{conference.pk}",
        earlier
        | {"notified_at": "2026-11-09T07:00:00+07:00", "outlets": ["NHK", " Báo Quảng Trị "]},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert dt.datetime.fromisoformat(body["notice_deadline"]) == dt.datetime(
        2026, 11, 9, 7, 30, tzinfo=VN
    )
    assert body["outlets"] == ["NHK", "Báo Quảng Trị"]
    assert body["title"] == "Họp báo của Đại sứ quán Nhật Bản"  # not sent: unchanged
    assert client.get(f"{API}/press-events/{conference.pk}").json() == body
    assert conference.history.first().history_user == world.users[Role.UNIT_OFFICER]


def test_press_event_patch_null_notice_refused_for_a_foreign_organiser(
    world: World, conference: PressEvent
) -> None:
    before = stored(conference)
    response = patch(
        token_client(world.users[Role.UNIT_OFFICER]),
        f"/press-events/{conference.pk}",
        {"notified_at": None, "kind": "conference"},
    )
    assert response.status_code == 400
    assert response.json()["detail"].endswith("phải thông báo trước 09:00 ngày 09/11/2026.")
    response = patch(
        token_client(world.users[Role.UNIT_OFFICER]),
        f"/press-events/{conference.pk}",
        {"kind": "x"},
    )
    assert response.json() == {
        "detail": "Loại sự kiện phải là họp báo (conference) hoặc giao ban (briefing)."
    }
    assert stored(conference) == before


def test_press_event_patch_scoped(world: World, conference: PressEvent) -> None:
    before = stored(conference)
    assert (
        patch(
            token_client(stranger()), f"/press-events/{conference.pk}", {"title": "X"}
        ).status_code
        == 404
    )
    reader = token_client(world.users[Role.VIEWER])
    assert patch(reader, f"/press-events/{conference.pk}", {"title": "X"}).status_code == 403
    assert stored(conference) == before
    assert conference.history.count() == 1


# --- a visit's reporters and accompanying units ------------------------------------------------


def reporter(name: str, country: str, outlet: str, **more: Any) -> dict[str, Any]:
    return {"full_name": name, "nationality": country, "outlet": outlet} | more


def test_visit_reporters_and_units_patched(world: World, visit: Visit) -> None:
    client = token_client(world.users[Role.UNIT_OFFICER])
    body = {
        "reporters": [
            reporter("Sato Kenji", "JP", "NHK", press_card="NHK-0417", permit="GP-12/2026"),
            reporter("Suzuki Ichiro", "jp", "NHK World"),
        ],
        "accompanying_unit_ids": [world.police.pk, world.fa_centre.pk],
    }
    response = patch(client, f"/visits/{visit.pk}", body)
    assert response.status_code == 200, response.content
    data = response.json()
    assert [(r["full_name"], r["nationality"], r["permit"]) for r in data["reporters"]] == [
        ("Sato Kenji", "JP", "GP-12/2026"),
        ("Suzuki Ichiro", "JP", ""),
    ]
    assert sorted(data["accompanying_unit_ids"]) == sorted([world.police.pk, world.fa_centre.pk])
    # only the units: the reporters stay
    response = patch(client, f"/visits/{visit.pk}", {"accompanying_unit_ids": []})
    assert response.json()["accompanying_unit_ids"] == []
    assert [r["full_name"] for r in response.json()["reporters"]] == ["Sato Kenji", "Suzuki Ichiro"]


def test_visit_patch_bad_input_answers_400_and_stores_nothing(world: World, visit: Visit) -> None:
    client = token_client(world.users[Role.UNIT_OFFICER])
    reporters_before = Reporter.objects.count()
    response = patch(
        client,
        f"/visits/{visit.pk}",
        {
            "reporters": [reporter("Sato Kenji", "JP", "NHK"), reporter("John Roe", "XX", "AP")],
            "accompanying_unit_ids": [world.fa_centre.pk],
        },
    )
    assert (response.status_code, response.json()) == (
        400,
        {
            "detail": "Phóng viên John Roe: Mã quốc gia “XX” không có trong danh mục ISO 3166 "
            "(ví dụ: JP, KR, LA, US)."
        },
    )
    response = patch(client, f"/visits/{visit.pk}", {"accompanying_unit_ids": [987654]})
    assert response.json() == {"detail": "Không có đơn vị mã số 987654."}
    response = patch(client, f"/visits/{visit.pk}", {"title": "Đoàn khác", "reporters": []})
    assert response.status_code == 400
    assert response.json()["detail"].startswith("Không sửa được trường: title (PATCH sửa")
    response = patch(client, f"/visits/{visit.pk}", {"reporters": []})
    assert response.json() == {"detail": "Cần ít nhất một phóng viên."}
    detail = client.get(f"{API}/visits/{visit.pk}").json()
    assert [r["full_name"] for r in detail["reporters"]] == ["Sato Kenji", "Tanaka Yumi"]
    assert detail["accompanying_unit_ids"] == [world.police.pk]
    assert Reporter.objects.count() == reporters_before
    assert visit.history.count() == 1


def test_visit_patch_after_approval_only_the_units(world: World, visit: Visit) -> None:
    visit_transition(
        actor=world.users[Role.UNIT_LEADER], visit=visit, action="approve", on=D(2026, 4, 24),
        document="512/UBND-NC",
    )  # fmt: skip
    client = token_client(world.users[Role.UNIT_OFFICER])
    response = patch(
        client, f"/visits/{visit.pk}", {"reporters": [reporter("Sato Kenji", "JP", "NHK")]}
    )
    assert response.status_code == 409
    assert response.json()["detail"].startswith(
        "Đoàn đang ở trạng thái “Chấp thuận”: chỉ sửa được phóng viên khi đoàn còn là đề nghị"
    )
    current = client.get(f"{API}/visits/{visit.pk}").json()["reporters"]
    response = patch(  # the same list sent back with the units is no change of reporters
        client,
        f"/visits/{visit.pk}",
        {"reporters": current, "accompanying_unit_ids": [world.police.pk, world.fa_centre.pk]},
    )
    assert response.status_code == 200, response.content
    assert len(response.json()["accompanying_unit_ids"]) == 2
    for action in ("start", "finish"):
        visit_transition(
            actor=world.users[Role.UNIT_OFFICER], visit=visit, action=action, on=D(2026, 5, 11)
        )
    response = patch(client, f"/visits/{visit.pk}", {"accompanying_unit_ids": []})
    assert (response.status_code, response.json()) == (
        409,
        {
            "detail": "Đoàn đang ở trạng thái “Kết thúc”: không sửa đơn vị phối hợp, tháp tùng được nữa."
        },
    )
    assert Visit.objects.get().accompanying_units.count() == 2


def test_visit_patch_scoped(world: World, visit: Visit) -> None:
    body = {"accompanying_unit_ids": []}
    response = patch(token_client(stranger()), f"/visits/{visit.pk}", body)
    assert (response.status_code, response.json()) == (
        404,
        {"detail": "Không tìm thấy đoàn phóng viên."},
    )
    police = UserFactory(username="ca", role=Role.UNIT_OFFICER, unit=world.police)
    assert token_client(police).get(f"{API}/visits/{visit.pk}").status_code == 200  # accompanies
    assert patch(token_client(police), f"/visits/{visit.pk}", body).status_code == 403
    assert (
        patch(token_client(world.users[Role.VIEWER]), f"/visits/{visit.pk}", body).status_code
        == 403
    )
    assert list(Visit.objects.get().accompanying_units.all()) == [world.police]
