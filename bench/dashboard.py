"""Benchmark: the coordinating agency's completeness dashboard on a province-size plan.

Run: `.venv/bin/python bench/dashboard.py [--runs N]` — builds, in a throwaway SQLite database
(a temporary folder, deleted at the end), 60 units × 600 tasks × 4 quarterly periods (each task
one lead and 0–3 support units, one task in four quarterly, work done on time, late, overdue or
under way, reports of most units in every state), then times the server work of the dashboard:
`reporting.selectors.period_completeness` and a full rendered GET of `reporting:dashboard` as a
signed-in coordinator, N runs each after 3 warm-ups; prints the median, the p95 and the query
count, and the query count of the same plan with 15 units (it must not depend on the number of
units). Ends with `RESULT p95_ms=<page p95> queries=<page query count>`. Not run as a test.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

VAR_DIR = tempfile.mkdtemp(prefix="ttdn-bench-dashboard-")
os.environ.pop("DATABASE_URL", None)  # always the throwaway SQLite file, never a real server
os.environ.pop("TTDN_DEBUG", None)  # production settings: no query log kept in memory
os.environ["TTDN_VAR_DIR"] = VAR_DIR
os.environ["DJANGO_SETTINGS_MODULE"] = "ttdn.config.settings_test"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from ttdn.documents.models import Document  # noqa: E402
from ttdn.plans import lifecycle  # noqa: E402
from ttdn.plans.lifecycle import ItemState  # noqa: E402
from ttdn.plans.models import (  # noqa: E402
    AssignmentRole,
    Plan,
    Task,
    TaskAssignment,
    TaskOccurrence,
    WorkItem,
)
from ttdn.plans.schedule import occurrences  # noqa: E402
from ttdn.reporting.models import (  # noqa: E402
    PeriodKind,
    ReportingPeriod,
    ReportStatus,
    UnitReport,
)
from ttdn.reporting.selectors import period_completeness  # noqa: E402
from ttdn.units.models import Role, Unit, UnitKind, User  # noqa: E402

YEAR = 2026
TODAY = dt.date(YEAR, 11, 22)
VN = ZoneInfo("Asia/Ho_Chi_Minh")
TASKS = 600
SECTIONS = [
    "I. THÔNG TIN VỀ TỈNH",
    "II. THÔNG TIN ĐỐI NGOẠI QUA BÁO CHÍ",
    "III. BIÊN GIỚI, BIỂN ĐẢO",
    "IV. ĐẤU TRANH VỚI THÔNG TIN SAI TRÁI",
    "V. TẬP HUẤN, BỒI DƯỠNG",
    "VI. TỔ CHỨC THỰC HIỆN",
]
WARM_UPS = 3


def moment(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=VN)


def build(*, tag: str, units_count: int, seed: int) -> tuple[Plan, list[ReportingPeriod]]:
    """One plan of `TASKS` tasks over `units_count` units, its items, quarters and reports."""
    rng = random.Random(seed)
    units = Unit.objects.bulk_create(
        Unit(code=f"{tag}-{n:02d}", name=f"Đơn vị {tag} số {n:02d}", kind=UnitKind.DEPARTMENT)
        for n in range(units_count)
    )
    document = Document.objects.create(
        number=f"{seed}/KH-UBND", kind="Kế hoạch", date=dt.date(YEAR, 1, 20), year=YEAR
    )
    plan = Plan.objects.create(
        document=document,
        title=f"Kế hoạch thông tin đối ngoại ({tag})",
        year=YEAR,
        report_deadline=dt.date(YEAR, 11, 15),
        source_name=f"{tag}.docx",
        source_sha256=f"{seed:064d}",
    )
    tasks = Task.objects.bulk_create(_tasks(plan, rng))
    assignments = TaskAssignment.objects.bulk_create(
        TaskAssignment(task=task, role=role, text=unit.name, unit=unit, resolution="resolved")
        for task in tasks
        for role, unit in _units_of_task(units, rng)
    )
    occurrence_rows = TaskOccurrence.objects.bulk_create(
        TaskOccurrence(task=task, seq=o.seq, label=o.label, starts=o.starts, due=o.due)
        for task in tasks
        for o in occurrences(due=task.due, recurrence=task.recurrence, year=YEAR)
    )
    by_task: dict[int, list[TaskAssignment]] = {}
    for assignment in assignments:
        by_task.setdefault(assignment.task_id, []).append(assignment)
    items = [
        _item(occurrence, assignment, rng)
        for occurrence in occurrence_rows
        for assignment in by_task[occurrence.task_id]
    ]
    WorkItem.objects.bulk_create(items, batch_size=2000)
    _roll_up(occurrence_rows, items)
    periods = ReportingPeriod.objects.bulk_create(_quarters(plan))
    UnitReport.objects.bulk_create(
        report for period in periods for unit in units if (report := _report(period, unit, rng))
    )
    return plan, periods


def _tasks(plan: Plan, rng: random.Random) -> list[Task]:
    rows = []
    for order in range(1, TASKS + 1):
        quarterly = order % 4 == 0
        due = dt.date(YEAR, 12, 31) if quarterly else dt.date(YEAR, rng.randint(1, 12), 28)
        rows.append(
            Task(
                plan=plan,
                order=order,
                ref=f"{order}",
                section=SECTIONS[order * len(SECTIONS) // (TASKS + 1)],
                text=f"Nhiệm vụ số {order}: thông tin đối ngoại về tỉnh.",
                due=due,
                recurrence="quarterly" if quarterly else "",
            )
        )
    return rows


def _units_of_task(units: list[Unit], rng: random.Random) -> list[tuple[str, Unit]]:
    chosen = rng.sample(units, 1 + rng.randint(0, 3))
    return [(AssignmentRole.LEAD, chosen[0])] + [(AssignmentRole.SUPPORT, u) for u in chosen[1:]]


def _item(occurrence: TaskOccurrence, assignment: TaskAssignment, rng: random.Random) -> WorkItem:
    """Past its date: done on time (60%), done late (15%) or overdue; later: done early,
    under way or not started."""
    due, draw = occurrence.due, rng.random()
    status, progress, completed = lifecycle.NOT_STARTED, 0, None
    if due < TODAY:
        if draw < 0.60:
            status, progress = lifecycle.DONE, 100
            completed = moment(due - dt.timedelta(days=rng.randint(0, 20)))
        elif draw < 0.75:
            status, progress = lifecycle.DONE, 100
            completed = moment(min(TODAY, due + dt.timedelta(days=rng.randint(1, 30))))
        else:
            status, progress = lifecycle.OVERDUE, rng.randint(0, 90)
    elif draw < 0.1:
        status, progress, completed = lifecycle.DONE, 100, moment(TODAY - dt.timedelta(days=3))
    elif draw < 0.7:
        status, progress = lifecycle.IN_PROGRESS, rng.randint(5, 95)
    return WorkItem(
        occurrence=occurrence,
        assignment=assignment,
        unit_id=assignment.unit_id,
        role=assignment.role,
        status=status,
        progress=progress,
        completed_at=completed,
    )


def _roll_up(occurrence_rows: list[TaskOccurrence], items: list[WorkItem]) -> None:
    """Occurrence states from their lead items, as `plans.tracking` keeps them."""
    leads: dict[int, list[ItemState]] = {}
    for item in items:
        if item.role == AssignmentRole.LEAD:
            state = ItemState(item.status, item.progress, item.completed_at)
            leads.setdefault(item.occurrence_id, []).append(state)
    for occurrence in occurrence_rows:
        state = lifecycle.roll_up(leads[occurrence.pk], due=occurrence.due, today=TODAY)
        assert state is not None
        occurrence.status, occurrence.progress = state.status, state.progress
        occurrence.completed_at = state.completed_at
    TaskOccurrence.objects.bulk_update(
        occurrence_rows, ["status", "progress", "completed_at"], batch_size=2000
    )


def _quarters(plan: Plan) -> list[ReportingPeriod]:
    rows = []
    for q, roman in enumerate(("I", "II", "III", "IV")):
        starts = dt.date(YEAR, 3 * q + 1, 1)
        ends = dt.date(YEAR, 3 * q + 3, calendar.monthrange(YEAR, 3 * q + 3)[1])
        rows.append(
            ReportingPeriod(
                plan=plan,
                kind=PeriodKind.QUARTER,
                name=f"Quý {roman}/{YEAR}",
                starts=starts,
                ends=ends,
                deadline=ends.replace(day=15),
            )
        )
    return rows


REPORT_STATES = [  # (status, share) of the units that opened a report
    (ReportStatus.ACCEPTED, 0.55),
    (ReportStatus.SUBMITTED, 0.15),
    (ReportStatus.RETURNED, 0.08),
    (ReportStatus.APPROVED, 0.05),
    (ReportStatus.PENDING_APPROVAL, 0.07),
    (ReportStatus.DRAFT, 0.10),
]


def _report(period: ReportingPeriod, unit: Unit, rng: random.Random) -> UnitReport | None:
    """Most units report (85%), in every state; a fifth of the submissions are late."""
    if period.starts > TODAY or rng.random() > 0.85:
        return None
    status = rng.choices([s for s, _ in REPORT_STATES], [w for _, w in REPORT_STATES])[0]
    report = UnitReport(period=period, unit=unit, status=status, summary="Kết quả thực hiện.")
    if status in (ReportStatus.ACCEPTED, ReportStatus.SUBMITTED, ReportStatus.RETURNED):
        late = rng.random() < 0.2
        day = period.deadline + dt.timedelta(
            days=rng.randint(1, 10) if late else -rng.randint(0, 5)
        )
        report.first_submitted_at = report.submitted_at = moment(day)
        if status != ReportStatus.SUBMITTED:
            report.reviewed_at = moment(day + dt.timedelta(days=3))
            report.review_comment = "Đề nghị bổ sung số liệu." if status == "returned" else ""
    return report


def timed(run: Callable[[], object], runs: int) -> tuple[float, float, int]:
    """(median ms, p95 ms, queries of one run) after the warm-ups."""
    for _ in range(WARM_UPS):
        run()
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        timings.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        run()
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * len(timings)) - 1)]
    return statistics.median(timings), p95, len(queries.captured_queries)


def page(client: Client, plan: Plan, period: ReportingPeriod) -> Callable[[], object]:
    url = f"{reverse('reporting:dashboard')}?plan={plan.pk}&period={period.pk}"

    def get() -> object:
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        assert period.name.encode() in response.content
        return response

    return get


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    try:
        call_command("migrate", verbosity=0, interactive=False)
        started = time.perf_counter()
        plan, periods = build(tag="A", units_count=60, seed=60)
        small_plan, small_periods = build(tag="B", units_count=15, seed=15)
        built = (time.perf_counter() - started) * 1000
        coordinator = User(username="daumoi", role=Role.COORDINATOR)
        coordinator.unit = Unit.objects.get(code="A-00")
        coordinator.set_unusable_password()
        coordinator.save()
        client = Client()
        client.force_login(coordinator)
        period = periods[2]  # Quý III: closed, every state of reports and tasks
        items = WorkItem.objects.filter(occurrence__task__plan=plan).count()
        reports = UnitReport.objects.filter(period__plan=plan).count()
        print(f"data: 60 units, {TASKS} tasks, {items} work items, 4 periods, {reports} reports")
        print(f"built (bulk_create, both plans) in {built:.0f} ms; timing {period.name}")

        def selector() -> object:
            return period_completeness(period=period, today=TODAY)

        board = period_completeness(period=period, today=TODAY).figures
        print(
            f"{period.name}: {board.expected} units expected, {board.submitted} submitted, "
            f"{board.on_time} on time, {board.accepted} accepted, {board.returned} returned; "
            f"{board.tasks.due} work items due: {board.tasks.done_on_time} on time, "
            f"{board.tasks.done_late} late, {board.tasks.overdue} overdue"
        )
        sel_median, sel_p95, sel_queries = timed(selector, args.runs)
        print(
            f"period_completeness: median {sel_median:.1f} ms, p95 {sel_p95:.1f} ms, "
            f"{sel_queries} queries"
        )
        page_median, page_p95, page_queries = timed(page(client, plan, period), args.runs)
        print(
            f"GET dashboard:       median {page_median:.1f} ms, p95 {page_p95:.1f} ms, "
            f"{page_queries} queries"
        )
        _, _, small_queries = timed(page(client, small_plan, small_periods[2]), 1)
        print(f"GET dashboard, 15 units: {small_queries} queries (60 units: {page_queries})")
        print(f"RESULT p95_ms={page_p95:.1f} queries={page_queries}")
    finally:
        connection.close()
        shutil.rmtree(VAR_DIR, ignore_errors=True)


if __name__ == "__main__":
    main()
