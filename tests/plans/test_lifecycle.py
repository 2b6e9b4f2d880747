"""The lifecycle rules and the occurrence dates, without a database."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ttdn.plans import lifecycle
from ttdn.plans.lifecycle import ItemState, TransitionRefused
from ttdn.plans.schedule import occurrences

NOW = dt.datetime(2026, 5, 10, 2, 0, tzinfo=dt.UTC)
TODAY = dt.date(2026, 5, 10)
STATUSES = ["not_started", "in_progress", "done", "overdue", "paused", "cancelled"]


def _move(status: str, target: str, progress: int = 30, due: dt.date = dt.date(2026, 6, 30)):  # type: ignore[no-untyped-def]
    current = ItemState("done", 100, NOW) if status == "done" else ItemState(status, 10, None)
    return lifecycle.unit_move(
        current, status=target, progress=progress, due=due, today=TODAY, now=NOW
    )


def test_done_sets_full_progress_and_the_time() -> None:
    assert _move("in_progress", "done") == ItemState("done", 100, NOW)


def test_progress_alone_starts_the_work() -> None:
    assert _move("not_started", "not_started", progress=5).status == "in_progress"


def test_reopened_work_is_not_complete() -> None:
    state = lifecycle.unit_move(
        ItemState("done", 100, NOW),
        status="in_progress",
        progress=100,
        due=dt.date(2026, 6, 30),
        today=TODAY,
        now=NOW,
    )
    assert state == ItemState("in_progress", 99, None)


def test_work_past_its_date_stays_overdue_until_done() -> None:
    assert _move("overdue", "overdue", due=dt.date(2026, 4, 30)).status == "overdue"
    assert _move("in_progress", "in_progress", due=dt.date(2026, 4, 30)).status == "overdue"
    assert _move("overdue", "done", due=dt.date(2026, 4, 30)).status == "done"


@pytest.mark.parametrize(
    ("status", "target", "message"),
    [
        ("in_progress", "overdue", "do hệ thống tự xác định"),
        ("in_progress", "paused", "Chỉ cơ quan đầu mối"),
        ("paused", "in_progress", "tạm dừng"),
        ("cancelled", "done", "tạm dừng"),
    ],
)
def test_refused_moves_say_why(status: str, target: str, message: str) -> None:
    with pytest.raises(TransitionRefused) as caught:
        _move(status, target)
    assert message in str(caught.value)


@given(progress=st.integers(min_value=-1000, max_value=1000))
def test_progress_outside_0_100_is_always_refused(progress: int) -> None:
    if 0 <= progress <= 100:
        assert 0 <= _move("in_progress", "in_progress", progress=progress).progress <= 100
    else:
        with pytest.raises(TransitionRefused):
            _move("in_progress", "in_progress", progress=progress)


@given(
    status=st.sampled_from(STATUSES),
    target=st.sampled_from(STATUSES),
    progress=st.integers(0, 100),
    due=st.dates(dt.date(2025, 1, 1), dt.date(2027, 12, 31)),
)
def test_unit_moves_never_reach_a_coordinator_only_status(
    status: str, target: str, progress: int, due: dt.date
) -> None:
    try:
        state = _move(status, target, progress=progress, due=due)
    except TransitionRefused:
        return
    assert state.status not in ("paused", "cancelled")
    assert (state.status == "done") == (state.progress == 100 and state.completed_at is not None)


def test_coordinator_pauses_and_resumes_to_the_right_status() -> None:
    paused = lifecycle.coordinator_move(
        ItemState("in_progress", 40, None),
        action="paused",
        progress=40,
        due=dt.date(2026, 6, 30),
        today=TODAY,
    )
    assert paused.status == "paused"
    resumed = lifecycle.coordinator_move(
        paused, action="resume", progress=40, due=dt.date(2026, 4, 30), today=TODAY
    )
    assert resumed.status == "overdue"
    with pytest.raises(TransitionRefused):
        lifecycle.coordinator_move(
            ItemState("done", 100, NOW),
            action="cancelled",
            progress=100,
            due=dt.date(2026, 6, 30),
            today=TODAY,
        )


def test_roll_up_from_lead_units() -> None:
    done = ItemState("done", 100, NOW)
    half = ItemState("in_progress", 50, None)
    due = dt.date(2026, 6, 30)
    assert lifecycle.roll_up([done, half], due=due, today=TODAY) == ItemState(
        "in_progress", 75, None
    )
    assert lifecycle.roll_up([done, done], due=due, today=TODAY) == done
    assert lifecycle.roll_up([half], due=dt.date(2026, 5, 1), today=TODAY).status == "overdue"
    assert lifecycle.roll_up([ItemState("cancelled", 0, None)], due=due, today=TODAY).status == (
        "cancelled"
    )
    assert lifecycle.roll_up([], due=due, today=TODAY) is None


def test_occurrences_of_each_recurrence() -> None:
    assert [(o.label, o.due) for o in occurrences(due=None, recurrence="", year=2026)] == [
        ("Năm 2026", dt.date(2026, 12, 31))
    ]
    assert [o.due for o in occurrences(due=dt.date(2026, 6, 30), recurrence="", year=2026)] == [
        dt.date(2026, 6, 30)
    ]
    monthly = occurrences(due=None, recurrence="monthly", year=2028)
    assert len(monthly) == 12 and monthly[1].due == dt.date(2028, 2, 29)
    # "hằng quý" until September stops at the third quarter; continuous is checked quarterly.
    quarters = occurrences(due=dt.date(2026, 9, 15), recurrence="quarterly", year=2026)
    assert [(o.label, o.due) for o in quarters][-1] == ("Quý III/2026", dt.date(2026, 9, 15))
    assert len(occurrences(due=None, recurrence="continuous", year=2026)) == 4


@given(
    due=st.none() | st.dates(dt.date(2026, 1, 1), dt.date(2026, 12, 31)),
    recurrence=st.sampled_from(["", "yearly", "quarterly", "monthly", "continuous"]),
)
def test_occurrences_are_ordered_and_within_the_year(due: dt.date | None, recurrence: str) -> None:
    rows = occurrences(due=due, recurrence=recurrence, year=2026)
    assert rows and [o.seq for o in rows] == sorted({o.seq for o in rows})
    for row in rows:
        assert row.starts <= row.due
    assert rows[-1].due == (due or dt.date(2026, 12, 31))
