"""Demo data for a new installation: the demo province's units and one account per role.

Idempotent: running it again updates the same rows and resets the demo passwords.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth.hashers import make_password
from django.db import transaction

from ttdn.units.loading import LoadSummary, units_load
from ttdn.units.models import Role, Unit, User

DEMO_UNITS_FILE = Path(__file__).parent / "fixtures" / "demo_units.yaml"
DEMO_PASSWORD = "ttdn-demo-2026"  # noqa: S105 - public on purpose, demo only


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    role: str
    unit_code: str
    position: str


DEMO_ACCOUNTS = (
    DemoAccount("quantri", "Nguyễn Minh Quân", Role.ADMIN, "QT-VPUBND", "Quản trị hệ thống"),
    DemoAccount(
        "daumoi", "Lê Thị Thu Hà", Role.COORDINATOR, "QT-SVHTTDL", "Chuyên viên Phòng Báo chí"
    ),
    DemoAccount("bientap", "Trần Quốc Bảo", Role.CONTENT_EDITOR, "QT-SVHTTDL", "Biên tập viên"),
    DemoAccount("canbo.ngoaivu", "Phạm Thị Lan", Role.UNIT_OFFICER, "QT-SNGV", "Chuyên viên"),
    DemoAccount("lanhdao.ngoaivu", "Hoàng Văn Đức", Role.UNIT_LEADER, "QT-SNGV", "Phó Giám đốc"),
    DemoAccount("canbo.congan", "Võ Thành Trung", Role.UNIT_OFFICER, "QT-CA", "Cán bộ"),
    DemoAccount("canbo.baochi", "Đặng Thị Mai", Role.UNIT_OFFICER, "QT-BPTTH", "Phóng viên"),
    DemoAccount("lanhdao.ubnd", "Ngô Văn Hùng", Role.VIEWER, "QT-UBND", "Phó Chủ tịch"),
)


@transaction.atomic
def demo_load() -> LoadSummary:
    summary = units_load(actor=None, path=DEMO_UNITS_FILE)
    units = {u.code: u for u in Unit.objects.filter(code__in={a.unit_code for a in DEMO_ACCOUNTS})}
    hashed = make_password(DEMO_PASSWORD)  # one hash for all: each costs seconds on purpose
    for account in DEMO_ACCOUNTS:
        user = User.objects.filter(username=account.username).first() or User(
            username=account.username
        )
        user.full_name = account.full_name
        user.role = account.role
        user.unit = units[account.unit_code]
        user.position = account.position
        user.email = f"{account.username}@demo.ttdn.local"
        user.is_staff = account.role == Role.ADMIN
        user.is_superuser = account.role == Role.ADMIN
        user.password = hashed
        user.save()
    return summary
