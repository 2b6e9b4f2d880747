"""A tracked plan for the reporting tests: the shared province (tests/conftest.py), a plan of
four tasks (one quarterly) imported in January 2026, and the default periods."""

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
from ttdn.reporting.models import ReportingPeriod
from ttdn.reporting.services import periods_create_defaults

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
