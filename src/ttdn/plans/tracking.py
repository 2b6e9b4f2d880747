"""Writes of task tracking: occurrences and work items of a plan, their guarded transitions and
the roll-up to occurrence and task. The rules themselves are in `plans.lifecycle`.

Every transition is saved through django-simple-history with the acting user (None: the
system, e.g. the overdue job) and, where given, the reason.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from ttdn.core.errors import ValidationFailed
from ttdn.plans import lifecycle
from ttdn.plans.lifecycle import ItemState, TransitionRefused
from ttdn.plans.models import AssignmentRole, Plan, Task, TaskOccurrence, WorkItem
from ttdn.plans.schedule import occurrences
from ttdn.units.services import audit_actor, require_perm


def _state(row: WorkItem | TaskOccurrence | Task) -> ItemState:
    return ItemState(row.status, row.progress, getattr(row, "completed_at", None))


def plan_year(plan: Plan) -> int:
    if plan.year:
        return plan.year
    if plan.document.date:
        return plan.document.date.year
    return timezone.localdate().year


@transaction.atomic
def work_items_sync(*, plan: Plan, today: dt.date | None = None) -> int:
    """Give every task its occurrences and every resolved unit its work item in each; idempotent.

    Run after an import and after an officer maps a printed unit name. A unit named both as
    lead and as support of a task gets one item, as lead. Returns how many items were created.
    """
    today = today or timezone.localdate()
    year = plan_year(plan)
    tasks = list(plan.tasks.prefetch_related("occurrences", "assignments"))
    new_occurrences = []
    for task in tasks:
        if not task.occurrences.all():
            for occ in occurrences(due=task.due, recurrence=task.recurrence, year=year):
                new_occurrences.append(
                    TaskOccurrence(
                        task=task, seq=occ.seq, label=occ.label, starts=occ.starts, due=occ.due
                    )
                )
    if new_occurrences:
        bulk_create_with_history(new_occurrences, TaskOccurrence, batch_size=500)
    occurrences_by_task: dict[int, list[TaskOccurrence]] = defaultdict(list)
    for occurrence in TaskOccurrence.objects.filter(task__plan=plan):
        occurrences_by_task[occurrence.task_id].append(occurrence)
    existing = set(
        WorkItem.objects.filter(occurrence__task__plan=plan).values_list("occurrence_id", "unit_id")
    )
    items = []
    for task in tasks:
        chosen: dict[int, Any] = {}
        for assignment in task.assignments.all():
            if assignment.unit_id is None:
                continue
            held = chosen.get(assignment.unit_id)
            if held is None or (
                held.role == AssignmentRole.SUPPORT and assignment.role == AssignmentRole.LEAD
            ):
                chosen[assignment.unit_id] = assignment
        for occurrence in occurrences_by_task[task.pk]:
            for unit_id, assignment in chosen.items():
                if (occurrence.pk, unit_id) in existing:
                    continue
                items.append(
                    WorkItem(
                        occurrence=occurrence,
                        assignment=assignment,
                        unit_id=unit_id,
                        role=assignment.role,
                        status=lifecycle.settle(lifecycle.NOT_STARTED, occurrence.due, today),
                    )
                )
    if items:
        bulk_create_with_history(items, WorkItem, batch_size=500)
        roll_up_occurrences(
            occurrence_ids={item.occurrence.pk for item in items}, today=today, user=None
        )
    return len(items)


def work_item_apply(
    *,
    user: Any,
    item: WorkItem,
    status: str,
    progress: int,
    today: dt.date | None = None,
    reason: str = "",
) -> WorkItem:
    """A unit's status and progress onto its work item (inside the caller's transaction)."""
    today = today or timezone.localdate()
    try:
        state = lifecycle.unit_move(
            _state(item),
            status=status,
            progress=progress,
            due=item.occurrence.due,
            today=today,
            now=timezone.now(),
        )
    except TransitionRefused as exc:
        raise ValidationFailed(str(exc)) from exc
    _save_item(item, state, user, reason)
    roll_up_occurrences(occurrence_ids={item.occurrence_id}, today=today, user=user)
    return item


@transaction.atomic
def task_hold(
    *, user: Any, task: Task, action: str, reason: str, today: dt.date | None = None
) -> int:
    """The coordinating agency pauses, cancels or resumes a task (`action` "paused" |
    "cancelled" | "resume"); finished work items keep their status. Returns items changed."""
    require_perm(user, "plans.hold_task", task)
    reason = (reason or "").strip()
    if action not in ("paused", "cancelled", "resume"):
        raise ValidationFailed("Thao tác không hợp lệ.")
    if action != "resume" and not reason:
        raise ValidationFailed("Ghi lý do tạm dừng hoặc hủy nhiệm vụ (sẽ hiện cho các đơn vị).")
    today = today or timezone.localdate()
    items = list(
        WorkItem.objects.select_related("occurrence")
        .filter(occurrence__task=task)
        .select_for_update()
    )
    changed = 0
    for item in items:
        try:
            state = lifecycle.coordinator_move(
                _state(item),
                action=action,
                progress=item.progress,
                due=item.occurrence.due,
                today=today,
            )
        except TransitionRefused:
            continue  # a finished item stays finished; the others move
        _save_item(item, state, user, reason)
        changed += 1
    if not changed:
        raise ValidationFailed("Không có phần việc nào của nhiệm vụ chuyển được trạng thái này.")
    roll_up_occurrences(occurrence_ids={i.occurrence_id for i in items}, today=today, user=user)
    return changed


def work_items_mark_overdue(*, today: dt.date | None = None) -> int:
    """The daily job: open items past their due date become overdue (and back when a date
    moved later). Idempotent; returns how many items changed."""
    today = today or timezone.localdate()
    with transaction.atomic():
        stale = list(
            WorkItem.objects.select_related("occurrence")
            .filter(status__in=(lifecycle.NOT_STARTED, lifecycle.IN_PROGRESS))
            .filter(occurrence__due__lt=today)
        ) + list(
            WorkItem.objects.select_related("occurrence").filter(
                status=lifecycle.OVERDUE, occurrence__due__gte=today
            )
        )
        for item in stale:
            settled = lifecycle.settle(item.status, item.occurrence.due, today)
            _save_item(item, ItemState(settled, item.progress, None), None, "")
        roll_up_occurrences(occurrence_ids={i.occurrence_id for i in stale}, today=today, user=None)
        # Occurrences whose units are all unknown still become overdue by date.
        for occurrence in TaskOccurrence.objects.filter(
            status__in=(lifecycle.NOT_STARTED, lifecycle.IN_PROGRESS), due__lt=today
        ).exclude(work_items__isnull=False):
            occurrence.status = lifecycle.OVERDUE
            occurrence._history_user = None
            occurrence.save(update_fields=["status"])
            _roll_up_tasks({occurrence.task_id}, user=None)
    return len(stale)


def _save_item(item: WorkItem, state: ItemState, user: Any, reason: str) -> None:
    item.status, item.progress, item.completed_at = state.status, state.progress, state.completed_at
    item.version += 1
    item._history_user = audit_actor(user)
    item._change_reason = reason[:100] if reason else None
    item.save()


def roll_up_occurrences(*, occurrence_ids: Iterable[int], today: dt.date, user: Any) -> None:
    """Recompute the occurrences from their lead items (all items if no lead is known), then
    their tasks. Two reads and one write per changed row."""
    ids = set(occurrence_ids)
    if not ids:
        return
    by_occurrence: dict[int, list[WorkItem]] = defaultdict(list)
    for item in WorkItem.objects.filter(occurrence_id__in=ids):
        by_occurrence[item.occurrence_id].append(item)
    task_ids = set()
    for occurrence in TaskOccurrence.objects.filter(pk__in=ids):
        items = by_occurrence.get(occurrence.pk, [])
        leads = [i for i in items if i.role == AssignmentRole.LEAD] or items
        state = lifecycle.roll_up([_state(i) for i in leads], due=occurrence.due, today=today)
        if state is None or state == _state(occurrence):
            continue
        occurrence.status, occurrence.progress = state.status, state.progress
        occurrence.completed_at = state.completed_at
        occurrence._history_user = audit_actor(user)
        occurrence.save()
        task_ids.add(occurrence.task_id)
    _roll_up_tasks(task_ids, user=user)


def _roll_up_tasks(task_ids: set[int], *, user: Any) -> None:
    if not task_ids:
        return
    by_task: dict[int, list[TaskOccurrence]] = defaultdict(list)
    for occurrence in TaskOccurrence.objects.filter(task_id__in=task_ids):
        by_task[occurrence.task_id].append(occurrence)
    for task in Task.objects.filter(pk__in=task_ids):
        state = lifecycle.task_roll_up(_state(o) for o in by_task[task.pk])
        if (task.status, task.progress) == (state.status, state.progress):
            continue
        task.status, task.progress = state.status, state.progress
        task._history_user = audit_actor(user)
        task.save()
