"""Next year's plan draft (issue 5): the tasks of an imported plan that go on into the next
year — the recurring ones and those not finished — as a `ParsedPlan` with every date and
"năm/Quý …/YYYY" moved to the new year. `plans.plan_docx` prints it as a KẾ HOẠCH in the
NĐ 30/2020 format; the draft is read back and imported like any other plan.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from django.db.models import Prefetch, Q

from ttdn.core.errors import ValidationFailed
from ttdn.plans.models import AssignmentRole, Plan, Task, TaskAssignment, TaskStatus
from ttdn.plans.parsing import DocumentInfo, ParsedPlan, Reference
from ttdn.plans.parsing import Task as ParsedTask
from ttdn.plans.parsing.model import RECURRENCES, Section

FINISHED = (TaskStatus.DONE, TaskStatus.CANCELLED)
# A date right after a cited document's number ("số 15/KH-UBND ngày 20/01/2026") is that
# document's date, not a deadline: it stays as printed.
_CITED_DATE = re.compile(r"số\s+\S+\s+ngày\s*$", re.IGNORECASE)


def next_year_draft(*, plan: Plan, year: int | None = None) -> ParsedPlan:
    """The draft of the plan for `year` (default: the plan's year + 1): recurring tasks
    (định kỳ, thường xuyên) and tasks not done or cancelled, in the plan's order and sections,
    with the same lead (chủ trì) and support (phối hợp) units as printed, budgets and outputs.
    The draft has no number and no date: the office gives them when the plan is signed."""
    if plan.year is None:
        raise ValidationFailed("Kế hoạch không ghi năm: không lập được dự thảo cho năm sau.")
    new_year = plan.year + 1 if year is None else year
    if new_year <= plan.year:
        raise ValidationFailed(
            f"Năm của dự thảo ({new_year}) phải sau năm của kế hoạch ({plan.year})."
        )
    shift = YearShift(plan.year, new_year)
    source = ParsedPlan.from_json(plan.parsed or {})
    tasks = tuple(_carried_task(task, shift) for task in _carried_tasks(plan))
    return ParsedPlan(
        source=f"du-thao-ke-hoach-{new_year}.docx",
        document=_document(plan, source.document, shift),
        references=_plan_reference(plan, source.document),
        tasks=tasks,
        report_deadline=shift.date(plan.report_deadline),
        recipients=source.recipients,
        sections=tuple(_section(s, shift) for s in source.sections),
    )


def carried_over_counts(draft: ParsedPlan) -> tuple[int, int]:
    """(recurring, unfinished): how many tasks of the draft recur and how many are one-off
    tasks carried over because they were not finished."""
    recurring = sum(1 for t in draft.tasks if t.recurrence)
    return recurring, len(draft.tasks) - recurring


class YearShift:
    """Moves the plan year's dates and year mentions to the new year."""

    def __init__(self, old: int, new: int) -> None:
        self.old, self.new = old, new
        # "năm 2026", "12/2026", "Quý II/2026", "15/11/2026"; never "72/2026/NĐ-CP".
        self._pattern = re.compile(rf"(?:(?<=năm )|(?<=Năm )|(?<=[\dIVX]/)){old}(?![\d/])")

    def text(self, text: str | None) -> str | None:
        if not text:
            return text
        return self._pattern.sub(
            lambda m: m.group(0) if _is_cited_date(text, m.start()) else str(self.new), text
        )

    def date(self, day: dt.date | None) -> dt.date | None:
        if day is None:
            return None
        if day.month == 2 and day.day == 29:
            return dt.date(self.new, 2, 28)
        return day.replace(year=self.new)


def _is_cited_date(text: str, start: int) -> bool:
    # Back to the start of the "dd/mm/" in front of the year, then look before "ngày".
    before = re.sub(r"\d{1,2}/\d{1,2}/$", "", text[max(0, start - 80) : start])
    return bool(_CITED_DATE.search(before))


def _carried_tasks(plan: Plan) -> list[Task]:
    assignments = TaskAssignment.objects.order_by("role", "pk")
    carried = Q(recurrence__gt="") | ~Q(status__in=FINISHED)
    tasks = Task.objects.filter(carried, plan=plan).order_by("order")
    return list(tasks.prefetch_related(Prefetch("assignments", queryset=assignments)))


def _carried_task(task: Task, shift: YearShift) -> ParsedTask:
    units = list(task.assignments.all())  # type: ignore[attr-defined]
    return ParsedTask(
        ref=task.ref,
        section=task.section,
        text=shift.text(task.text) or "",
        lead=tuple(a.text for a in units if a.role == AssignmentRole.LEAD),
        support=tuple(a.text for a in units if a.role == AssignmentRole.SUPPORT),
        timeline=shift.text(task.timeline) or None,
        due=shift.date(task.due),
        recurrence=task.recurrence if task.recurrence in RECURRENCES else None,
        budget_vnd=task.budget_vnd,
        outputs=tuple(task.outputs or ()),
    )


def _document(plan: Plan, printed: DocumentInfo, shift: YearShift) -> DocumentInfo:
    issuer = printed.issuer or (plan.issuer_unit.name if plan.issuer_unit else None)
    return DocumentInfo(
        number=None,
        kind="Kế hoạch",
        issuer=issuer,
        place=printed.place or plan.province or None,
        date=None,
        year=shift.new,
        title=shift.text(plan.title),
    )


def _plan_reference(plan: Plan, printed: DocumentInfo) -> tuple[Reference, ...]:
    """The plan itself, cited in the draft's lead-in (when it has a number to cite)."""
    document = plan.document
    if not document.number:
        return ()
    issuer = printed.issuer or (plan.issuer_unit.name if plan.issuer_unit else None)
    return (Reference(document.number, "Kế hoạch", document.date, issuer),)


def _section(section: Section, shift: YearShift) -> Section:
    return replace(
        section,
        title=shift.text(section.title) or "",
        children=tuple(_section(c, shift) for c in section.children),
    )
