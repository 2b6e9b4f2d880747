"""Shared fixtures of the plan tests: `plan`, a 2026 plan whose tasks are in every state the
next year's draft tells apart (recurring done, in progress, done, cancelled, not started)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from tests.plans.plan_data import parsed_plan, sha, task
from ttdn.plans.models import Plan, Task, TaskStatus
from ttdn.plans.parsing import Reference
from ttdn.plans.parsing.model import Section
from ttdn.plans.services import plan_import

VHTTDL = "Sở Văn hóa, Thể thao và Du lịch"


def _source_tasks() -> tuple:  # type: ignore[type-arg]
    return (
        replace(
            task(
                "II.1.a",
                "Biên tập bản tin đối ngoại song ngữ năm 2026, phát hành hằng quý.",
                lead=("Sở Ngoại vụ",),
                support=(VHTTDL, "các sở, ban, ngành"),
                timeline="Hằng quý",
                due=dt.date(2026, 12, 31),
                budget=120_000_000,
                outputs=("04 số bản tin", "Bản điện tử trên cổng thông tin"),
            ),
            recurrence="quarterly",
        ),
        task(
            "II.1.b",
            "Tổ chức hội nghị báo chí về Kế hoạch số 15/KH-UBND ngày 20/01/2026, báo cáo kết "
            "quả trong tháng 12/2026.",
            lead=(VHTTDL,),
            support=("Công an tỉnh Quảng Trị",),
            timeline="Quý II/2026",
            due=dt.date(2026, 6, 30),
            budget=80_000_000,
        ),
        task("II.2.a", "In sách ảnh giới thiệu tỉnh.", lead=(VHTTDL,), timeline="Quý III/2026"),
        task("II.2.b", "Tổ chức triển lãm ảnh ở nước ngoài.", lead=("Sở Ngoại vụ",)),
        task(
            "IV.1-1",
            "Hướng dẫn thủ tục cho phóng viên nước ngoài đến tỉnh.",
            section="TỔ CHỨC THỰC HIỆN",
            lead=("Sở Ngoại vụ",),
            support=("Trung tâm Dịch vụ đối ngoại",),
            timeline="trước ngày 15/11/2026",
            due=dt.date(2026, 11, 15),
        ),
    )


SECTIONS = (
    Section(
        "II",
        "II",
        "NHIỆM VỤ TRỌNG TÂM",
        30,
        (
            Section("II.1", "1", "Thông tin đối ngoại về tỉnh năm 2026", 31),
            Section("II.2", "2", "Ấn phẩm và triển lãm", 40),
        ),
    ),
    Section("IV", "IV", "TỔ CHỨC THỰC HIỆN", 60, (Section("IV.1", "1", "Sở Ngoại vụ", 61),)),
)


@pytest.fixture
def plan(world) -> Plan:  # type: ignore[no-untyped-def]
    """A 2026 plan of five tasks: a recurring one already done this year, one in progress,
    one done, one cancelled, one per-unit task not started."""
    parsed = replace(
        parsed_plan(tasks=_source_tasks(), references=(Reference("57-KL/TW", "Kết luận"),)),
        sections=SECTIONS,
    )
    stored = plan_import(
        user=None, parsed=parsed, source_name="kh-2026.docx", source_sha256=sha("kh-2026")
    )
    statuses = [
        TaskStatus.DONE,
        TaskStatus.IN_PROGRESS,
        TaskStatus.DONE,
        TaskStatus.CANCELLED,
        TaskStatus.NOT_STARTED,
    ]
    tasks = Task.objects.filter(plan=stored).order_by("order")
    for pk, status in zip(tasks.values_list("pk", flat=True), statuses, strict=True):
        Task.objects.filter(pk=pk).update(status=status)
    return Plan.objects.select_related("document", "issuer_unit").get(pk=stored.pk)
