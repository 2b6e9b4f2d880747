"""Builders of ParsedPlan values for the plan tests (the parser's output, written by hand)."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from ttdn.plans.parsing import DocumentInfo, ParsedPlan, Reference, Task

# A day in the plan year before any of these plans' tasks falls due, so an import's statuses
# do not depend on the day the suite runs (`pytestmark = BEFORE_ANY_DUE_DATE`).
BEFORE_ANY_DUE_DATE = pytest.mark.time_machine(
    dt.datetime(2026, 1, 25, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")), tick=False
)

DEMO_PLAN = Path(__file__).resolve().parents[2] / "src/ttdn/plans/fixtures/demo_plan.txt"


def sha(label: str) -> str:
    return hashlib.sha256(label.encode("utf-8")).hexdigest()


def task(
    ref: str,
    text: str,
    *,
    lead: tuple[str, ...] = (),
    support: tuple[str, ...] = (),
    section: str = "NHIỆM VỤ TRỌNG TÂM",
    timeline: str | None = None,
    due: dt.date | None = None,
    budget: int | None = None,
    outputs: tuple[str, ...] = (),
) -> Task:
    return Task(
        ref=ref,
        section=section,
        text=text,
        lead=lead,
        support=support,
        timeline=timeline,
        due=due,
        budget_vnd=budget,
        outputs=outputs,
    )


def parsed_plan(
    *,
    number: str | None = "15/KH-UBND",
    date: dt.date | None = dt.date(2026, 1, 20),
    issuer: str = "UBND tỉnh Quảng Trị",
    title: str = "Công tác thông tin đối ngoại tỉnh Quảng Trị năm 2026",
    year: int | None = 2026,
    tasks: tuple[Task, ...] | None = None,
    references: tuple[Reference, ...] = (),
    report_deadline: dt.date | None = dt.date(2026, 11, 15),
) -> ParsedPlan:
    return ParsedPlan(
        source="ke-hoach.docx",
        document=DocumentInfo(
            number=number,
            kind="Kế hoạch",
            issuer=issuer,
            place="Quảng Trị",
            date=date,
            year=year,
            title=title,
            signer="Trần Minh Khoa",
            signer_title="Phó Chủ tịch",
        ),
        references=references,
        tasks=tasks if tasks is not None else default_tasks(),
        report_deadline=report_deadline,
        recipients=("Bộ Văn hóa, Thể thao và Du lịch", "Lưu: VT, KGVX"),
    )


def default_tasks() -> tuple[Task, ...]:
    return (
        task(
            "II.1",
            "Xuất bản bản tin đối ngoại song ngữ hằng quý.",
            lead=("Sở Ngoại vụ",),
            support=("Sở Văn hóa, Thể thao và Du lịch", "các sở, ban, ngành"),
            timeline="Quý II/2026",
            due=dt.date(2026, 6, 30),
            budget=120_000_000,
            outputs=("04 số bản tin",),
        ),
        task(
            "II.2",
            "Theo dõi dư luận báo chí nước ngoài về tỉnh.",
            lead=("Sở Văn hóa, Thể thao và Du lịch",),
            support=("Công an tỉnh", "Trung tâm Thông tin Không Có Thật"),
            timeline="Thường xuyên",
            due=dt.date(2026, 12, 31),
        ),
        task(
            "IV.1-1",
            "Đón tiếp phóng viên nước ngoài, hướng dẫn thủ tục.",
            section="TỔ CHỨC THỰC HIỆN",
            lead=("Trung tâm Dịch vụ đối ngoại",),
            timeline="Quý III/2026",
            due=dt.date(2026, 9, 30),
            budget=80_000_000,
        ),
    )


KL57 = Reference("57-KL/TW", "Kết luận", dt.date(2023, 6, 15), "Bộ Chính trị")
ND72 = Reference("72/2015/NĐ-CP", "Nghị định", dt.date(2015, 9, 7), "Chính phủ")
