"""`ttdn demo`: activities of the demo province in 2026 (trainings, a bilingual bulletin,
billboard clusters at the border gates, an exhibition, an award, a cultural exchange), attached
as evidence to the demo plan's tasks of their unit when there are some. Idempotent."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from ttdn.activities.models import Activity
from ttdn.activities.services import activity_attach_tasks, activity_create
from ttdn.plans.models import Task
from ttdn.units.models import Unit, User

FIRST = "Tập huấn kỹ năng phát ngôn và cung cấp thông tin cho báo chí nước ngoài"
D = dt.date

ACTIVITIES = (
    dict(
        kind="training",
        title=FIRST,
        starts=D(2026, 6, 18),
        ends=D(2026, 6, 19),
        place="Hội trường Sở Ngoại vụ",
        participants=120,
        trainers="Vụ Thông tin Báo chí, Bộ Ngoại giao",
        materials="Cẩm nang phát ngôn (song ngữ)",
    ),
    dict(
        kind="conference",
        title="Hội nghị giao ban công tác thông tin đối ngoại 6 tháng",
        starts=D(2026, 7, 10),
        place="UBND tỉnh",
        participants=80,
    ),
    dict(
        kind="publication",
        title="Bản tin Thông tin đối ngoại Quảng Trị, số 3/2026",
        starts=D(2026, 9, 25),
        languages="Việt, Anh, Lào",
        print_run=1500,
        distribution="Cơ quan đại diện, cửa khẩu, khách sạn",
    ),
    dict(
        kind="billboard",
        title="Cụm pa-nô cửa khẩu quốc tế Lao Bảo",
        starts=D(2026, 4, 20),
        place="Cửa khẩu quốc tế Lao Bảo",
        latitude="16.618700",
        longitude="106.589600",
        content="Quảng Trị – vùng đất của hòa bình và hữu nghị",
        installed_on=D(2026, 4, 20),
        maintained_on=D(2026, 10, 5),
        condition="good",
    ),
    dict(
        kind="billboard",
        title="Cụm pa-nô cửa khẩu La Lay",
        starts=D(2026, 5, 12),
        place="Cửa khẩu quốc tế La Lay",
        latitude="16.371200",
        longitude="107.001900",
        content="Chủ quyền biên giới – trách nhiệm của mỗi người dân",
        installed_on=D(2026, 5, 12),
        condition="worn",
    ),
    dict(
        kind="exhibition",
        title="Triển lãm ảnh “Quảng Trị – khát vọng hòa bình”",
        starts=D(2026, 12, 8),
        ends=D(2026, 12, 12),
        place="Quảng trường Đông Hà",
        participants=3000,
    ),
    dict(
        kind="award",
        title="Giải thưởng toàn quốc về thông tin đối ngoại lần thứ XII",
        starts=D(2026, 11, 16),
        organiser="Ban Tuyên giáo và Dân vận Trung ương",
        results="01 giải B, 01 giải Khuyến khích",
    ),
    dict(
        kind="cultural",
        title="Giao lưu văn hóa Việt – Lào tại Savannakhet",
        starts=D(2026, 10, 20),
        place="Savannakhet (Lào)",
        participants=250,
    ),
)


@transaction.atomic
def demo_activities_load() -> tuple[bool, int]:
    if Activity.objects.filter(title=FIRST).exists():
        return False, Activity.objects.count()
    officer = User.objects.get(username="canbo.ngoaivu")
    unit = Unit.objects.get(code="QT-SNGV")
    tasks = list(
        Task.objects.filter(assignments__unit=unit).distinct().order_by("plan", "order")[:2]
    )
    for data in ACTIVITIES:
        row = activity_create(actor=officer, unit=unit, **data)  # type: ignore[arg-type]
        if tasks and row.kind in ("training", "publication"):
            activity_attach_tasks(actor=officer, activity=row, tasks=tasks[:1])
    return True, len(ACTIVITIES)
