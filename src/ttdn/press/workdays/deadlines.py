"""The foreign-press deadlines as dated rules: which rule is in force on a date, and the date
(or moment) it gives. Values come from the decrees named in `legal_basis`; a new decree is a
new row with its effective date, never an edit of the old one, so old files keep old deadlines.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from ttdn.press.workdays.calendar import WorkCalendar


@dataclass(frozen=True)
class DeadlineRule:
    code: str
    label: str
    amount: int
    unit: str  # "working_days" | "hours"
    direction: str  # "before" the reference date (latest day to act) | "after" it
    effective_from: dt.date
    effective_to: dt.date | None
    legal_basis: str


ND88 = "Nghị định 88/2012/NĐ-CP"
ND262 = "Nghị định 262/2026/NĐ-CP"
ND88_END = dt.date(2026, 6, 30)
ND262_START = dt.date(2026, 7, 1)
ND88_START = dt.date(2012, 12, 20)

DEADLINE_RULES: tuple[DeadlineRule, ...] = (
    DeadlineRule(
        "apply_before_entry",
        "Gửi hồ sơ đề nghị trước ngày nhập cảnh",
        10,
        "working_days",
        "before",
        ND88_START,
        ND88_END,
        ND88,
    ),
    DeadlineRule(
        "apply_before_entry",
        "Gửi hồ sơ đề nghị trước ngày nhập cảnh",
        10,
        "working_days",
        "before",
        ND262_START,
        None,
        ND262,
    ),
    DeadlineRule(
        "answer_non_resident",
        "Trả lời đề nghị của phóng viên không thường trú",
        10,
        "working_days",
        "after",
        ND88_START,
        None,
        ND88,
    ),
    DeadlineRule(
        "answer_resident",
        "Trả lời đề nghị của phóng viên thường trú",
        5,
        "working_days",
        "after",
        ND262_START,
        None,
        ND262,
    ),
    DeadlineRule(
        "press_conference_notice",
        "Cơ quan, tổ chức nước ngoài thông báo trước khi họp báo",
        24,
        "hours",
        "before",
        ND262_START,
        None,
        ND262,
    ),
    DeadlineRule(
        "post_programme_report",
        "Báo cáo kết quả sau chương trình",
        3,
        "working_days",
        "after",
        ND88_START,
        None,
        "Quy chế phối hợp của tỉnh",
    ),
)


def rule_in_force(
    code: str, on: dt.date, rules: Iterable[DeadlineRule] = DEADLINE_RULES
) -> DeadlineRule | None:
    """The rule `code` in force on `on` (the day the request was received), or None."""
    for rule in rules:
        if rule.code != code or on < rule.effective_from:
            continue
        if rule.effective_to is None or on <= rule.effective_to:
            return rule
    return None


def deadline_for(rule: DeadlineRule, reference: dt.datetime, calendar: WorkCalendar) -> dt.datetime:
    """The deadline `rule` gives from `reference`: the last moment to act ("before") or the
    moment by which the answer is due ("after"); working-day deadlines end the day."""
    if rule.unit == "hours":
        delta = dt.timedelta(hours=rule.amount)
        return reference - delta if rule.direction == "before" else reference + delta
    count = -rule.amount if rule.direction == "before" else rule.amount
    day = calendar.add_working_days(reference.date(), count)
    return dt.datetime.combine(day, dt.time(23, 59), tzinfo=reference.tzinfo)
