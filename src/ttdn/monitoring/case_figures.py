"""The response cases of a period counted for reports (the compiled reports of reporting and
the press digest): by kind and status, answered on time or late against their due time, still
open past it, and the notable ones. Two queries whatever the number of cases.

A case is of the period when it was opened in it. It is answered at the first time it reached
"đã phản hồi" or "đã cung cấp thông tin" (read from its audit trail, so reopening it later
does not erase the answer); a case closed without an answer was found to need none."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass

from django.db.models import Min
from django.utils import timezone, translation

from ttdn.monitoring.models import CaseKind, CaseStatus, ResponseCase

ANSWERED = (CaseStatus.RESPONDED, CaseStatus.INFORMED)
OPEN = (CaseStatus.NEW, CaseStatus.IN_PROGRESS)
NOTABLE_SHOWN = 10


class Timeliness:
    """Where a case stands against its due time (codes; `LABELS` reads them)."""

    ON_TIME = "on_time"
    LATE = "late"
    OVERDUE = "overdue"
    PENDING = "pending"
    NO_ACTION = "no_action"
    LABELS = {
        ON_TIME: "phản hồi đúng hạn",
        LATE: "phản hồi muộn",
        OVERDUE: "quá hạn chưa phản hồi",
        PENDING: "đang xử lý, chưa đến hạn",
        NO_ACTION: "không cần xử lý",
    }
    # The notable list: cases not answered on time come first.
    RANK = {OVERDUE: 0, LATE: 1, PENDING: 2, ON_TIME: 3, NO_ACTION: 4}


@dataclass(frozen=True)
class CaseRow:
    pk: int
    story: str
    story_priority: bool
    kind: str  # CaseKind code
    kind_label: str
    unit: str
    status: str  # CaseStatus code
    status_label: str
    opened_at: dt.datetime
    due_at: dt.datetime
    answered_at: dt.datetime | None
    response_url: str
    timeliness: str  # Timeliness code


@dataclass(frozen=True)
class CaseFigures:
    """Cases (by due time) and their counts."""

    rows: tuple[CaseRow, ...]

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def by_kind(self) -> tuple[tuple[str, int], ...]:
        """(label, number) in CaseKind order, zeros left out."""
        return _counted(self.rows, CaseKind.values, "kind")

    @property
    def by_status(self) -> tuple[tuple[str, int], ...]:
        """(label, number) in CaseStatus order, zeros left out."""
        return _counted(self.rows, CaseStatus.values, "status")

    @property
    def timeliness(self) -> dict[str, int]:
        """Timeliness code → number of cases (every code, zeros included)."""
        counts = Counter(r.timeliness for r in self.rows)
        return {code: counts[code] for code in Timeliness.LABELS}

    @property
    def answered(self) -> int:
        return self.timeliness[Timeliness.ON_TIME] + self.timeliness[Timeliness.LATE]

    @property
    def on_time(self) -> int:
        return self.timeliness[Timeliness.ON_TIME]

    @property
    def overdue(self) -> int:
        return self.timeliness[Timeliness.OVERDUE]

    def opened_within(self, starts: dt.date, ends: dt.date) -> CaseFigures:
        """The cases opened from `starts` to `ends` (days in the installation's time zone)."""
        return CaseFigures(
            tuple(r for r in self.rows if starts <= timezone.localdate(r.opened_at) <= ends)
        )

    def notable(self, limit: int = NOTABLE_SHOWN) -> tuple[CaseRow, ...]:
        """Cases of priority stories first, then those not answered on time (overdue, late),
        then the rest; each by due time."""
        ranked = sorted(
            self.rows,
            key=lambda r: (not r.story_priority, Timeliness.RANK[r.timeliness], r.due_at, r.pk),
        )
        return tuple(ranked[:limit])


def _counted(
    rows: tuple[CaseRow, ...], codes: list[str], field: str
) -> tuple[tuple[str, int], ...]:
    counts = Counter(getattr(r, field) for r in rows)
    labels = {getattr(r, field): getattr(r, f"{field}_label") for r in rows}
    return tuple((labels[code], counts[code]) for code in codes if counts[code])


def as_of(today: dt.date | None) -> dt.datetime:
    """The moment figures "as of `today`" are read at: now on the current day, else the end
    of that day (a report built for a past day counts what was overdue by its end)."""
    if today is None or today == timezone.localdate():
        return timezone.now()
    end = dt.datetime.combine(today, dt.time.max)
    return timezone.make_aware(end, timezone.get_current_timezone())


def _timeliness(
    status: str, due_at: dt.datetime, answered_at: dt.datetime | None, now: dt.datetime
) -> str:
    if answered_at is not None:
        return Timeliness.ON_TIME if answered_at <= due_at else Timeliness.LATE
    if status in OPEN:
        return Timeliness.OVERDUE if due_at < now else Timeliness.PENDING
    return Timeliness.NO_ACTION


def case_figures(
    *,
    starts: dt.date,
    ends: dt.date,
    unit_ids: Collection[int] | None = None,
    now: dt.datetime | None = None,
) -> CaseFigures:
    """The cases opened from `starts` to `ends` (days in the installation's time zone), of the
    units `unit_ids` (None: every unit), classified at `now`."""
    now = now or timezone.now()
    cases = ResponseCase.objects.filter(created_at__date__gte=starts, created_at__date__lte=ends)
    if unit_ids is not None:
        cases = cases.filter(unit_id__in=unit_ids)
    first_answer = dict(
        ResponseCase.history.filter(id__in=cases.values("pk"), status__in=ANSWERED)
        .values("id")
        .annotate(at=Min("history_date"))
        .values_list("id", "at")
    )
    with translation.override("vi"):
        kinds = {code: str(label) for code, label in CaseKind.choices}
        statuses = {code: str(label) for code, label in CaseStatus.choices}
    fields = ("pk", "story__title", "story__priority", "kind", "unit__name", "status", "due_at")
    rows = []
    for pk, story, priority, kind, unit, status, due_at, url, opened_at in cases.order_by(
        "due_at", "pk"
    ).values_list(*fields, "response_url", "created_at"):
        answered_at = first_answer.get(pk)
        stands = _timeliness(status, due_at, answered_at, now)
        row = CaseRow(
            pk, story, priority, kind, kinds[kind], unit, status, statuses[status], opened_at,
            due_at, answered_at, url, stands,
        )  # fmt: skip
        rows.append(row)
    return CaseFigures(tuple(rows))
