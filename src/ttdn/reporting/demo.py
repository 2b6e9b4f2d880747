"""`ttdn demo`, second half: the demo plan in progress, as things stood on 22/11/2026.

The rows of `reporting.demo_data` are played back through the services in time order, each on
its own date, so the demo looks the same whatever day it is loaded: services that take `today`
or `now` are given it; what they stamp with the clock (completion times, audit rows,
notifications) is set to the row's time afterwards with queryset.update(), which is fine for
demo data only. From the real date on, the daily overdue job and the dashboards move on.
Idempotent: once the demo plan has a task update, the progress is not loaded again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.contrib.auth.hashers import make_password
from django.db import models, transaction
from django.db.models import F, Max
from django.test.utils import override_settings
from django.utils import timezone

from ttdn.notifications.models import Notification
from ttdn.plans import lifecycle
from ttdn.plans.models import Plan, Task, TaskAssignment, TaskOccurrence, WorkItem
from ttdn.plans.tracking import work_items_mark_overdue, work_items_sync
from ttdn.reporting.demo_data import (
    PEOPLE,
    PERIODS,
    PROGRESS_ACCOUNTS,
    REPORT_TEXTS,
    REPORTS,
    REVIEWER,
    UPDATES,
    Report,
    Update,
)
from ttdn.reporting.evidence import evidence_add_link
from ttdn.reporting.models import (
    Evidence,
    Indicator,
    PeriodKind,
    ReportingPeriod,
    TaskUpdate,
    UnitReport,
    UpdateValue,
)
from ttdn.reporting.selectors import period_closed_reason, report_lines
from ttdn.reporting.services import (
    indicator_values_suggested,
    periods_create_defaults,
    report_open,
    report_save,
    report_transition,
    task_update_save,
)
from ttdn.units.demo import DEMO_PASSWORD
from ttdn.units.models import Unit, User

REFERENCE_DAY = dt.date(2026, 11, 22)
VN = ZoneInfo("Asia/Ho_Chi_Minh")
DUMMY_MAIL = "django.core.mail.backends.dummy.EmailBackend"
# Audit rows, and fields the services stamp with the clock, that take the time of the row
# played back.
AUDITED: tuple[type[models.Model], ...] = (
    WorkItem,
    TaskOccurrence,
    Task,
    TaskUpdate,
    UpdateValue,
    Evidence,
    UnitReport,
    ReportingPeriod,
)
CLOCK_FIELDS: dict[type[models.Model], tuple[str, ...]] = {
    WorkItem: ("updated_at", "completed_at"),
    TaskOccurrence: ("completed_at",),
    TaskUpdate: ("created_at", "updated_at"),
    Evidence: ("added_at",),
    ReportingPeriod: ("created_at",),
}


@dataclass(frozen=True)
class ProgressSummary:
    loaded: bool  # False: the plan already had progress, nothing was written
    updates: int
    reports: int
    accounts_created: int


def at(when: str) -> dt.datetime:
    """ "dd/mm HH:MM" of 2026, Vietnam time."""
    return dt.datetime.strptime(f"{when} 2026", "%d/%m %H:%M %Y").replace(tzinfo=VN)


def demo_progress_load(*, plan: Plan) -> ProgressSummary:
    """Load the demo's progress on `plan` (the demo plan) unless it already has some."""
    created = demo_accounts_load()
    loaded = False
    if not TaskUpdate.objects.filter(work_item__occurrence__task__plan=plan).exists():
        first = Notification.objects.aggregate(top=Max("pk"))["top"] or 0
        # The past events of the demo are not mailed (the console would fill with letters);
        # their notifications count as mailed when they were created.
        with override_settings(EMAIL_BACKEND=DUMMY_MAIL), transaction.atomic():
            _Playback(plan).run()
        Notification.objects.filter(pk__gt=first).update(emailed_at=F("created_at"))
        loaded = True
    return ProgressSummary(
        loaded=loaded,
        updates=TaskUpdate.objects.filter(work_item__occurrence__task__plan=plan).count(),
        reports=UnitReport.objects.filter(period__plan=plan).count(),
        accounts_created=created,
    )


@transaction.atomic
def demo_accounts_load() -> int:
    """The leaders of `PROGRESS_ACCOUNTS`; returns how many were created. New accounts get the
    demo password (hashed once: hashing takes seconds); existing ones keep theirs."""
    units = {
        u.code: u for u in Unit.objects.filter(code__in={a.unit_code for a in PROGRESS_ACCOUNTS})
    }
    existing = {
        u.username: u
        for u in User.objects.filter(username__in=[a.username for a in PROGRESS_ACCOUNTS])
    }
    password = make_password(DEMO_PASSWORD) if len(existing) < len(PROGRESS_ACCOUNTS) else ""
    for account in PROGRESS_ACCOUNTS:
        user = existing.get(account.username) or User(username=account.username, password=password)
        user.full_name, user.role, user.position = account.full_name, account.role, account.position
        user.unit = units[account.unit_code]
        user.email = f"{account.username}@demo.ttdn.local"
        user.save()
    return len(PROGRESS_ACCOUNTS) - len(existing)


class _Playback:
    """Plays `UPDATES` and `REPORTS` back in time order."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        names = {name for pair in PEOPLE.values() for name in pair} | {REVIEWER}
        self.users = {u.username: u for u in User.objects.filter(username__in=names)}
        self.units = {u.code: u for u in Unit.objects.filter(code__in=PEOPLE)}
        self.indicators = dict(Indicator.objects.values_list("code", "pk"))
        self.periods: dict[str, ReportingPeriod] = {}
        self.histories = {model: model.history.model for model in AUDITED}
        self.marks = self._last_ids()

    def run(self) -> None:
        self._date_import(at("25/01 09:00"))
        with self._dated(at("25/01 09:00")):
            work_items_sync(plan=self.plan, today=dt.date(2026, 1, 25))
            periods_create_defaults(user=self.users[REVIEWER], plan=self.plan)
        by_name = {p.name: p for p in ReportingPeriod.objects.filter(plan=self.plan)}
        self.periods = {key: by_name[name] for key, name in PERIODS.items()}
        for moment, _, play in sorted(self._events(), key=lambda event: event[:2]):
            with self._dated(moment):
                play()
        with self._dated(dt.datetime.combine(REFERENCE_DAY, dt.time(6), tzinfo=VN)):
            work_items_mark_overdue(today=REFERENCE_DAY)  # the daily job of the reference day

    def _date_import(self, moment: dt.datetime) -> None:
        """The plan was imported as the year began, not on the day the demo is loaded."""
        plan = self.plan
        Plan.objects.filter(pk=plan.pk).update(imported_at=moment)
        task_ids = list(plan.tasks.values_list("pk", flat=True))
        occurrence_ids = TaskOccurrence.objects.filter(task__plan=plan).values_list("pk", flat=True)
        for model, rows in (
            (Plan, {"id": plan.pk}),
            (Task, {"id__in": task_ids}),
            (TaskAssignment, {"task_id__in": task_ids}),
            (TaskOccurrence, {"task_id__in": task_ids}),
            (WorkItem, {"occurrence_id__in": list(occurrence_ids)}),
        ):
            model.history.model._default_manager.filter(**rows).update(history_date=moment)

    def _last_ids(self) -> dict[type[models.Model], int]:
        last = {
            model: history._default_manager.aggregate(top=Max("history_id"))["top"] or 0
            for model, history in self.histories.items()
        }
        last[Notification] = Notification.objects.aggregate(top=Max("pk"))["top"] or 0
        return last

    @contextmanager
    def _dated(self, moment: dt.datetime) -> Iterator[None]:
        """Whatever the block writes is dated `moment`: audit rows, completion and update
        times, notifications (read already when older than a month)."""
        started = timezone.now()
        yield
        span = (started, timezone.now())
        marks, self.marks = self.marks, self._last_ids()
        for model, history in self.histories.items():
            if self.marks[model] == marks[model]:
                continue  # nothing of this kind written
            history._default_manager.filter(history_id__gt=marks[model]).update(history_date=moment)
            for field in CLOCK_FIELDS.get(model, ()):
                model._default_manager.filter(**{f"{field}__range": span}).update(**{field: moment})
        old = moment.date() < REFERENCE_DAY - dt.timedelta(days=30)
        Notification.objects.filter(pk__gt=marks[Notification]).update(
            created_at=moment, read_at=moment + dt.timedelta(hours=2) if old else None
        )

    def _events(self) -> Iterator[tuple[dt.datetime, int, Callable[[], None]]]:
        order = 0
        for row in UPDATES:
            order += 1
            yield at(row.when), order, lambda row=row: self._update(row)  # type: ignore[misc]
        for report in REPORTS:
            order += 1
            yield at(report.prepared), order, lambda r=report: self._prepare(r)  # type: ignore[misc]
            for action, when in report.steps:
                order += 1
                yield at(when), order, lambda r=report, a=action, w=when: self._step(r, a, w)  # type: ignore[misc]

    def _officer(self, unit_code: str) -> User:
        return self.users[PEOPLE[unit_code][0]]

    def _update(self, row: Update) -> None:
        item = WorkItem.objects.select_related("occurrence").get(
            occurrence__task__plan=self.plan,
            occurrence__task__ref=row.ref,
            occurrence__seq=row.seq,
            unit__code=row.unit,
        )
        today = at(row.when).date()
        period = self._open_period(row.period, item.unit_id, today)
        existing = TaskUpdate.objects.filter(work_item=item, period=period).first()
        # "Overdue" is never chosen nor left for "in progress" by a unit: it keeps the status
        # and the lifecycle settles it against the date.
        overdue = row.status == lifecycle.IN_PROGRESS and item.status == lifecycle.OVERDUE
        update = task_update_save(
            user=self._officer(row.unit),
            item=item,
            period=period,
            narrative=row.text,
            status=lifecycle.OVERDUE if overdue else row.status,
            progress=row.progress,
            spent_vnd=row.spent,
            values={self.indicators[code]: value for code, value in row.values.items()},
            version=existing.version if existing else 0,
            today=today,
        )
        for title, url in row.links:
            evidence_add_link(
                user=self._officer(row.unit), update=update, url=url, title=title, today=today
            )

    def _open_period(self, key: str, unit_id: int, today: dt.date) -> ReportingPeriod:
        """Work finished after the unit's report for the period went out is reported in the
        year's period, as units do."""
        period = self.periods[key]
        status = (
            UnitReport.objects.filter(period=period, unit_id=unit_id)
            .values_list("status", flat=True)
            .first()
        )
        return self.periods["N"] if period_closed_reason(period, status, today) else period

    def _prepare(self, row: Report) -> None:
        officer, today = self._officer(row.unit), at(row.prepared).date()
        period, unit = self.periods[row.period], self.units[row.unit]
        report = report_open(user=officer, period=period, unit=unit)
        if period.kind in (PeriodKind.HALF, PeriodKind.YEAR):
            self._summary_updates(officer, period, unit, today)
        summary, difficulties, proposals = REPORT_TEXTS[row.unit]
        report_save(
            user=officer,
            report=report,
            summary=summary.format(period=period.name),
            difficulties=difficulties,
            proposals=proposals,
            version=report.version,
            today=today,
        )

    def _summary_updates(
        self, user: User, period: ReportingPeriod, unit: Unit, today: dt.date
    ) -> None:
        """For the six months and the year, each item's update gathers its quarters' texts,
        figures and money (where the unit has not written one for the period itself)."""
        quarters = [p for p in self.periods.values() if p.kind == PeriodKind.QUARTER]
        for line in report_lines(period=period, unit=unit):
            earlier = [
                u
                for u in TaskUpdate.objects.filter(work_item=line.item, period__in=quarters)
                .select_related("period")
                .order_by("period__starts")
                if period.starts <= u.period.starts and u.period.ends <= period.ends
            ]
            if not earlier or line.update is not None:
                continue
            item = WorkItem.objects.select_related("occurrence").get(pk=line.item.pk)
            spent = sum(u.spent_vnd or 0 for u in earlier)
            task_update_save(
                user=user,
                item=item,
                period=period,
                narrative="\n".join(f"{u.period.name}: {u.narrative}" for u in earlier),
                status=item.status,
                progress=item.progress,
                spent_vnd=spent or None,
                values=indicator_values_suggested(item=item, period=period),
                today=today,
            )

    def _step(self, row: Report, action: str, when: str) -> None:
        officer, leader = PEOPLE[row.unit]
        who = {"approve": leader, "accept": REVIEWER, "return": REVIEWER}.get(action, officer)
        report = UnitReport.objects.get(period=self.periods[row.period], unit=self.units[row.unit])
        report_transition(
            user=self.users[who],
            report=report,
            action=action,
            comment=row.comment if action == "return" else "",
            now=at(when),
        )
