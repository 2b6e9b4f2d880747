"""The working-day calendar of the installation and the deadlines of visits and press events:
the pure rules of `workdays`, plus the announcements an administrator adds in a JSON file
(`TTDN_HOLIDAYS_FILE`) as soon as a year's holiday schedule is published."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from ttdn.core.errors import ValidationFailed
from ttdn.press.workdays import WorkCalendar, deadline_for, default_calendar, rule_in_force


def work_calendar() -> WorkCalendar:
    path = getattr(settings, "TTDN_HOLIDAYS_FILE", "")
    if not path:
        return default_calendar()
    try:
        return default_calendar(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError) as exc:
        raise ValidationFailed(f"Không đọc được tệp lịch nghỉ lễ {path}: {exc}") from exc


@dataclass(frozen=True)
class VisitDeadlines:
    apply_deadline: dt.date | None
    answer_due: dt.date | None
    report_due: dt.date | None
    legal_basis: str


def _day(code: str, on: dt.date, reference: dt.date) -> tuple[dt.date | None, str]:
    rule = rule_in_force(code, on)
    if rule is None:
        return None, ""
    moment = timezone.make_aware(dt.datetime.combine(reference, dt.time(8, 0)))
    return timezone.localtime(deadline_for(rule, moment, work_calendar())).date(), rule.legal_basis


def visit_deadlines(
    *, received_on: dt.date, starts: dt.date, ends: dt.date, resident: bool
) -> VisitDeadlines:
    """The rules in force on the day the request was received (a later decree does not move
    the deadlines of a file already open)."""
    apply_deadline, basis_apply = _day("apply_before_entry", received_on, starts)
    answer_code = "answer_resident" if resident else "answer_non_resident"
    answer_due, basis_answer = _day(answer_code, received_on, received_on)
    if answer_due is None and resident:
        answer_due, basis_answer = _day("answer_non_resident", received_on, received_on)
    report_due, _basis = _day("post_programme_report", received_on, ends)
    bases = dict.fromkeys(b for b in (basis_apply, basis_answer) if b)
    return VisitDeadlines(apply_deadline, answer_due, report_due, "; ".join(bases))


def press_notice_deadline(starts_at: dt.datetime) -> tuple[dt.datetime | None, str]:
    local = timezone.localtime(starts_at)  # working days are counted on Vietnam's dates
    rule = rule_in_force("press_conference_notice", local.date())
    if rule is None:
        return None, ""
    return deadline_for(rule, local, work_calendar()), rule.legal_basis
