"""The import draft behind the web flow: upload → fix tasks, map units → confirm."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.plans.plan_data import parsed_plan, sha, task
from ttdn.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from ttdn.plans import drafts, reading
from ttdn.plans.drafts import (
    plan_draft_confirm,
    plan_draft_create,
    plan_draft_drop_task,
    plan_draft_map_unit,
    plan_draft_merge_tasks,
    plan_draft_split_task,
    plan_draft_update_document,
    plan_draft_update_task,
)
from ttdn.plans.models import Plan, PlanDraft, TaskAssignment
from ttdn.plans.parsing import parse_text
from ttdn.plans.selectors import plan_draft_conflicts, plan_draft_mentions, plan_drafts_for_user
from ttdn.plans.services import plan_import
from ttdn.units.models import UnitAlias

TEXT = """UBND TỈNH QUẢNG TRỊ

Số: 21/KH-UBND

Quảng Trị, ngày 05 tháng 02 năm 2026

**KẾ HOẠCH**

**Thông tin đối ngoại về biên giới năm 2026**

Căn cứ Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của Chính phủ về quản lý hoạt động thông tin đối ngoại;

Thực hiện Kết luận số 57-KL/TW ngày 15/6/2023 của Bộ Chính trị;

**I. MỤC ĐÍCH, YÊU CẦU**

- Nâng cao hiệu quả thông tin đối ngoại ở khu vực biên giới.

**II. NHIỆM VỤ**

1. Tổ chức tọa đàm với các tỉnh bạn Lào về hợp tác biên giới.

- Đơn vị chủ trì: Sở Ngoại vụ.

- Đơn vị phối hợp: Ban Liên lạc Biên giới Không Có Thật.

- Thời gian thực hiện: Quý II/2026.

2. Sản xuất phóng sự về cửa khẩu quốc tế.

- Đơn vị chủ trì: Sở Văn hóa, Thể thao và Du lịch.

- Thời gian thực hiện: Quý III/2026.

- Kinh phí: 50.000.000 đồng.

3. Tập huấn kỹ năng phát ngôn cho cán bộ.

- Đơn vị chủ trì: Sở Văn hóa, Thể thao và Du lịch.

- Đơn vị phối hợp: Công an tỉnh.

- Thời gian thực hiện: Quý IV/2026.

Nơi nhận:

- Lưu: VT.
"""
STRANGER = "Ban Liên lạc Biên giới Không Có Thật"


@pytest.fixture
def coordinator(world):  # type: ignore[no-untyped-def]
    return world.users["coordinator"]


@pytest.fixture
def draft(coordinator) -> PlanDraft:  # type: ignore[no-untyped-def]
    return plan_draft_create(user=coordinator, data=TEXT.encode(), filename="bien-gioi.txt")


def _tasks(draft: PlanDraft) -> list[dict]:  # type: ignore[type-arg]
    draft.refresh_from_db()
    return draft.data["tasks"]


def test_create_parses_and_keeps_the_file_identity(draft, coordinator) -> None:  # type: ignore[no-untyped-def]
    expected = parse_text(TEXT, source="bien-gioi.txt", province="Quảng Trị").to_json()
    assert draft.data == expected
    assert (draft.source_name, draft.source_sha256, draft.uploaded_by) == (
        "bien-gioi.txt",
        sha(TEXT),
        coordinator,
    )
    assert draft.relations == {"72/2015/NĐ-CP": "based_on", "57-KL/TW": "implements"}
    assert [t["ref"] for t in draft.data["tasks"]] == ["II.1", "II.2", "II.3"]


def test_unreadable_upload_stores_nothing(coordinator) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationFailed) as caught:
        plan_draft_create(user=coordinator, data=b"", filename="rong.docx")
    assert "rong.docx" in caught.value.message
    assert caught.value.details["code"]
    assert PlanDraft.objects.count() == 0


def test_oversized_upload_is_refused_before_reading(coordinator, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(reading, "MAX_FILE_BYTES", 1000)
    monkeypatch.setattr(
        "ttdn.plans.parsing.readers.read_document", lambda *a: pytest.fail("must not read")
    )
    with pytest.raises(ValidationFailed) as caught:
        plan_draft_create(user=coordinator, data=b"x" * 1001, filename="lon.pdf")
    assert caught.value.message == "Tệp lon.pdf quá lớn (0.0 MB); giới hạn là 0 MB."
    assert PlanDraft.objects.count() == 0


def test_unit_officers_cannot_create_or_see_drafts(world, draft) -> None:  # type: ignore[no-untyped-def]
    officer = world.users["unit_officer"]
    with pytest.raises(PermissionDenied):
        plan_draft_create(user=officer, data=TEXT.encode(), filename="x.txt")
    with pytest.raises(PermissionDenied):
        plan_draft_drop_task(user=officer, draft=draft, index=0)
    assert list(plan_drafts_for_user(user=officer)) == []
    assert len(_tasks(draft)) == 3


def test_update_task_fields(draft, coordinator) -> None:  # type: ignore[no-untyped-def]
    plan_draft_update_task(
        user=coordinator,
        draft=draft,
        index=1,
        changes={
            "text": "Sản xuất hai phóng sự về cửa khẩu quốc tế Lao Bảo.",
            "lead": "Sở Văn hóa, Thể thao và Du lịch; Sở Ngoại vụ",
            "support": ["Công an tỉnh", " ", "Công an tỉnh"],
            "due": "30/09/2026",
            "timeline": "Quý III/2026",
            "budget_vnd": "60.000.000",
        },
    )
    changed = _tasks(draft)[1]
    assert {k: changed[k] for k in ("text", "lead", "support", "due", "budget_vnd")} == {
        "text": "Sản xuất hai phóng sự về cửa khẩu quốc tế Lao Bảo.",
        "lead": ["Sở Văn hóa, Thể thao và Du lịch", "Sở Ngoại vụ"],
        "support": ["Công an tỉnh"],
        "due": "2026-09-30",
        "budget_vnd": 60_000_000,
    }
    assert len(draft.data["_extra"]["tasks"]) == 3


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"ref": "II.9"}, "Không sửa được trường: ref."),
        ({"due": "31/02/2026"}, "Ngày “31/02/2026” không hợp lệ (dạng dd/mm/yyyy)."),
        (
            {"budget_vnd": "năm chục triệu"},
            "Kinh phí “năm chục triệu” không hợp lệ (số đồng, ví dụ 100.000.000).",
        ),
        ({"text": "  "}, "Nhiệm vụ II.2: nội dung nhiệm vụ đang để trống."),
        ({"recurrence": "daily"}, "Định kỳ “daily” không hợp lệ."),
    ],
)
def test_bad_task_changes_are_refused(draft, coordinator, changes, message) -> None:  # type: ignore[no-untyped-def]
    before = _tasks(draft)
    with pytest.raises(ValidationFailed) as caught:
        plan_draft_update_task(user=coordinator, draft=draft, index=1, changes=changes)
    assert caught.value.message == message
    assert _tasks(draft) == before


def test_merge_split_and_drop(draft, coordinator) -> None:  # type: ignore[no-untyped-def]
    plan_draft_update_task(user=coordinator, draft=draft, index=0, changes={"budget_vnd": 10})
    plan_draft_merge_tasks(user=coordinator, draft=draft, indexes=[1, 0])
    tasks = _tasks(draft)
    assert len(tasks) == 2
    merged = tasks[0]
    assert merged["text"].startswith("Tổ chức tọa đàm") and "Sản xuất phóng sự" in merged["text"]
    assert merged["lead"] == ["Sở Ngoại vụ", "Sở Văn hóa, Thể thao và Du lịch"]
    assert (merged["due"], merged["budget_vnd"]) == ("2026-09-30", 50_000_010)
    plan_draft_split_task(
        user=coordinator, draft=draft, index=0, texts=["Phần một.", "", "Phần hai."]
    )
    tasks = _tasks(draft)
    assert [t["text"] for t in tasks[:2]] == ["Phần một.", "Phần hai."]
    assert [t["budget_vnd"] for t in tasks[:2]] == [50_000_010, None]  # not counted twice
    assert tasks[1]["lead"] == merged["lead"]
    plan_draft_drop_task(user=coordinator, draft=draft, index=2)
    assert [t["text"] for t in _tasks(draft)] == ["Phần một.", "Phần hai."]
    assert len(draft.data["_extra"]["tasks"]) == 2
    with pytest.raises(ValidationFailed) as caught:
        plan_draft_merge_tasks(user=coordinator, draft=draft, indexes=[1, 1])
    assert caught.value.message == "Chọn ít nhất hai nhiệm vụ để gộp."
    with pytest.raises(ValidationFailed) as caught:
        plan_draft_split_task(user=coordinator, draft=draft, index=0, texts=["Một mình."])
    assert caught.value.message == "Cần ít nhất hai đoạn nội dung để tách nhiệm vụ."
    with pytest.raises(NotFound) as caught:
        plan_draft_drop_task(user=coordinator, draft=draft, index=2)
    assert caught.value.message == "Bản nháp không có nhiệm vụ thứ 3."


def test_document_header_can_be_fixed(draft, coordinator) -> None:  # type: ignore[no-untyped-def]
    plan_draft_update_document(
        user=coordinator,
        draft=draft,
        changes={"number": "22/KH-UBND", "date": "06/02/2026", "year": "2026"},
    )
    draft.refresh_from_db()
    assert (draft.data["document"]["number"], draft.data["document"]["date"]) == (
        "22/KH-UBND",
        "2026-02-06",
    )
    with pytest.raises(ValidationFailed) as caught:
        plan_draft_update_document(user=coordinator, draft=draft, changes={"year": "20266"})
    assert caught.value.message == "Năm kế hoạch “20266” không hợp lệ."


def test_map_then_confirm_imports_and_remembers_the_name(world, draft, coordinator) -> None:  # type: ignore[no-untyped-def]
    before = {row.text: (row.status, row.unit) for row in plan_draft_mentions(draft=draft)}
    assert before[STRANGER] == ("unresolved", None)
    assert before["Sở Ngoại vụ"] == ("resolved", world.foreign_affairs)
    with pytest.raises(NotFound) as caught:
        plan_draft_map_unit(user=coordinator, draft=draft, printed="Sở Tư pháp", unit=world.police)
    assert caught.value.message == "Bản nháp không có đơn vị nào ghi là “Sở Tư pháp”."
    plan_draft_map_unit(user=coordinator, draft=draft, printed=STRANGER, unit=world.police)
    after = {row.text: (row.status, row.unit) for row in plan_draft_mentions(draft=draft)}
    assert after[STRANGER] == ("resolved", world.police)
    assert not UnitAlias.objects.filter(text=STRANGER).exists()  # saved on confirmation only
    plan = plan_draft_confirm(user=coordinator, draft=draft)
    assert PlanDraft.objects.count() == 0
    assert plan.document.number == "21/KH-UBND"
    assert sorted(plan.document.cites.values_list("to_document__number", "relation")) == [
        ("57-KL/TW", "implements"),
        ("72/2015/NĐ-CP", "based_on"),
    ]
    assert TaskAssignment.objects.get(text=STRANGER).unit == world.police
    assert UnitAlias.objects.get(text=STRANGER).unit == world.police


def test_confirm_conflict_keeps_the_draft(world, draft, coordinator) -> None:  # type: ignore[no-untyped-def]
    plan_import(
        user=coordinator,
        parsed=parsed_plan(
            number="21/KH-UBND", date=dt.date(2026, 2, 5), tasks=(task("1", "Việc cũ."),)
        ),
        source_name="cu.docx",
        source_sha256=sha("cu"),
    )
    assert [p.source_name for p in plan_draft_conflicts(draft=draft)] == ["cu.docx"]
    with pytest.raises(Conflict) as caught:
        plan_draft_confirm(user=coordinator, draft=draft)
    assert caught.value.message.startswith(
        "Kế hoạch số 21/KH-UBND đã được nhập: “Công tác thông tin đối ngoại"
    )
    assert PlanDraft.objects.count() == 1
    plan = plan_draft_confirm(user=coordinator, draft=draft, replace=True)
    assert list(Plan.objects.values_list("pk", flat=True)) == [plan.pk]
    assert plan.tasks.count() == 3


def test_parse_day_and_budget_forms() -> None:
    assert drafts.parse_day("2026-06-30") == dt.date(2026, 6, 30)
    assert drafts.parse_day("5/6/2026") == dt.date(2026, 6, 5)
    assert drafts.parse_day("") is None
    assert drafts.parse_budget("1.500.000.000 đ") == 1_500_000_000
    assert drafts.parse_budget(None) is None
