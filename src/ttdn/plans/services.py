"""Writes to the plan register: import a parsed plan (all or nothing), map a printed unit name.

Every function is keyword-only, checks permission itself, runs in one transaction and records
the acting user in the audit trail. Unit mentions keep their printed text; an officer maps an
unresolved one once and the mapping becomes a UnitAlias the next import uses.
"""

from __future__ import annotations

import re
from typing import Any

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from ttdn.core.errors import Conflict, NotFound, ValidationFailed
from ttdn.documents.models import CitationRelation, Document
from ttdn.documents.services import document_citations_clear, document_cite, document_upsert
from ttdn.plans.assignments import PlanContext, PlanMentions, plan_context
from ttdn.plans.models import (
    AssignmentRole,
    Plan,
    ResolutionStatus,
    Task,
    TaskAssignment,
    TaskOccurrence,
    WorkItem,
)
from ttdn.plans.parsing import ParsedPlan
from ttdn.plans.reading import plan_read
from ttdn.plans.selectors import plans_same_as
from ttdn.plans.tracking import work_items_sync
from ttdn.plans.validation import plan_problems
from ttdn.text.normalize import fold, nfc
from ttdn.units.models import AliasSource, Unit, UnitAlias
from ttdn.units.services import (
    audit_actor,
    require_perm,
    save_audited,
    unit_refresh_search_key,
)

_SHA256 = re.compile(r"[0-9a-f]{64}")
MAX_ALIAS_CHARS = 255


@transaction.atomic
def plan_import(
    *,
    user: Any | None,
    parsed: ParsedPlan,
    source_name: str,
    source_sha256: str,
    mappings: dict[str, int] | None = None,
    replace: bool = False,
    relations: dict[str, str] | None = None,
) -> Plan:
    """Store a parsed plan: its document and citations, tasks, and resolved unit assignments.

    `mappings` (printed unit name → unit id) are the officer's choices, saved as aliases;
    `relations` (printed reference number → "implements" | "based_on") come from the file's
    lead-in (`reading.plan_read`). The same file or plan number again is a Conflict unless
    `replace`, which swaps the old plan for the new one in this transaction.
    """
    if user is not None:  # None is the server console (`ttdn plan import` without --user)
        require_perm(user, "plans.import_plan")
    if not _SHA256.fullmatch(source_sha256 or ""):
        raise ValidationFailed("Thiếu mã SHA-256 của tệp nguồn.")
    problems = plan_problems(parsed)
    if problems:
        raise ValidationFailed("Không nhập được kế hoạch:\n- " + "\n- ".join(problems))
    units = _mapped_units(mappings or {})
    for existing in plans_same_as(parsed=parsed, source_sha256=source_sha256):
        if not replace:
            raise Conflict(_conflict_message(existing, source_sha256))
        _refuse_replacing_tracked(existing)
        _plan_delete(existing, user)
    context = plan_context(parsed)
    document = _plan_document(user, parsed, context, relations or {})
    doc = parsed.document
    plan = Plan(
        document=document,
        title=nfc(doc.title or doc.kind or source_name).strip(),
        year=doc.year,
        issuer_unit=context.issuer_unit,
        province=context.province,
        report_deadline=parsed.report_deadline,
        recipients=[nfc(r).strip() for r in parsed.recipients],
        source_name=nfc(source_name).strip()[:255],
        source_sha256=source_sha256,
        parsed=parsed.to_json(),
        imported_by=audit_actor(user),
    )
    save_audited(plan, user)
    _create_tasks(user, plan, parsed, PlanMentions(context, mappings))
    _save_aliases(user, units)
    work_items_sync(plan=plan)
    return plan


@transaction.atomic
def plan_import_file(
    *, user: Any | None, data: bytes, filename: str, replace: bool = False
) -> Plan:
    """Read an uploaded or given file and import it (CLI and API); the permission is checked
    before the file is read."""
    if user is not None:
        require_perm(user, "plans.import_plan")
    reading = plan_read(data=data, filename=filename)
    return plan_import(
        user=user,
        parsed=reading.parsed,
        source_name=reading.source_name,
        source_sha256=reading.source_sha256,
        replace=replace,
        relations=reading.relations,
    )


@transaction.atomic
def plan_map_unit(*, user: Any, plan: Plan, printed: str, unit: Unit) -> int:
    """Assign `unit` to every mention of `printed` in the plan and remember it as an alias.

    Returns how many assignments changed.
    """
    require_perm(user, "plans.import_plan")
    key = fold(printed)
    if not key:
        raise ValidationFailed("Tên đơn vị trong văn bản không được để trống.")
    matching = [
        assignment
        for assignment in TaskAssignment.objects.filter(task__plan=plan)
        if fold(assignment.text) == key
    ]
    if not matching:
        raise NotFound(f"Kế hoạch không có đơn vị nào ghi là “{nfc(printed).strip()}”.")
    for assignment in matching:
        assignment.unit = unit
        assignment.resolution = ResolutionStatus.RESOLVED
        assignment.candidates = []
        save_audited(assignment, user)
    _save_aliases(user, {matching[0].text: unit})
    work_items_sync(plan=plan)
    return len(matching)


def _conflict_message(existing: Plan, source_sha256: str) -> str:
    how = (
        "Tệp này đã được nhập"
        if existing.source_sha256 == source_sha256
        else f"Kế hoạch số {existing.document.number} đã được nhập"
    )
    when = f"{timezone.localdate(existing.imported_at):%d/%m/%Y}"
    who = f" bởi {existing.imported_by}" if existing.imported_by else ""
    return (
        f"{how}: “{existing.title}” (tệp {existing.source_name}, ngày {when}{who}). "
        "Chọn “thay thế” để nhập lại và thay kế hoạch cũ."
    )


def _refuse_replacing_tracked(plan: Plan) -> None:
    """A plan units already report on is never swapped out: that would delete their work."""
    updated = WorkItem.objects.filter(occurrence__task__plan=plan, version__gt=1).count()
    periods = plan.periods.count()  # type: ignore[attr-defined]
    if updated or periods:
        raise Conflict(
            f"Kế hoạch “{plan.title}” đang được theo dõi thực hiện ({updated} phần việc đã cập "
            f"nhật, {periods} kỳ báo cáo); không thay thế được vì sẽ mất số liệu của các đơn "
            "vị. Nếu kế hoạch được sửa đổi, hãy nhập văn bản sửa đổi thành một kế hoạch mới."
        )


def _plan_delete(plan: Plan, user: Any) -> None:
    """Remove a plan being replaced, row by row so the audit trail names who; its document
    stays (other documents may cite it) and is updated by the new import."""
    rows: list[Any] = [
        *WorkItem.objects.filter(occurrence__task__plan=plan),
        *TaskOccurrence.objects.filter(task__plan=plan),
        *TaskAssignment.objects.filter(task__plan=plan),
        *plan.tasks.all(),
        plan,
    ]
    for row in rows:
        row._history_user = audit_actor(user)
        row.delete()


def _plan_document(
    user: Any, parsed: ParsedPlan, context: PlanContext, relations: dict[str, str]
) -> Document:
    doc = parsed.document
    document = document_upsert(
        actor=user,
        number=doc.number,
        kind=doc.kind or "Kế hoạch",
        date=doc.date,
        issuer=doc.issuer,
        issuer_unit=context.issuer_unit,
        title=doc.title,
        overwrite=True,
    )
    document_citations_clear(actor=user, document=document)
    for reference in parsed.references:
        cited = document_upsert(
            actor=user,
            number=reference.number,
            kind=reference.kind,
            date=reference.date,
            issuer=reference.issuer,
        )
        relation = relations.get(reference.number, CitationRelation.IMPLEMENTS)
        document_cite(actor=user, source=document, target=cited, relation=relation)
    return document


def _create_tasks(user: Any, plan: Plan, parsed: ParsedPlan, mentions: PlanMentions) -> None:
    tasks = [
        Task(
            plan=plan,
            order=order,
            ref=nfc(task.ref).strip(),
            section=nfc(task.section).strip(),
            text=nfc(task.text).strip(),
            timeline=nfc(task.timeline or "").strip(),
            due=task.due,
            recurrence=task.recurrence or "",
            budget_vnd=task.budget_vnd,
            outputs=[nfc(output).strip() for output in task.outputs],
        )
        for order, task in enumerate(parsed.tasks, start=1)
    ]
    bulk_create_with_history(tasks, Task, default_user=audit_actor(user))
    resolved = mentions.resolve_all(
        text for task in parsed.tasks for text in (*task.lead, *task.support)
    )
    assignments = []
    for row, task in zip(tasks, parsed.tasks, strict=True):
        for role, texts in (
            (AssignmentRole.LEAD, task.lead),
            (AssignmentRole.SUPPORT, task.support),
        ):
            for text in dict.fromkeys(nfc(t).strip() for t in texts if t.strip()):
                mention = resolved[text]
                assignments.append(
                    TaskAssignment(
                        task=row,
                        role=role,
                        text=text,
                        unit_id=mention.unit_id,
                        resolution=mention.status,
                        candidates=list(mention.candidates),
                    )
                )
    bulk_create_with_history(assignments, TaskAssignment, default_user=audit_actor(user))


def _mapped_units(mappings: dict[str, int]) -> dict[str, Unit]:
    too_long = [text for text in mappings if len(nfc(text).strip()) > MAX_ALIAS_CHARS]
    if too_long:
        raise ValidationFailed(
            f"Tên đơn vị dài quá {MAX_ALIAS_CHARS} ký tự, không lưu làm tên gọi khác được: "
            + ", ".join(f"“{text[:60]}…”" for text in too_long)
        )
    units = Unit.objects.in_bulk(set(mappings.values()))
    missing = [text for text, unit_id in mappings.items() if unit_id not in units]
    if missing:
        raise ValidationFailed(
            "Không tìm thấy đơn vị đã chọn cho: " + ", ".join(f"“{text}”" for text in missing) + "."
        )
    return {text: units[unit_id] for text, unit_id in mappings.items()}


def _save_aliases(user: Any, units: dict[str, Unit]) -> None:
    """Each mapped printed name becomes an officer alias of its unit (once)."""
    for text, unit in units.items():
        shown = nfc(text).strip()
        key = fold(shown)
        if key in {fold(unit.name), fold(unit.short_name)}:
            continue
        if UnitAlias.objects.filter(unit=unit, folded=key).exists():
            continue
        alias = UnitAlias(unit=unit, text=shown, folded=key, source=AliasSource.OFFICER)
        save_audited(alias, user)
        unit_refresh_search_key(unit=unit)
