"""Completeness and timeliness figures, without a database: DHIS2's definitions, and no rate
above 100% whatever units join or leave the plan during the period."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from ttdn.reporting.completeness import VN, ItemRow, ReportRow, compute, rate

Q2 = {"starts": dt.date(2026, 4, 1), "ends": dt.date(2026, 6, 30), "deadline": dt.date(2026, 6, 15)}


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=VN)


def test_each_measure_on_a_small_period() -> None:
    items = [
        ItemRow(
            1, "A", "done", _at(dt.date(2026, 5, 2)), dt.date(2026, 1, 1), dt.date(2026, 5, 31)
        ),
        ItemRow(1, "A", "done", _at(dt.date(2026, 6, 9)), dt.date(2026, 1, 1), dt.date(2026, 6, 1)),
        ItemRow(2, "B", "in_progress", None, dt.date(2026, 1, 1), dt.date(2026, 5, 31)),
        ItemRow(2, "B", "not_started", None, dt.date(2026, 6, 1), dt.date(2026, 6, 30)),
        ItemRow(3, "B", "in_progress", None, dt.date(2026, 1, 1), dt.date(2026, 12, 31)),
        ItemRow(4, "B", "cancelled", None, dt.date(2026, 1, 1), dt.date(2026, 5, 31)),
        ItemRow(5, "B", "done", None, dt.date(2026, 1, 1), dt.date(2026, 3, 31)),  # Q1 only
    ]
    reports = [
        ReportRow(1, "accepted", _at(dt.date(2026, 6, 15), 23)),  # last hour of the deadline
        ReportRow(2, "returned", _at(dt.date(2026, 6, 16), 0)),  # first minute after it
        ReportRow(3, "draft", None),
    ]
    figures = compute(**Q2, items=items, reports=reports, today=dt.date(2026, 6, 20))
    by_unit = {u.unit_id: u for u in figures.units}
    assert sorted(by_unit) == [1, 2, 3]  # 4 only cancelled, 5 nothing in Q2
    assert (figures.expected, figures.submitted, figures.on_time, figures.accepted) == (3, 2, 1, 1)
    assert figures.returned == 1
    assert (by_unit[1].tasks.done_on_time, by_unit[1].tasks.done_late) == (1, 1)
    assert (by_unit[2].tasks.overdue, by_unit[2].tasks.pending) == (1, 1)
    assert by_unit[3].tasks.due == 0 and by_unit[3].items == 1  # under way, due in December
    assert figures.completeness == 2 / 3 and figures.timeliness == 1 / 3
    assert rate(0, 0) is None


def test_a_unit_that_reported_then_left_the_plan_stays_expected() -> None:
    reports = [ReportRow(9, "submitted", _at(dt.date(2026, 6, 1)))]
    figures = compute(**Q2, items=[], reports=reports, today=dt.date(2026, 6, 20))
    assert (figures.expected, figures.submitted, figures.completeness) == (1, 1, 1.0)


units = st.integers(min_value=1, max_value=8)
days = st.dates(dt.date(2026, 1, 1), dt.date(2026, 12, 31))
items = st.builds(
    lambda unit, status, start, length, done_after: ItemRow(
        unit,
        "S",
        status,
        _at(start + dt.timedelta(days=done_after)) if status == "done" else None,
        start,
        start + dt.timedelta(days=length),
    ),
    units,
    st.sampled_from(["not_started", "in_progress", "done", "overdue", "paused", "cancelled"]),
    days,
    st.integers(0, 200),
    st.integers(0, 300),
)
reports = st.builds(
    lambda unit, status, sent: ReportRow(unit, status, None if status == "draft" else _at(sent)),
    units,
    st.sampled_from(["draft", "submitted", "accepted", "returned"]),
    days,
)


@given(
    items=st.lists(items, max_size=30),
    reports=st.lists(reports, max_size=8, unique_by=lambda r: r.unit_id),
    today=days,
)
def test_no_rate_is_ever_above_100_percent(
    items: list[ItemRow], reports: list[ReportRow], today: dt.date
) -> None:
    figures = compute(**Q2, items=items, reports=reports, today=today)
    assert figures.accepted <= figures.submitted <= figures.expected
    assert figures.on_time <= figures.submitted
    for share in (figures.completeness, figures.timeliness, figures.acceptance):
        assert share is None or 0 <= share <= 1
    tasks = figures.tasks
    assert tasks.done_on_time + tasks.done_late + tasks.overdue + tasks.pending == tasks.due
    assert tasks.on_time_rate is None or 0 <= tasks.on_time_rate <= 1
