"""A visit request to build on: two Japanese reporters in Quảng Trị, 11–13/5/2026."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.conftest import World
from ttdn.press.models import Visit
from ttdn.press.services import ProgrammeData, ReporterData, visit_create
from ttdn.units.models import Role

D = dt.date
T = dt.time


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
