"""Records to build on: a visit request of two Japanese reporters in Quảng Trị, 11–13/5/2026;
a delegation to Savannakhet and a foreign embassy's press conference, November 2026."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.conftest import World
from ttdn.press.models import Delegation, PressEvent, Visit
from ttdn.press.services import ProgrammeData, ReporterData, visit_create
from ttdn.press.services_events import AgreementData, delegation_create, press_event_create
from ttdn.units.models import Role

D = dt.date
T = dt.time
VN = dt.timezone(dt.timedelta(hours=7))


def a_delegation(world: World) -> Delegation:
    """Sở Ngoại vụ's delegation to Savannakhet, 2–4/11/2026, its name misspelt as officers do."""
    return delegation_create(
        actor=world.users[Role.UNIT_OFFICER],
        unit=world.foreign_affairs,
        direction="out",
        country="LA",
        organisation="Tỉnh Savanakhet",
        size=8,
        leader="Phó Chủ tịch UBND tỉnh",
        starts=D(2026, 11, 2),
        ends=D(2026, 11, 4),
        purpose="Hội nghị hợp tác",
        agreements=[AgreementData("Biên bản ghi nhớ 2026–2030", D(2026, 11, 3))],
    )


def a_conference(world: World) -> PressEvent:
    """A foreign embassy's press conference on 10/11/2026, notified the day before."""
    return press_event_create(
        actor=world.users[Role.UNIT_OFFICER],
        unit=world.foreign_affairs,
        kind="conference",
        title="Họp báo của Đại sứ quán Nhật Bản",
        starts_at=dt.datetime(2026, 11, 10, 9, 0, tzinfo=VN),
        place="Khách sạn Mường Thanh",
        chair="Đại sứ",
        topics="Viện trợ",
        foreign_organiser="Đại sứ quán Nhật Bản",
        notified_at=dt.datetime(2026, 11, 9, 8, 0, tzinfo=VN),
    )


def reporters() -> list[ReporterData]:
    return [
        ReporterData("Sato Kenji", "jp", "NHK", press_card="NHK-0417"),
        ReporterData("Tanaka Yumi", "JP", "NHK"),
    ]


def programme() -> list[ProgrammeData]:
    return [
        ProgrammeData(D(2026, 5, 11), T(8, 30), T(11, 0), "Cửa khẩu Lao Bảo", "Đồn Biên phòng"),
        ProgrammeData(
            D(2026, 5, 12), T(14, 0), T(16, 30), "Thành cổ Quảng Trị", "Ban quản lý di tích"
        ),
    ]


def visit_args(world: World, **changes: Any) -> dict[str, Any]:
    args: dict[str, Any] = {
        "actor": world.users[Role.UNIT_OFFICER],
        "unit": world.foreign_affairs,
        "title": "Phóng viên NHK tìm hiểu kinh tế cửa khẩu",
        "received_on": D(2026, 4, 20),
        "channel": "mofa",
        "purpose": "Ghi hình phóng sự về Khu kinh tế cửa khẩu Lao Bảo.",
        "starts": D(2026, 5, 11),
        "ends": D(2026, 5, 13),
        "reporters": reporters(),
        "programme": programme(),
        "accompanying_units": [world.police],
    }
    args.update(changes)
    return args


@pytest.fixture
def visit(world: World) -> Visit:
    return visit_create(**visit_args(world))
