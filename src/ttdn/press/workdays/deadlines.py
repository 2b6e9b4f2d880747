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
    # where the value comes from: the article and clause, or why it could not be checked
    provision: str = ""


ND88 = "Nghị định 88/2012/NĐ-CP"
ND262 = "Nghị định 262/2026/NĐ-CP"
ND88_END = dt.date(2026, 6, 30)
ND262_START = dt.date(2026, 7, 1)
ND88_START = dt.date(2012, 12, 20)
# The 2026 rows are as the project was given them (issue 8): the Press Law 126/2025/QH15 takes
# effect on 1/7/2026, but the text of the decree implementing it was not found to check against.
FROM_ISSUE = "theo đề bài (issue 8), chưa đối chiếu được văn bản"

APPLY = "Gửi hồ sơ đề nghị trước ngày nhập cảnh"
ANSWER = "Trả lời đề nghị của phóng viên không thường trú"
ANSWER_RESIDENT = "Trả lời đề nghị của phóng viên thường trú"
NOTICE = "Cơ quan, tổ chức nước ngoài đề nghị / thông báo trước khi họp báo"
DEADLINE_RULES: tuple[DeadlineRule, ...] = (
    DeadlineRule("apply_before_entry", APPLY, 10, "working_days", "before",
                 ND88_START, ND88_END, ND88, "Điều 4 khoản 1"),
    DeadlineRule("apply_before_entry", APPLY, 10, "working_days", "before",
                 ND262_START, None, ND262, FROM_ISSUE),
    DeadlineRule("answer_non_resident", ANSWER, 10, "working_days", "after",
                 ND88_START, None, ND88, "Điều 4 khoản 2"),
    # A resident reporter's request to work in a province is answered by the provincial
    # People's Committee within 5 working days already under NĐ 88 (not only from 2026).
    DeadlineRule("answer_resident", ANSWER_RESIDENT, 5, "working_days", "after",
                 ND88_START, ND88_END, ND88, "Điều 13 (hoạt động tại địa phương)"),
    DeadlineRule("answer_resident", ANSWER_RESIDENT, 5, "working_days", "after",
                 ND262_START, None, ND262, FROM_ISSUE),
    # NĐ 88: a press conference outside Hà Nội is requested from the provincial People's
    # Committee at least 2 working days before it.
    DeadlineRule("press_conference_notice", NOTICE, 2, "working_days", "before",
                 ND88_START, ND88_END, ND88, "Điều 18 khoản 2"),
    DeadlineRule("press_conference_notice", NOTICE, 24, "hours", "before",
                 ND262_START, None, ND262, FROM_ISSUE),
    DeadlineRule("post_programme_report", "Báo cáo kết quả sau chương trình", 3, "working_days",
                 "after", ND88_START, None, "Quy chế phối hợp của tỉnh",
                 "theo đề bài (issue 8), không tìm thấy trong văn bản tra được"),
)  # fmt: skip


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
