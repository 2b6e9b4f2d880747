"""The press monitoring's response cases in a compiled report (part I and the appendix): the
cases opened in the period, of the province or of a unit and its sub-units, read by
`monitoring.case_figures` (two queries) and worded as `model.Cases`. The press digest words its
part IV with the same sentence."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from ttdn.monitoring.case_figures import CaseFigures, CaseRow, Timeliness, as_of, case_figures
from ttdn.reporting.compiled.model import CaseLine, Cases
from ttdn.reporting.models import ReportingPeriod
from ttdn.units.models import Unit
from ttdn.units.selectors import unit_subtree_ids


def _when(moment: dt.datetime) -> str:
    return f"{timezone.localtime(moment):%H:%M %d/%m/%Y}"


def case_line(row: CaseRow) -> CaseLine:
    answered = f"{timezone.localtime(row.answered_at):%d/%m/%Y}" if row.answered_at else ""
    return CaseLine(
        story=row.story,
        kind=row.kind_label,
        unit=row.unit,
        status=row.status_label,
        due=_when(row.due_at),
        answered=answered,
        timeliness=Timeliness.LABELS[row.timeliness],
        link=row.response_url,
    )


def cases_worded(figures: CaseFigures) -> Cases:
    def counted(pairs: tuple[tuple[str, int], ...]) -> str:
        return "; ".join(f"{n} {label.lower()}" for label, n in pairs)

    t = figures.timeliness
    return Cases(
        total=figures.total,
        by_kind=counted(figures.by_kind),
        by_status=counted(figures.by_status),
        answered=figures.answered,
        on_time=t[Timeliness.ON_TIME],
        late=t[Timeliness.LATE],
        overdue=t[Timeliness.OVERDUE],
        pending=t[Timeliness.PENDING],
        no_action=t[Timeliness.NO_ACTION],
        notable=tuple(case_line(row) for row in figures.notable()),
        lines=tuple(case_line(row) for row in figures.rows),
    )


def report_cases(
    *, period: ReportingPeriod, unit: Unit | None, today: dt.date | None = None
) -> Cases:
    """The cases of the period: every unit's for the province report, the unit's and its
    sub-units' for a unit's report; overdue counted as of `today`."""
    unit_ids = None if unit is None else unit_subtree_ids(unit.pk)
    figures = case_figures(
        starts=period.starts, ends=period.ends, unit_ids=unit_ids, now=as_of(today)
    )
    return cases_worded(figures)
