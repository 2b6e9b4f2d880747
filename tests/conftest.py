"""Shared fixtures: a small province (coordinating agency, two departments, a sub-unit) and one
user per role, so permission tests read as a matrix."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.factories import UnitFactory, UserFactory
from ttdn.units.models import Role, Unit, UnitKind, User

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED = REPO_ROOT.parent / "shared"


@dataclass
class World:
    coordinating: Unit
    foreign_affairs: Unit
    police: Unit
    fa_centre: Unit  # a sub-unit of foreign_affairs
    users: dict[str, User]


@pytest.fixture
def world(db: None) -> World:
    ubnd = UnitFactory(code="T-UBND", name="Ủy ban nhân dân tỉnh Quảng Trị", kind=UnitKind.UBND)
    coordinating = UnitFactory(
        code="T-SVHTTDL", name="Sở Văn hóa, Thể thao và Du lịch", parent=ubnd
    )
    foreign_affairs = UnitFactory(code="T-SNGV", name="Sở Ngoại vụ", parent=ubnd)
    police = UnitFactory(code="T-CA", name="Công an tỉnh Quảng Trị", kind=UnitKind.ARMED_FORCES)
    fa_centre = UnitFactory(
        code="T-SNGV-TT", name="Trung tâm Dịch vụ đối ngoại", parent=foreign_affairs
    )
    users = {
        Role.ADMIN: UserFactory(username="admin", role=Role.ADMIN, unit=ubnd),
        Role.COORDINATOR: UserFactory(username="coord", role=Role.COORDINATOR, unit=coordinating),
        Role.CONTENT_EDITOR: UserFactory(
            username="editor", role=Role.CONTENT_EDITOR, unit=coordinating
        ),
        Role.UNIT_OFFICER: UserFactory(
            username="officer", role=Role.UNIT_OFFICER, unit=foreign_affairs
        ),
        Role.UNIT_LEADER: UserFactory(
            username="leader", role=Role.UNIT_LEADER, unit=foreign_affairs
        ),
        Role.VIEWER: UserFactory(username="viewer", role=Role.VIEWER, unit=ubnd),
    }
    return World(coordinating, foreign_affairs, police, fa_centre, users)


def shared_or_skip(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"../shared không có ({path}): bỏ qua kiểm thử trên dữ liệu mẫu")
    return path
