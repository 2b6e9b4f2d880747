"""The task lifecycle as rules on status codes, with no database: who may move a work item from
which status to which, and how a unit's statuses roll up to the occurrence and the task.

    chưa bắt đầu → đang thực hiện → hoàn thành
          ↘──────────────────────↗        ↘ (mở lại) → đang thực hiện
    past its due date and not done: quá hạn (set by the system, never chosen) → hoàn thành
    tạm dừng / hủy: decided by the coordinating agency for the whole task, and lifted by it

A unit reports on its own work item; the coordinating agency pauses, cancels and restores.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
DONE = "done"
OVERDUE = "overdue"
PAUSED = "paused"
CANCELLED = "cancelled"

OPEN = frozenset({NOT_STARTED, IN_PROGRESS, OVERDUE})
HELD = frozenset({PAUSED, CANCELLED})

# What a unit may choose on its update form, by the work item's current status (the current
# status itself is always allowed: an update may change only the progress or the narrative).
UNIT_MOVES: dict[str, frozenset[str]] = {
    NOT_STARTED: frozenset({IN_PROGRESS, DONE}),
    IN_PROGRESS: frozenset({DONE}),
    OVERDUE: frozenset({DONE}),
    DONE: frozenset({IN_PROGRESS}),  # reopen: the work turned out unfinished
    PAUSED: frozenset(),
    CANCELLED: frozenset(),
}
# What the coordinating agency may do to a whole task.
COORDINATOR_MOVES: dict[str, frozenset[str]] = {
    NOT_STARTED: frozenset({PAUSED, CANCELLED}),
    IN_PROGRESS: frozenset({PAUSED, CANCELLED}),
    OVERDUE: frozenset({PAUSED, CANCELLED}),
    DONE: frozenset(),
    PAUSED: frozenset({CANCELLED, "resume"}),
    CANCELLED: frozenset({"resume"}),
}


class TransitionRefused(ValueError):
    """The move is not allowed; the message is for the user, in Vietnamese."""


@dataclass(frozen=True)
class ItemState:
    status: str
    progress: int
    completed_at: dt.datetime | None


def settle(status: str, due: dt.date, today: dt.date) -> str:
    """An open item past its due date is overdue; an overdue one whose date moved is not."""
    if status in (NOT_STARTED, IN_PROGRESS) and due < today:
        return OVERDUE
    if status == OVERDUE and due >= today:
        return IN_PROGRESS
    return status


def unit_choices(status: str) -> list[str]:
    """Statuses offered on a unit's update form, the current one first."""
    return [status, *sorted(UNIT_MOVES.get(status, frozenset()))]


def unit_move(
    current: ItemState,
    *,
    status: str,
    progress: int,
    due: dt.date,
    today: dt.date,
    now: dt.datetime,
) -> ItemState:
    """The work item after a unit's update, or TransitionRefused with the reason."""
    if status == NOT_STARTED and current.status in (IN_PROGRESS, OVERDUE):
        status = current.status  # work once started is not "not started" again
    if current.status in HELD:
        raise TransitionRefused(
            "Nhiệm vụ đang ở trạng thái “tạm dừng” hoặc “hủy” theo quyết định của cơ quan đầu "
            "mối; không cập nhật được."
        )
    if not 0 <= progress <= 100:
        raise TransitionRefused(f"Tiến độ phải từ 0 đến 100%, không phải {progress}%.")
    if status != current.status and status not in UNIT_MOVES.get(current.status, frozenset()):
        if status == OVERDUE:
            raise TransitionRefused("Trạng thái “quá hạn” do hệ thống tự xác định theo hạn.")
        if status in HELD:
            raise TransitionRefused(
                "Chỉ cơ quan đầu mối mới tạm dừng hoặc hủy nhiệm vụ; hãy ghi đề xuất trong "
                "nội dung báo cáo."
            )
        raise TransitionRefused("Không chuyển được sang trạng thái đã chọn từ trạng thái hiện tại.")
    if status == DONE:
        return ItemState(DONE, 100, current.completed_at if current.status == DONE else now)
    if status == NOT_STARTED and progress > 0:
        status = IN_PROGRESS
    if current.status == DONE and status != DONE and progress == 100:
        progress = 99  # reopened work is by definition not complete
    return ItemState(settle(status, due, today), progress, None)


def coordinator_move(
    current: ItemState, *, action: str, progress: int, due: dt.date, today: dt.date
) -> ItemState:
    """Pause, cancel or resume (`action` "paused" | "cancelled" | "resume") one work item."""
    if action not in COORDINATOR_MOVES.get(current.status, frozenset()):
        raise TransitionRefused(
            "Nhiệm vụ đã hoàn thành không tạm dừng hoặc hủy được."
            if current.status == DONE
            else "Không thực hiện được thao tác này với trạng thái hiện tại của nhiệm vụ."
        )
    if action == "resume":
        restored = IN_PROGRESS if progress > 0 else NOT_STARTED
        return ItemState(settle(restored, due, today), progress, None)
    return ItemState(action, progress, None)


def roll_up(items: Sequence[ItemState], *, due: dt.date | None, today: dt.date) -> ItemState | None:
    """The occurrence's state from its lead units' items (None when no unit is known)."""
    if not items:
        return None
    live = [item for item in items if item.status != CANCELLED]
    if not live:
        return ItemState(CANCELLED, 0, None)
    progress = round(sum(100 if i.status == DONE else i.progress for i in live) / len(live))
    if all(item.status == DONE for item in live):
        finished = [i.completed_at for i in live if i.completed_at is not None]
        return ItemState(DONE, 100, max(finished) if finished else None)
    working = [item for item in live if item.status != PAUSED]
    if not working:
        return ItemState(PAUSED, progress, None)
    if any(item.status == OVERDUE for item in working) or (due is not None and due < today):
        return ItemState(OVERDUE, progress, None)
    if progress > 0 or any(item.status in (IN_PROGRESS, DONE) for item in working):
        return ItemState(IN_PROGRESS, progress, None)
    return ItemState(NOT_STARTED, 0, None)


def task_roll_up(occurrences: Iterable[ItemState]) -> ItemState:
    """A task's state from its occurrences: done when all are, overdue when one is, …"""
    rows = list(occurrences)
    state = roll_up(rows, due=None, today=dt.date.min)
    return state or ItemState(NOT_STARTED, 0, None)
