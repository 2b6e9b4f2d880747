"""Reads of the plan register: plans, their tasks with filters, unit mentions to map, drafts.

Every signed-in official reads plans and tasks (units work from the register); drafts are
read by those who may import. Lists cost a fixed number of queries whatever their length.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from ttdn.core.errors import NotFound, ValidationFailed
from ttdn.documents.models import Citation
from ttdn.documents.numbers import document_year
from ttdn.documents.selectors import document_find
from ttdn.plans.assignments import PlanMentions, plan_context
from ttdn.plans.models import (
    AssignmentRole,
    Plan,
    PlanDraft,
    ResolutionStatus,
    Task,
    TaskAssignment,
    TaskStatus,
)
from ttdn.plans.parsing import ParsedPlan
from ttdn.text.normalize import fold
from ttdn.units.models import Unit
from ttdn.units.selectors import unit_subtree_ids

TO_MAP = (ResolutionStatus.AMBIGUOUS, ResolutionStatus.UNRESOLVED)
_MONTH = re.compile(r"(\d{4})-(\d{1,2})|(\d{1,2})/(\d{4})")


@dataclass
class MentionRow:
    """One printed unit name of a plan or draft, how it resolved and where it is used."""

    text: str
    status: str
    unit: Unit | None
    candidates: list[Unit] = field(default_factory=list)
    lead_count: int = 0
    support_count: int = 0


def plans_list(*, user: Any, q: str = "", year: int | None = None) -> QuerySet[Plan]:
    if not user.has_perm("plans.view_plan"):
        return Plan.objects.none()
    plans = Plan.objects.select_related("document", "issuer_unit").annotate(
        task_count=Count("tasks", distinct=True),
        to_map_count=Count(
            "tasks__assignments", filter=Q(tasks__assignments__resolution__in=TO_MAP)
        ),
    )
    for token in fold(q).split():
        plans = plans.filter(document__search_key__contains=token)
    if year:
        plans = plans.filter(year=year)
    return plans.order_by("-year", "-imported_at", "-pk")


def plan_get_for_user(*, user: Any, pk: int) -> Plan:
    plan = (
        Plan.objects.select_related("document", "issuer_unit", "imported_by").filter(pk=pk).first()
    )
    if plan is None or not user.has_perm("plans.view_plan", plan):
        raise NotFound("Không tìm thấy kế hoạch.")
    return plan


def tasks_search(
    *,
    plan: Plan | None = None,
    unit: Unit | int | None = None,
    role: str = "",
    section: str = "",
    due_month: str | dt.date | None = None,
    status: str = "",
) -> QuerySet[Task]:
    """Tasks with their assignments; `unit` includes its sub-units, `role` narrows what the
    unit does in the task (lead or support), `due_month` is "2026-06", "06/2026" or a date."""
    if role and role not in AssignmentRole.values:
        raise ValidationFailed(f"Vai trò “{role}” không hợp lệ (lead hoặc support).")
    if status and status not in TaskStatus.values:
        raise ValidationFailed(f"Trạng thái “{status}” không hợp lệ.")
    tasks = Task.objects.select_related("plan").prefetch_related(
        Prefetch(
            "assignments", TaskAssignment.objects.select_related("unit").order_by("role", "pk")
        )
    )
    if plan is not None:
        tasks = tasks.filter(plan=plan)
    if unit is not None or role:
        assigned = TaskAssignment.objects.all()
        if unit is not None:
            unit_id = unit.pk if isinstance(unit, Unit) else int(unit)
            assigned = assigned.filter(unit_id__in=unit_subtree_ids(unit_id))
        if role:
            assigned = assigned.filter(role=role)
        tasks = tasks.filter(pk__in=assigned.values("task_id"))
    if section:
        tasks = tasks.filter(section=section)
    if due_month:
        year, month = _month(due_month)
        tasks = tasks.filter(due__year=year, due__month=month)
    if status:
        tasks = tasks.filter(status=status)
    return tasks.order_by("plan_id", "order")


def plan_tasks(*, plan: Plan, **filters: Any) -> QuerySet[Task]:
    """The plan's tasks in order, filtered like `tasks_search`."""
    return tasks_search(plan=plan, **filters)


def plan_sections(*, plan: Plan) -> list[str]:
    """Section titles in the plan's order, each once (for the section filter)."""
    rows = plan.tasks.order_by("order").values_list("section", flat=True)
    return [section for section in dict.fromkeys(rows) if section]


def plan_totals(*, plan: Plan) -> dict[str, int]:
    """Tasks, budget and how the unit mentions resolved, for the plan's summary."""
    totals = plan.tasks.aggregate(tasks=Count("pk"), budget_vnd=Sum("budget_vnd"))
    by_status = Counter(
        dict(
            TaskAssignment.objects.filter(task__plan=plan)
            .values_list("resolution")
            .annotate(n=Count("pk"))
            .values_list("resolution", "n")
        )
    )
    return {
        "tasks": totals["tasks"] or 0,
        "budget_vnd": totals["budget_vnd"] or 0,
        **{status: by_status.get(status, 0) for status in ResolutionStatus.values},
    }


def plan_mentions(*, plan: Plan, to_map_only: bool = True) -> list[MentionRow]:
    """Printed unit names of the plan, one row each; by default those still to map."""
    assignments = TaskAssignment.objects.filter(task__plan=plan).select_related("unit")
    if to_map_only:
        assignments = assignments.filter(resolution__in=TO_MAP)
    rows: dict[str, MentionRow] = {}
    candidates: dict[str, list[str]] = {}
    for a in assignments.order_by("task__order", "role", "pk"):
        key = fold(a.text)
        _count(rows.setdefault(key, MentionRow(a.text, a.resolution, a.unit)), a.role)
        if a.candidates:
            candidates.setdefault(key, a.candidates)
    _attach_candidates(rows, candidates)
    return list(rows.values())


def plans_same_as(*, parsed: ParsedPlan, source_sha256: str) -> list[Plan]:
    """Plans already imported from the same file, or on the document this plan's number and
    year mean (the one its import would reuse)."""
    same = Q(source_sha256=source_sha256)
    number = parsed.document.number
    document = document_find(number=number, year=document_year(number, parsed.document.date))
    if document is not None:
        same |= Q(document=document)
    return list(Plan.objects.filter(same).select_related("document", "imported_by"))


def plan_drafts_for_user(*, user: Any) -> QuerySet[PlanDraft]:
    if not user.has_perm("plans.import_plan"):
        return PlanDraft.objects.none()
    return PlanDraft.objects.select_related("uploaded_by").order_by("-created_at")


def plan_draft_get_for_user(*, user: Any, pk: int) -> PlanDraft:
    draft = plan_drafts_for_user(user=user).filter(pk=pk).first()
    if draft is None:
        raise NotFound("Không tìm thấy bản nháp kế hoạch.")
    return draft


def plan_draft_parsed(*, draft: PlanDraft) -> ParsedPlan:
    return ParsedPlan.from_json(draft.data)


def plan_draft_mentions(*, draft: PlanDraft) -> list[MentionRow]:
    """Every printed unit name of the draft with how it resolves now (officer choices first)."""
    parsed = plan_draft_parsed(draft=draft)
    roles: dict[str, list[str]] = {}
    for task in parsed.tasks:
        for role, texts in (
            (AssignmentRole.LEAD, task.lead),
            (AssignmentRole.SUPPORT, task.support),
        ):
            for text in texts:
                roles.setdefault(text.strip(), []).append(role)
    resolved = PlanMentions(plan_context(parsed), draft.mappings).resolve_all(roles)
    units = Unit.objects.in_bulk({m.unit_id for m in resolved.values() if m.unit_id})
    rows: dict[str, MentionRow] = {}
    for text, mention in resolved.items():
        row = rows.setdefault(
            fold(text), MentionRow(text, mention.status, units.get(mention.unit_id or 0))
        )
        for role in roles.get(text, ()):
            _count(row, role)
    _attach_candidates(
        rows, {fold(t): list(m.candidates) for t, m in resolved.items() if m.unit_id is None}
    )
    return sorted(
        rows.values(), key=lambda row: (row.status == ResolutionStatus.RESOLVED, row.text)
    )


def plan_draft_conflicts(*, draft: PlanDraft) -> list[Plan]:
    """Plans confirming this draft would replace (same file or same number)."""
    return plans_same_as(parsed=plan_draft_parsed(draft=draft), source_sha256=draft.source_sha256)


def _count(row: MentionRow, role: str) -> None:
    if role == AssignmentRole.LEAD:
        row.lead_count += 1
    else:
        row.support_count += 1


def _attach_candidates(rows: dict[str, MentionRow], codes_by_text: dict[str, list[str]]) -> None:
    codes = {code for found in codes_by_text.values() for code in found}
    units = {unit.code: unit for unit in Unit.objects.filter(code__in=codes)} if codes else {}
    for key, candidate_codes in codes_by_text.items():
        if key in rows:
            rows[key].candidates = [units[c] for c in candidate_codes if c in units]


def _month(value: str | dt.date) -> tuple[int, int]:
    if isinstance(value, dt.date):
        return value.year, value.month
    match = _MONTH.fullmatch(str(value).strip())
    if match:
        year, month = (
            (match.group(1), match.group(2)) if match.group(1) else (match.group(4), match.group(3))
        )
        if 1 <= int(month) <= 12:
            return int(year), int(month)
    raise ValidationFailed(f"Tháng “{value}” không hợp lệ (dạng 2026-06 hoặc 06/2026).")


def plan_units(*, plan: Plan) -> list[Unit]:
    """Units the plan assigns, for the unit filter."""
    ids = TaskAssignment.objects.filter(task__plan=plan, unit__isnull=False).values("unit_id")
    return list(Unit.objects.filter(pk__in=ids).order_by("name"))


def plan_schema_json(*, plan: Plan) -> dict[str, Any]:
    """The stored plan in the plan-schema JSON shape (what the Excel writer and the API read);
    fields the register does not keep (place, signer) come from the JSON as imported."""
    imported = (plan.parsed or {}).get("document") or {}
    document = plan.document
    cited = Citation.objects.filter(from_document=document).select_related("to_document")
    tasks = plan_tasks(plan=plan)
    return {
        "source": plan.source_name,
        "document": {
            "number": document.number or None,
            "kind": document.kind or None,
            "issuer": document.issuer or None,
            "place": imported.get("place"),
            "date": _iso(document.date),
            "year": plan.year,
            "title": plan.title,
            "signer": imported.get("signer"),
            "signer_title": imported.get("signer_title"),
        },
        "references": [
            {
                "number": c.to_document.number,
                "kind": c.to_document.kind or None,
                "date": _iso(c.to_document.date),
                "issuer": c.to_document.issuer or None,
            }
            for c in cited.order_by("pk")
        ],
        "tasks": [_task_json(task) for task in tasks],
        "report_deadline": _iso(plan.report_deadline),
        "recipients": list(plan.recipients),
    }


def _task_json(task: Task) -> dict[str, Any]:
    assignments = list(task.assignments.all())
    return {
        "ref": task.ref,
        "section": task.section,
        "text": task.text,
        "lead": [a.text for a in assignments if a.role == AssignmentRole.LEAD],
        "support": [a.text for a in assignments if a.role == AssignmentRole.SUPPORT],
        "timeline": task.timeline or None,
        "due": _iso(task.due),
        "recurrence": task.recurrence or None,
        "budget_vnd": task.budget_vnd,
        "outputs": list(task.outputs),
        "status": task.status,
    }


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None
