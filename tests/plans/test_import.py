"""plan_import: all or nothing, unit resolution in the plan's province, conflicts and
replacement, officer mappings reused by the next import, permission."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import UnitFactory
from tests.plans.plan_data import BEFORE_ANY_DUE_DATE, KL57, ND72, parsed_plan, sha, task
from ttdn.core.errors import Conflict, PermissionDenied, ValidationFailed
from ttdn.documents.models import Citation, Document
from ttdn.plans import services
from ttdn.plans.models import Plan, PlanDraft, Task, TaskAssignment
from ttdn.plans.services import plan_import, plan_map_unit
from ttdn.units.models import AliasSource, Role, UnitAlias, UnitKind

pytestmark = BEFORE_ANY_DUE_DATE


def _stored() -> tuple[int, ...]:
    return (
        Plan.objects.count(),
        Task.objects.count(),
        TaskAssignment.objects.count(),
        Document.objects.count(),
        Citation.objects.count(),
        UnitAlias.objects.count(),
        PlanDraft.objects.count(),
    )


def _import(world, parsed=None, label="ke-hoach", **kwargs):  # type: ignore[no-untyped-def]
    return plan_import(
        user=kwargs.pop("user", world.users["coordinator"]),
        parsed=parsed or parsed_plan(references=(KL57, ND72)),
        source_name=f"{label}.docx",
        source_sha256=sha(label),
        **kwargs,
    )


def test_import_stores_plan_document_tasks_and_assignments(world) -> None:  # type: ignore[no-untyped-def]
    plan = _import(world, relations={"72/2015/NĐ-CP": "based_on"})
    assert (plan.title, plan.year, plan.province, plan.report_deadline) == (
        "Công tác thông tin đối ngoại tỉnh Quảng Trị năm 2026",
        2026,
        "Quảng Trị",
        dt.date(2026, 11, 15),
    )
    assert plan.issuer_unit.code == "T-UBND"
    assert plan.imported_by == world.users["coordinator"]
    assert (plan.document.number, plan.document.kind, plan.document.date, plan.document.year) == (
        "15/KH-UBND",
        "Kế hoạch",
        dt.date(2026, 1, 20),
        2026,
    )
    assert sorted(
        Citation.objects.filter(from_document=plan.document).values_list(
            "to_document__number", "relation"
        )
    ) == [("57-KL/TW", "implements"), ("72/2015/NĐ-CP", "based_on")]
    tasks = list(plan.tasks.order_by("order"))
    assert [(t.order, t.ref, t.section, t.due, t.budget_vnd, t.status) for t in tasks] == [
        (1, "II.1", "NHIỆM VỤ TRỌNG TÂM", dt.date(2026, 6, 30), 120_000_000, "not_started"),
        (2, "II.2", "NHIỆM VỤ TRỌNG TÂM", dt.date(2026, 12, 31), None, "not_started"),
        (3, "IV.1-1", "TỔ CHỨC THỰC HIỆN", dt.date(2026, 9, 30), 80_000_000, "not_started"),
    ]
    assert tasks[0].outputs == ["04 số bản tin"]
    rows = TaskAssignment.objects.filter(task__plan=plan).order_by("task__order", "role", "pk")
    assert [(a.task.ref, a.role, a.text, a.unit and a.unit.code, a.resolution) for a in rows] == [
        ("II.1", "lead", "Sở Ngoại vụ", "T-SNGV", "resolved"),
        ("II.1", "support", "Sở Văn hóa, Thể thao và Du lịch", "T-SVHTTDL", "resolved"),
        ("II.1", "support", "các sở, ban, ngành", None, "collective"),
        ("II.2", "lead", "Sở Văn hóa, Thể thao và Du lịch", "T-SVHTTDL", "resolved"),
        ("II.2", "support", "Công an tỉnh", "T-CA", "resolved"),
        ("II.2", "support", "Trung tâm Thông tin Không Có Thật", None, "unresolved"),
        ("IV.1-1", "lead", "Trung tâm Dịch vụ đối ngoại", "T-SNGV-TT", "resolved"),
    ]
    assert plan.history.first().history_user == world.users["coordinator"]
    assert Task.history.filter(history_user=world.users["coordinator"]).count() == 3


def test_failure_mid_import_leaves_nothing(world, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    before = _stored()

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("mất kết nối giữa chừng")

    # the plan, its document, citations and tasks are written before the assignments fail
    original = services.bulk_create_with_history
    monkeypatch.setattr(
        services,
        "bulk_create_with_history",
        lambda objs, model, **kw: (
            broken() if model is TaskAssignment else original(objs, model, **kw)
        ),
    )
    with pytest.raises(RuntimeError):
        _import(world, mappings={"Trung tâm Thông tin Không Có Thật": world.police.pk})
    assert _stored() == before


def test_same_file_again_is_a_conflict_naming_the_plan(world) -> None:  # type: ignore[no-untyped-def]
    first = _import(world)
    before = _stored()
    named = (
        f"“Công tác thông tin đối ngoại tỉnh Quảng Trị năm 2026” (tệp ke-hoach.docx, "
        f"ngày {timezone.localdate(first.imported_at):%d/%m/%Y} bởi {world.users['coordinator']}). "
        "Chọn “thay thế” để nhập lại và thay kế hoạch cũ."
    )
    with pytest.raises(Conflict) as caught:
        _import(world, parsed_plan(number="99/KH-UBND"))  # same file (same sha256)
    assert caught.value.message == f"Tệp này đã được nhập: {named}"
    with pytest.raises(Conflict) as caught:
        _import(world, label="ban-sua")  # another file, the same plan number
    assert caught.value.message == f"Kế hoạch số 15/KH-UBND đã được nhập: {named}"
    assert _stored() == before


def test_same_number_another_year_is_another_plan(world) -> None:  # type: ignore[no-untyped-def]
    _import(world)
    _import(world, parsed_plan(date=dt.date(2027, 1, 12), year=2027), label="nam-sau")
    assert Plan.objects.count() == 2
    assert Document.objects.filter(number_key="15/KH-UBND").count() == 2


def test_replace_swaps_the_plan_in_one_transaction(world) -> None:  # type: ignore[no-untyped-def]
    old = _import(world, relations={"72/2015/NĐ-CP": "based_on"})
    old_task_ids = set(old.tasks.values_list("pk", flat=True))
    revised = parsed_plan(
        references=(KL57,),
        tasks=(task("II.1", "Nhiệm vụ đã sửa.", lead=("Sở Ngoại vụ",), budget=5_000_000),),
    )
    new = _import(world, revised, label="ban-sua", replace=True)
    assert Plan.objects.get().pk == new.pk
    assert new.document.pk == old.document.pk  # the document is kept and updated
    assert not Task.objects.filter(pk__in=old_task_ids).exists()
    assert list(new.tasks.values_list("text", flat=True)) == ["Nhiệm vụ đã sửa."]
    assert list(
        Citation.objects.filter(from_document=new.document).values_list(
            "to_document__number", flat=True
        )
    ) == ["57-KL/TW"]
    deleted = Plan.history.filter(history_type="-").get()
    assert deleted.history_user == world.users["coordinator"]


def test_officer_mapping_is_saved_and_reused_by_the_next_import(world) -> None:  # type: ignore[no-untyped-def]
    printed = "Trung tâm Thông tin Không Có Thật"
    _import(world, mappings={printed: world.fa_centre.pk})
    alias = UnitAlias.objects.get(text=printed)
    assert (alias.unit, alias.source) == (world.fa_centre, AliasSource.OFFICER)
    assert TaskAssignment.objects.get(text=printed).unit == world.fa_centre
    later = parsed_plan(
        number="40/KH-UBND",
        tasks=(
            task(
                "1", "Việc khác.", lead=(printed,), support=("trung tam thong tin khong co that",)
            ),
        ),
    )
    plan = _import(world, later, label="ke-hoach-khac")
    assert [(a.unit, a.resolution) for a in TaskAssignment.objects.filter(task__plan=plan)] == [
        (world.fa_centre, "resolved"),
        (world.fa_centre, "resolved"),
    ]
    assert UnitAlias.objects.filter(text=printed).count() == 1


def test_map_after_import_resolves_every_mention_and_remembers(world) -> None:  # type: ignore[no-untyped-def]
    plan = _import(world)
    printed = "Trung tâm Thông tin Không Có Thật"
    assert (
        plan_map_unit(
            user=world.users["coordinator"], plan=plan, printed=printed.upper(), unit=world.police
        )
        == 1
    )
    assignment = TaskAssignment.objects.get(text=printed)
    assert (assignment.unit, assignment.resolution, assignment.candidates) == (
        world.police,
        "resolved",
        [],
    )
    assert UnitAlias.objects.get(unit=world.police).text == printed
    with pytest.raises(PermissionDenied):
        plan_map_unit(
            user=world.users["unit_officer"], plan=plan, printed="Sở Ngoại vụ", unit=world.police
        )
    assert TaskAssignment.objects.get(text="Sở Ngoại vụ").unit == world.foreign_affairs


@pytest.mark.parametrize(
    "role", [Role.UNIT_OFFICER, Role.UNIT_LEADER, Role.CONTENT_EDITOR, Role.VIEWER]
)
def test_only_coordinators_and_admins_import(world, role) -> None:  # type: ignore[no-untyped-def]
    before = _stored()
    with pytest.raises(PermissionDenied) as caught:
        _import(world, user=world.users[role])
    assert caught.value.message == "Bạn không có quyền thực hiện thao tác này."
    assert _stored() == before
    assert _import(world, user=world.users[Role.ADMIN]).imported_by == world.users[Role.ADMIN]


def test_invalid_plans_are_refused_with_every_problem(world) -> None:  # type: ignore[no-untyped-def]
    bad = parsed_plan(
        tasks=(
            task("II.1", "  ", lead=("Sở Ngoại vụ",)),
            task("II.2", "Việc có kinh phí âm.", budget=-5),
            task("x" * 60, "Mục quá dài."),
        )
    )
    with pytest.raises(ValidationFailed) as caught:
        _import(world, bad)
    assert caught.value.message == (
        "Không nhập được kế hoạch:\n"
        "- Nhiệm vụ II.1: nội dung nhiệm vụ đang để trống.\n"
        "- Nhiệm vụ II.2: kinh phí “-5” không hợp lệ (số đồng, không âm).\n"
        f"- Nhiệm vụ {'x' * 60}: mục dài quá 50 ký tự."
    )
    with pytest.raises(ValidationFailed) as caught:
        _import(world, parsed_plan(tasks=()))
    assert caught.value.message == "Không nhập được kế hoạch:\n- Kế hoạch không có nhiệm vụ nào."
    with pytest.raises(ValidationFailed) as caught:
        _import(world, mappings={"Sở Ngoại vụ": 999_999})
    assert caught.value.message == "Không tìm thấy đơn vị đã chọn cho: “Sở Ngoại vụ”."
    assert _stored()[:2] == (0, 0)


def test_mentions_resolve_in_the_issuing_province_and_level(world) -> None:  # type: ignore[no-untyped-def]
    city = UnitFactory(
        code="T-DONGHA",
        name="Ủy ban nhân dân thành phố Đông Hà",
        kind=UnitKind.UBND,
        parent=world.police.parent,
    )
    other_province = UnitFactory(code="QB-SNGV", name="Sở Ngoại vụ", province="Quảng Bình")
    UnitFactory(
        code="QB-UBND",
        name="Ủy ban nhân dân tỉnh Quảng Bình",
        kind=UnitKind.UBND,
        province="Quảng Bình",
    )
    city_plan = parsed_plan(
        number="30/KH-UBND",
        issuer="UBND thành phố Đông Hà",
        tasks=(task("1", "Báo cáo UBND tỉnh.", lead=("UBND thành phố",), support=("UBND tỉnh",)),),
    )
    plan = _import(world, city_plan, label="dong-ha")
    assert plan.issuer_unit == city
    assert [
        a.unit.code for a in TaskAssignment.objects.filter(task__plan=plan).order_by("role")
    ] == [
        "T-DONGHA",
        "T-UBND",
    ]
    old_plan = parsed_plan(
        number="197/KH-UBND",
        date=dt.date(2023, 12, 27),
        year=2023,
        issuer="UBND tỉnh Quảng Bình",
        tasks=(task("1", "Việc của Sở Ngoại vụ.", lead=("Sở Ngoại vụ",)),),
    )
    plan = _import(world, old_plan, label="quang-binh")
    assert plan.province == "Quảng Bình"
    assert TaskAssignment.objects.get(task__plan=plan).unit == other_province
    # a province with no registered unit: its "Sở Ngoại vụ" is not the home province's
    elsewhere = dataclasses.replace(
        old_plan,
        document=dataclasses.replace(
            old_plan.document, number="5/KH-UBND", issuer="UBND tỉnh Thừa Thiên Huế"
        ),
    )
    plan = _import(world, elsewhere, label="hue")
    assert plan.province == "Thừa Thiên Huế"
    assignment = TaskAssignment.objects.get(task__plan=plan)
    assert (assignment.unit, assignment.resolution) == (None, "ambiguous")
    assert assignment.candidates == ["QB-SNGV", "T-SNGV"]  # listed for the officer to choose
