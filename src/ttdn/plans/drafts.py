"""Writes to an import draft (the web flow: upload → preview and fix → confirm).

The draft holds the parser's JSON; each service reads it back as a ParsedPlan, changes it and
stores it again, so the JSON keeps the schema (and its `_extra` per-task lines) in step.
Tasks are addressed by their 0-based position in the draft. Every function is keyword-only,
checks `plans.import_plan`, runs in one transaction and is audited.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import re
from typing import Any

from django.db import transaction

from ttdn.core.errors import NotFound, ValidationFailed
from ttdn.plans.models import Plan, PlanDraft
from ttdn.plans.next_year import next_year_draft
from ttdn.plans.parsing import ParsedPlan
from ttdn.plans.parsing import Task as ParsedTask
from ttdn.plans.parsing.model import RECURRENCES
from ttdn.plans.reading import plan_read
from ttdn.plans.services import plan_import
from ttdn.plans.validation import task_problems
from ttdn.text.normalize import fold, nfc
from ttdn.units.models import Unit
from ttdn.units.services import require_perm, save_audited

TASK_FIELDS = ("text", "lead", "support", "timeline", "due", "budget_vnd", "outputs", "recurrence")
DOCUMENT_FIELDS = ("number", "kind", "issuer", "date", "year", "title")
_DMY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")


@transaction.atomic
def plan_draft_create(*, user: Any, data: bytes, filename: str) -> PlanDraft:
    """Parse an uploaded file into a draft; a file that is not a readable plan stores nothing."""
    require_perm(user, "plans.import_plan")
    reading = plan_read(data=data, filename=filename)
    draft = PlanDraft(
        uploaded_by=user,
        source_name=reading.source_name[:255],
        source_sha256=reading.source_sha256,
        data=reading.parsed.to_json(),
        relations=reading.relations,
    )
    save_audited(draft, user)
    return draft


@transaction.atomic
def plan_draft_next_year(*, user: Any, plan: Plan) -> PlanDraft:
    """Next year's plan as a draft under review (`next_year.next_year_draft`): the officer fixes
    tasks, units and dates on the draft page, downloads it as a KẾ HOẠCH .docx for signing, and
    may confirm it into the register like an uploaded plan."""
    require_perm(user, "plans.import_plan")
    parsed = next_year_draft(plan=plan)
    data = parsed.to_json()
    year = parsed.document.year
    cited = plan.document.number or plan.title
    draft = PlanDraft(
        uploaded_by=user,
        source_name=f"Dự thảo kế hoạch năm {year} (từ {cited})"[:255],
        source_sha256=hashlib.sha256(
            json.dumps(data, ensure_ascii=False, sort_keys=True, default=str).encode()
        ).hexdigest(),
        data=data,
        # The draft's lead-in cites this year's plan as "Căn cứ …", as the parser reads it back.
        relations={ref.number: "based_on" for ref in parsed.references},
    )
    save_audited(draft, user)
    return draft


@transaction.atomic
def plan_draft_update_task(
    *, user: Any, draft: PlanDraft, index: int, changes: dict[str, Any]
) -> PlanDraft:
    """Fix one task: text, lead, support, timeline, due, budget_vnd, outputs, recurrence."""
    require_perm(user, "plans.import_plan")
    _editable(changes, TASK_FIELDS)
    parsed = _parsed(draft)
    tasks = list(parsed.tasks)
    task = dataclasses.replace(
        tasks[_index(tasks, index)], **{k: _value(k, v) for k, v in changes.items()}
    )
    problems = task_problems(task)
    if problems:
        raise ValidationFailed(f"Nhiệm vụ {task.ref or index + 1}: " + " ".join(problems))
    tasks[index] = task
    return _save(user, draft, parsed.with_tasks(tuple(tasks)))


@transaction.atomic
def plan_draft_update_document(
    *, user: Any, draft: PlanDraft, changes: dict[str, Any]
) -> PlanDraft:
    """Fix the plan's own header: number, kind, issuer, date, year, title."""
    require_perm(user, "plans.import_plan")
    _editable(changes, DOCUMENT_FIELDS)
    parsed = _parsed(draft)
    values = {k: _document_value(k, v) for k, v in changes.items()}
    return _save(
        user,
        draft,
        dataclasses.replace(parsed, document=dataclasses.replace(parsed.document, **values)),
    )


@transaction.atomic
def plan_draft_merge_tasks(*, user: Any, draft: PlanDraft, indexes: list[int]) -> PlanDraft:
    """Merge tasks the parser split wrongly into the first of them: texts joined, units and
    outputs united, the latest due date, budgets added."""
    require_perm(user, "plans.import_plan")
    parsed = _parsed(draft)
    tasks = list(parsed.tasks)
    chosen = sorted({_index(tasks, i) for i in indexes})
    if len(chosen) < 2:
        raise ValidationFailed("Chọn ít nhất hai nhiệm vụ để gộp.")
    parts = [tasks[i] for i in chosen]
    budgets = [t.budget_vnd for t in parts if t.budget_vnd is not None]
    dues = [t.due for t in parts if t.due is not None]
    merged = dataclasses.replace(
        parts[0],
        text=" ".join(t.text.strip() for t in parts if t.text.strip()),
        lead=_union(t.lead for t in parts),
        support=_union(t.support for t in parts),
        outputs=_union(t.outputs for t in parts),
        timeline=next((t.timeline for t in parts if t.timeline), None),
        due=max(dues) if dues else None,
        recurrence=next((t.recurrence for t in parts if t.recurrence), None),
        budget_vnd=sum(budgets) if budgets else None,
        confidence=min(t.confidence for t in parts),
    )
    kept = [merged if i == chosen[0] else t for i, t in enumerate(tasks) if i not in chosen[1:]]
    return _save(user, draft, parsed.with_tasks(tuple(kept)))


@transaction.atomic
def plan_draft_split_task(
    *, user: Any, draft: PlanDraft, index: int, texts: list[str]
) -> PlanDraft:
    """Split a task the parser joined wrongly into one task per text; the other fields are
    copied, the budget stays with the first part (it is not counted twice)."""
    require_perm(user, "plans.import_plan")
    parsed = _parsed(draft)
    tasks = list(parsed.tasks)
    task = tasks[_index(tasks, index)]
    parts = [nfc(text).strip() for text in texts if text and text.strip()]
    if len(parts) < 2:
        raise ValidationFailed("Cần ít nhất hai đoạn nội dung để tách nhiệm vụ.")
    pieces = [
        dataclasses.replace(task, text=text, budget_vnd=task.budget_vnd if k == 0 else None)
        for k, text in enumerate(parts)
    ]
    tasks[index : index + 1] = pieces
    return _save(user, draft, parsed.with_tasks(tuple(tasks)))


@transaction.atomic
def plan_draft_drop_task(*, user: Any, draft: PlanDraft, index: int) -> PlanDraft:
    """Remove a row the parser took for a task."""
    require_perm(user, "plans.import_plan")
    parsed = _parsed(draft)
    tasks = list(parsed.tasks)
    del tasks[_index(tasks, index)]
    return _save(user, draft, parsed.with_tasks(tuple(tasks)))


@transaction.atomic
def plan_draft_map_unit(
    *, user: Any, draft: PlanDraft, printed: str, unit: Unit | None
) -> PlanDraft:
    """Choose the unit a printed name means (None forgets the choice); confirming the draft
    saves the choice as an alias so later imports resolve the name by themselves."""
    require_perm(user, "plans.import_plan")
    shown = nfc(printed).strip()
    mentioned = {
        fold(text) for task in _parsed(draft).tasks for text in (*task.lead, *task.support)
    }
    if fold(shown) not in mentioned:
        raise NotFound(f"Bản nháp không có đơn vị nào ghi là “{shown}”.")
    mappings = {k: v for k, v in draft.mappings.items() if fold(k) != fold(shown)}
    if unit is not None:
        mappings[shown] = unit.pk
    draft.mappings = mappings
    save_audited(draft, user)
    return draft


@transaction.atomic
def plan_draft_confirm(*, user: Any, draft: PlanDraft, replace: bool = False) -> Plan:
    """Import the draft as a plan (all or nothing) and discard the draft."""
    require_perm(user, "plans.import_plan")
    plan = plan_import(
        user=user,
        parsed=_parsed(draft),
        source_name=draft.source_name,
        source_sha256=draft.source_sha256,
        mappings={text: int(unit_id) for text, unit_id in draft.mappings.items()},
        replace=replace,
        relations=dict(draft.relations),
    )
    draft._history_user = user  # type: ignore[attr-defined]
    draft.delete()
    return plan


def _parsed(draft: PlanDraft) -> ParsedPlan:
    return ParsedPlan.from_json(draft.data)


def _save(user: Any, draft: PlanDraft, parsed: ParsedPlan) -> PlanDraft:
    draft.data = parsed.to_json()
    save_audited(draft, user)
    return draft


def _editable(changes: dict[str, Any], fields: tuple[str, ...]) -> None:
    unknown = set(changes) - set(fields)
    if unknown:
        raise ValidationFailed(f"Không sửa được trường: {', '.join(sorted(unknown))}.")


def _index(tasks: list[ParsedTask], index: int) -> int:
    if not isinstance(index, int) or not 0 <= index < len(tasks):
        raise NotFound(
            f"Bản nháp không có nhiệm vụ thứ {index + 1 if isinstance(index, int) else index}."
        )
    return index


def _union(groups: Any) -> tuple[str, ...]:
    return tuple(dict.fromkeys(item for group in groups for item in group))


def _value(field: str, value: Any) -> Any:
    if field in ("lead", "support", "outputs"):
        items = value.split(";") if isinstance(value, str) else list(value or ())
        return tuple(dict.fromkeys(nfc(str(item)).strip() for item in items if str(item).strip()))
    if field == "due":
        return parse_day(value)
    if field == "budget_vnd":
        return parse_budget(value)
    if field == "recurrence":
        if value in (None, ""):
            return None
        if value not in RECURRENCES:
            raise ValidationFailed(f"Định kỳ “{value}” không hợp lệ.")
        return value
    text = nfc(str(value or "")).strip()
    return text if field == "text" else (text or None)


def _document_value(field: str, value: Any) -> Any:
    if field == "date":
        return parse_day(value)
    if field == "year":
        if value in (None, ""):
            return None
        try:
            year = int(value)
        except (TypeError, ValueError):
            raise ValidationFailed(f"Năm kế hoạch “{value}” không hợp lệ.") from None
        if not 1945 <= year <= 2100:
            raise ValidationFailed(f"Năm kế hoạch “{value}” không hợp lệ.")
        return year
    return nfc(str(value or "")).strip() or None


def parse_day(value: Any) -> dt.date | None:
    """A date from a form or JSON: a date, "2026-06-30" or "30/06/2026"; blank is None."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    match = _DMY.fullmatch(text)
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
            return dt.date(year, month, day)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValidationFailed(f"Ngày “{text}” không hợp lệ (dạng dd/mm/yyyy).") from None


def parse_budget(value: Any) -> int | None:
    """Đồng from a form or JSON: 100000000 or "100.000.000"; blank is None."""
    if value in (None, ""):
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    digits = str(value).replace(".", "").replace(" ", "").replace("đ", "").strip()
    if not digits.isdigit():
        raise ValidationFailed(f"Kinh phí “{value}” không hợp lệ (số đồng, ví dụ 100.000.000).")
    return int(digits)
