"""Task filters (unit with sub-units, role, section, due month, status), the mentions to map,
totals, and the stored plan read back in the schema JSON shape."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.plans.plan_data import BEFORE_ANY_DUE_DATE, KL57, parsed_plan, sha
from ttdn.core.errors import ValidationFailed
from ttdn.plans.models import Task
from ttdn.plans.selectors import (
    plan_mentions,
    plan_schema_json,
    plan_tasks,
    plan_totals,
    tasks_search,
)
from ttdn.plans.services import plan_import

pytestmark = BEFORE_ANY_DUE_DATE


@pytest.fixture
def plan(world):  # type: ignore[no-untyped-def]
    return plan_import(
        user=world.users["coordinator"],
        parsed=parsed_plan(references=(KL57,)),
        source_name="ke-hoach.docx",
        source_sha256=sha("ke-hoach"),
    )


def _refs(tasks) -> list[str]:  # type: ignore[no-untyped-def]
    return [task.ref for task in tasks]


def test_unit_filter_includes_sub_units_and_role_narrows(world, plan) -> None:  # type: ignore[no-untyped-def]
    # Sở Ngoại vụ leads II.1; its centre (a sub-unit) leads IV.1-1
    assert _refs(plan_tasks(plan=plan, unit=world.foreign_affairs)) == ["II.1", "IV.1-1"]
    assert _refs(plan_tasks(plan=plan, unit=world.fa_centre.pk)) == ["IV.1-1"]
    assert _refs(plan_tasks(plan=plan, unit=world.coordinating, role="lead")) == ["II.2"]
    assert _refs(plan_tasks(plan=plan, unit=world.coordinating, role="support")) == ["II.1"]
    assert _refs(plan_tasks(plan=plan, unit=world.police)) == ["II.2"]
    assert _refs(plan_tasks(plan=plan, role="support")) == ["II.1", "II.2"]


def test_section_month_and_status_filters(plan) -> None:  # type: ignore[no-untyped-def]
    assert _refs(plan_tasks(plan=plan, section="TỔ CHỨC THỰC HIỆN")) == ["IV.1-1"]
    assert _refs(plan_tasks(plan=plan, due_month="2026-06")) == ["II.1"]
    assert _refs(plan_tasks(plan=plan, due_month="12/2026")) == ["II.2"]
    assert _refs(plan_tasks(plan=plan, due_month=dt.date(2026, 9, 1))) == ["IV.1-1"]
    Task.objects.filter(plan=plan, ref="II.2").update(status="in_progress")
    assert _refs(plan_tasks(plan=plan, status="in_progress")) == ["II.2"]
    assert _refs(tasks_search(status="not_started")) == ["II.1", "IV.1-1"]


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ({"role": "boss"}, "Vai trò “boss” không hợp lệ (lead hoặc support)."),
        ({"status": "xong"}, "Trạng thái “xong” không hợp lệ."),
        ({"due_month": "13/2026"}, "Tháng “13/2026” không hợp lệ (dạng 2026-06 hoặc 06/2026)."),
    ],
)
def test_bad_filters_say_why(plan, filters, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationFailed) as caught:
        list(plan_tasks(plan=plan, **filters))
    assert caught.value.message == message


def test_task_list_query_count_is_flat(plan, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    with django_assert_num_queries(2):  # tasks, then their assignments with units
        tasks = list(plan_tasks(plan=plan))
        assert sum(len(t.assignments.all()) for t in tasks) == 7
        assert {a.unit.code for t in tasks for a in t.assignments.all() if a.unit} >= {"T-SNGV"}


def test_totals_and_mentions_to_map(plan) -> None:  # type: ignore[no-untyped-def]
    assert plan_totals(plan=plan) == {
        "tasks": 3,
        "budget_vnd": 200_000_000,
        "resolved": 5,
        "collective": 1,
        "ambiguous": 0,
        "unresolved": 1,
    }
    rows = plan_mentions(plan=plan)
    assert [(r.text, r.status, r.lead_count, r.support_count) for r in rows] == [
        ("Trung tâm Thông tin Không Có Thật", "unresolved", 0, 1)
    ]


def test_schema_json_reads_back_what_was_imported(plan) -> None:  # type: ignore[no-untyped-def]
    imported = parsed_plan(references=(KL57,)).to_json()
    stored = plan_schema_json(plan=plan)
    assert stored["document"] == imported["document"]
    assert stored["references"] == imported["references"]
    assert [{k: v for k, v in t.items() if k != "status"} for t in stored["tasks"]] == imported[
        "tasks"
    ]
    assert {t["status"] for t in stored["tasks"]} == {"not_started"}
    assert (stored["report_deadline"], stored["recipients"]) == (
        imported["report_deadline"],
        imported["recipients"],
    )
