"""A tracked plan for the reporting tests: the shared province (tests/conftest.py), a plan of
four tasks (one quarterly) imported in January 2026, and the default periods; `built`: that
plan's year 2026 with updates and a sent unit report, for the compiled reports."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.conftest import World
from tests.plans.plan_data import default_tasks, parsed_plan, sha, task
from ttdn.plans.models import Plan, WorkItem
from ttdn.plans.services import plan_import
from ttdn.reporting.models import Indicator, ReportingPeriod
from ttdn.reporting.services import (
    periods_create_defaults,
    report_open,
    report_save,
    report_transition,
    task_update_save,
)

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(year: int, month: int, day: int, hour: int = 9) -> dt.datetime:
    return dt.datetime(year, month, day, hour, 0, tzinfo=VN)


@dataclass
class Tracked:
    world: World
    plan: Plan
    periods: dict[str, ReportingPeriod]

    def item(self, ref: str, unit_code: str, seq: int = 1) -> WorkItem:
        return WorkItem.objects.select_related("occurrence__task", "unit").get(
            occurrence__task__plan=self.plan,
            occurrence__task__ref=ref,
            occurrence__seq=seq,
            unit__code=unit_code,
        )


@pytest.fixture
def tracked(world: World) -> Tracked:
    bulletin = dataclasses.replace(
        task(
            "II.3",
            "Phát hành bản tin đối ngoại hằng quý.",
            lead=("Sở Ngoại vụ",),
            support=("Công an tỉnh Quảng Trị",),
            timeline="Hằng quý",
            due=dt.date(2026, 12, 31),
        ),
        recurrence="quarterly",
    )
    with time_machine.travel(at(2026, 1, 25), tick=False):
        plan = plan_import(
            user=world.users["coordinator"],
            parsed=parsed_plan(tasks=(*default_tasks(), bulletin)),
            source_name="ke-hoach.docx",
            source_sha256=sha("ke-hoach-theo-doi"),
        )
        periods = periods_create_defaults(user=world.users["coordinator"], plan=plan)
    return Tracked(world, plan, {p.name: p for p in periods})


TODAY = dt.date(2026, 11, 22)
YEAR = "Năm 2026"


@dataclass
class Built:
    tracked: Tracked
    period: ReportingPeriod


def _save(tracked: Tracked, user: str, ref: str, unit: str, **kw: object) -> None:
    item = tracked.item(ref, unit, seq=int(kw.pop("seq", 1)))  # type: ignore[call-overload]
    task_update_save(
        user=tracked.world.users[user],
        item=item,
        period=tracked.periods[YEAR],
        version=0,
        **{"narrative": "", "progress": 50, **kw},  # type: ignore[arg-type]
    )


@pytest.fixture
def built(tracked: Tracked) -> Built:
    """The year 2026 as of 22/11: II.1 done on time by both units (news 14 + 6, training 2),
    II.3's first quarter done, the rest open; Sở Ngoại vụ sent its report with a proposal."""
    news = Indicator.objects.get(code="tin-bai").pk
    classes = Indicator.objects.get(code="lop-tap-huan").pk
    with time_machine.travel(at(2026, 5, 10), tick=False):
        _save(
            tracked,
            "unit_officer",
            "II.1",
            "T-SNGV",
            status="done",
            spent_vnd=12_500_000,
            narrative="Đã phát hành 02 số bản tin song ngữ.",
            values={news: 14, classes: 2},
        )
        _save(
            tracked,
            "coordinator",
            "II.1",
            "T-SVHTTDL",
            status="done",
            spent_vnd=3_000_000,
            narrative="Cung cấp 06 tin, bài cho bản tin.",
            values={news: 6},
        )
    with time_machine.travel(at(2026, 3, 20), tick=False):
        _save(
            tracked,
            "unit_officer",
            "II.3",
            "T-SNGV",
            status="done",
            narrative="Bản tin quý I đã phát hành.",
        )
    officer, leader = tracked.world.users["unit_officer"], tracked.world.users["unit_leader"]
    period = tracked.periods[YEAR]
    with time_machine.travel(at(2026, 11, 10), tick=False):
        report = report_open(user=officer, period=period, unit=tracked.world.foreign_affairs)
        report = report_save(
            user=officer,
            report=report,
            summary="Hoàn thành phần lớn nhiệm vụ.",
            difficulties="Thiếu biên dịch viên tiếng Anh.",
            proposals="Đề nghị bổ sung kinh phí biên dịch.",
            version=report.version,
        )
        report = report_transition(user=leader, report=report, action="approve")
        report_transition(user=officer, report=report, action="submit")
    return Built(tracked, period)
