"""`ttdn demo`: foreign reporters' visits, delegations and press events of the demo province in
2026, played through the services (so deadlines, checks and the audit trail are real).
Idempotent: nothing is loaded once the demo's first visit exists."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.db import transaction

from ttdn.press.models import Delegation, PressEvent, Visit
from ttdn.press.services import (
    ProgrammeData,
    ReporterData,
    follow_up_add,
    visit_create,
    visit_report_submit,
    visit_transition,
)
from ttdn.press.services_events import AgreementData, delegation_create, press_event_create
from ttdn.units.models import Unit, User

VN = ZoneInfo("Asia/Ho_Chi_Minh")
FIRST_VISIT = "Phóng viên NHK: hành lang kinh tế Đông – Tây qua Lao Bảo"
D, T = dt.date, dt.time


def _visits(officer: User, leader: User, units: dict[str, Unit]) -> int:
    nhk = visit_create(
        actor=officer,
        unit=units["QT-SNGV"],
        title=FIRST_VISIT,
        received_on=D(2026, 8, 17),
        channel="mofa",
        purpose=(
            "Ghi hình phóng sự về hành lang kinh tế Đông – Tây và Khu kinh tế – thương mại "
            "đặc biệt Lao Bảo."
        ),
        starts=D(2026, 9, 14),
        ends=D(2026, 9, 16),
        reporters=[
            ReporterData("Sato Kenji", "JP", "NHK World", press_card="J-2026-118"),
            ReporterData("Mori Aiko", "JP", "NHK World"),
        ],
        programme=[
            ProgrammeData(
                D(2026, 9, 14),
                T(8, 30),
                T(10, 30),
                "UBND tỉnh",
                "Lãnh đạo UBND tỉnh",
                "Tiếp, làm việc",
            ),
            ProgrammeData(
                D(2026, 9, 15),
                T(8, 0),
                T(11, 30),
                "Cửa khẩu quốc tế Lao Bảo",
                "Đồn Biên phòng Lao Bảo",
                "Ghi hình thông quan",
            ),
            ProgrammeData(
                D(2026, 9, 16),
                T(14, 0),
                T(16, 0),
                "Khu kinh tế Lao Bảo",
                "Ban quản lý Khu kinh tế",
                "Phỏng vấn doanh nghiệp",
            ),
        ],
        accompanying_units=[units["QT-BDBP"], units["QT-CA"]],
    )
    nhk = visit_transition(
        actor=leader, visit=nhk, action="approve", on=D(2026, 8, 24), document="3120/UBND-NC"
    )
    nhk = visit_transition(actor=officer, visit=nhk, action="start", on=D(2026, 9, 14))
    nhk = visit_transition(actor=officer, visit=nhk, action="finish", on=D(2026, 9, 16))
    visit_report_submit(
        actor=officer,
        visit=nhk,
        text="Đoàn thực hiện đúng chương trình; 02 phóng sự phát trên NHK World.",
        on=D(2026, 9, 18),
    )
    follow_up_add(
        actor=officer,
        parent=nhk,
        title="Along the East–West corridor: Lao Bao",
        outlet="NHK World",
        published_on=D(2026, 10, 2),
    )
    kbs = visit_create(
        actor=officer,
        unit=units["QT-SNGV"],
        title="Phóng viên KBS: du lịch biển và di tích",
        received_on=D(2026, 11, 9),
        channel="email",
        purpose="Khảo sát, ghi hình du lịch biển Cửa Tùng và Địa đạo Vịnh Mốc.",
        starts=D(2026, 12, 14),
        ends=D(2026, 12, 15),
        reporters=[ReporterData("Park Ji-hoon", "KR", "KBS", resident=True)],
        programme=[
            ProgrammeData(
                D(2026, 12, 14), T(8, 0), T(11, 0), "Địa đạo Vịnh Mốc", "Ban quản lý di tích"
            )
        ],
    )
    visit_transition(
        actor=leader, visit=kbs, action="approve", on=D(2026, 11, 13), document="4410/UBND-NC"
    )
    visit_create(
        actor=officer,
        unit=units["QT-SNGV"],
        title="Phóng viên Pathet Lao: hợp tác biên giới",
        received_on=D(2026, 11, 20),
        channel="mofa",
        purpose="Đưa tin hợp tác giữa Quảng Trị và tỉnh Savannakhet.",
        starts=D(2026, 12, 21),
        ends=D(2026, 12, 22),
        reporters=[ReporterData("Souksavanh Phommachanh", "LA", "Báo Pathet Lao")],
    )
    return 3


def _events(officer: User, units: dict[str, Unit]) -> int:
    delegation_create(
        actor=officer,
        unit=units["QT-SNGV"],
        direction="in",
        country="LA",
        organisation="Đoàn đại biểu tỉnh Savannakhet",
        size=12,
        leader="Phó Tỉnh trưởng tỉnh Savannakhet",
        starts=D(2026, 10, 19),
        ends=D(2026, 10, 21),
        purpose="Hội nghị tổng kết hợp tác năm 2026.",
        outcomes="Thống nhất kế hoạch hợp tác năm 2027.",
        agreements=[
            AgreementData(
                "Biên bản hội đàm hợp tác năm 2027", D(2026, 10, 20), "UBND tỉnh Savannakhet"
            )
        ],
    )
    delegation_create(
        actor=officer,
        unit=units["QT-SNGV"],
        direction="out",
        country="KR",
        organisation="Đoàn công tác UBND tỉnh",
        size=6,
        leader="Phó Chủ tịch UBND tỉnh",
        starts=D(2026, 12, 7),
        ends=D(2026, 12, 11),
        purpose="Xúc tiến đầu tư, giới thiệu tiềm năng du lịch tại tỉnh Gyeonggi.",
    )
    for month, day in ((10, 29), (11, 26), (12, 24)):
        press_event_create(
            actor=officer,
            unit=units["QT-SNGV"],
            kind="briefing",
            title=f"Giao ban báo chí tháng {month}/2026",
            starts_at=dt.datetime(2026, month, day, 14, 0, tzinfo=VN),
            place="Hội trường UBND tỉnh",
            chair="Phó Chủ tịch UBND tỉnh",
            topics="Tình hình kinh tế – xã hội; thông tin đối ngoại; định hướng tuyên truyền.",
            outlets=[
                "Báo và Phát thanh, Truyền hình Quảng Trị",
                "TTXVN thường trú",
                "Báo Nhân Dân thường trú",
            ],
        )
    press_event_create(
        actor=officer,
        unit=units["QT-SNGV"],
        kind="conference",
        title="Họp báo của Tổ chức JICA về dự án cấp nước",
        starts_at=dt.datetime(2026, 12, 3, 9, 0, tzinfo=VN),
        place="Khách sạn Mường Thanh Đông Hà",
        chair="Trưởng đại diện JICA",
        topics="Khởi công dự án cấp nước nông thôn.",
        foreign_organiser="Cơ quan Hợp tác Quốc tế Nhật Bản (JICA)",
        notified_at=dt.datetime(2026, 11, 30, 15, 0, tzinfo=VN),
        outlets=["NHK World", "Báo Quảng Trị"],
    )
    return 6


@transaction.atomic
def demo_press_load() -> tuple[bool, int]:
    """(loaded now, how many records); the demo accounts must exist (units.demo first)."""
    if Visit.objects.filter(title=FIRST_VISIT).exists():
        return (
            False,
            Visit.objects.count() + Delegation.objects.count() + PressEvent.objects.count(),
        )
    officer = User.objects.get(username="canbo.ngoaivu")
    leader = User.objects.get(username="lanhdao.ngoaivu")
    units = {u.code: u for u in Unit.objects.filter(code__in=["QT-SNGV", "QT-BDBP", "QT-CA"])}
    return True, _visits(officer, leader, units) + _events(officer, units)
