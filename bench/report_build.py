"""Benchmark: the province result report on a province-size plan.

Run: `.venv/bin/python bench/report_build.py [--runs N]` — builds, with the dataset builder of
bench/dashboard.py (a throwaway SQLite database, deleted at the end), 60 units × 600 tasks, adds
the year period with an update (narrative, money, two figures) for every work item that is done
or under way, then times the whole province report: data gathering, both charts, the .docx
from the default template and the .xlsx appendix. N runs (default 5) after one warm-up; prints
the median and the max, and ends with `RESULT seconds=<max> preview_seconds=<max>
[pdf_seconds=<one run>]`: the browser preview (the .docx read back as HTML) and, where
LibreOffice is installed, the PDF conversion of the same report. Target: under 5 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import dashboard
from django.core.management import call_command
from django.db import connection

from ttdn.core.office import docx_to_pdf, pdf_available
from ttdn.plans.models import TaskStatus, WorkItem
from ttdn.reporting.compiled.preview import docx_html
from ttdn.reporting.compiled.render import report_build
from ttdn.reporting.models import (
    Indicator,
    PeriodKind,
    ReportingPeriod,
    TaskUpdate,
    UpdateValue,
)


def year_with_updates(plan_id: int) -> ReportingPeriod:
    year = dashboard.YEAR
    period = ReportingPeriod.objects.create(
        plan_id=plan_id,
        kind=PeriodKind.YEAR,
        name=f"Năm {year}",
        starts=dt.date(year, 1, 1),
        ends=dt.date(year, 12, 31),
        deadline=dt.date(year, 11, 15),
    )
    items = WorkItem.objects.filter(occurrence__task__plan_id=plan_id).exclude(
        status=TaskStatus.NOT_STARTED
    )
    updates = TaskUpdate.objects.bulk_create(
        (
            TaskUpdate(
                work_item_id=pk,
                period=period,
                narrative="Đã đăng tải tin, bài và tổ chức hoạt động theo kế hoạch.",
                status=status,
                progress=progress,
                spent_vnd=1_500_000,
            )
            for pk, status, progress in items.values_list("pk", "status", "progress")
        ),
        batch_size=2000,
    )
    news, classes = Indicator.objects.order_by("order")[:2]
    UpdateValue.objects.bulk_create(
        (
            UpdateValue(update=update, indicator=indicator, value=value)
            for update in updates
            for indicator, value in ((news, 4), (classes, 1))
        ),
        batch_size=2000,
    )
    return period


def _preview_and_pdf(period: ReportingPeriod, runs: int) -> str:
    """The browser preview (the .docx read back as HTML) and, when LibreOffice is installed,
    the PDF conversion of the same report; their max times for the RESULT line."""
    docx = report_build(user=None, period=period, today=dashboard.TODAY).docx
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        html = docx_html(docx)
        timings.append(time.perf_counter() - started)
    print(
        f"preview (.docx → HTML, {len(html) / 1024:.0f} KB), {runs} runs: max {max(timings):.2f} s"
    )
    figures = f" preview_seconds={max(timings):.2f}"
    if pdf_available():
        started = time.perf_counter()
        pdf = docx_to_pdf(docx)
        seconds = time.perf_counter() - started
        print(f"PDF through LibreOffice ({len(pdf) / 1024:.0f} KB), 1 run: {seconds:.2f} s")
        figures += f" pdf_seconds={seconds:.2f}"
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    try:
        call_command("migrate", verbosity=0, interactive=False)
        plan, _ = dashboard.build(tag="A", units_count=60, seed=60)
        period = year_with_updates(plan.pk)
        updates = TaskUpdate.objects.filter(period=period).count()
        print(f"data: 60 units, {dashboard.TASKS} tasks, {updates} updates in {period.name}")

        def build() -> int:
            built = report_build(user=None, period=period, today=dashboard.TODAY)
            return len(built.docx) + len(built.xlsx)

        size = build()  # warm-up: imports, fonts, template
        timings = []
        for _ in range(args.runs):
            started = time.perf_counter()
            build()
            timings.append(time.perf_counter() - started)
        print(f"report .docx + .xlsx: {size / 1024:.0f} KB")
        print(
            f"province report (data, charts, docx, xlsx), {args.runs} runs: "
            f"median {statistics.median(timings):.2f} s, max {max(timings):.2f} s"
        )
        extra = _preview_and_pdf(period, args.runs)
        print(f"RESULT seconds={max(timings):.2f}{extra}")
    finally:
        connection.close()
        shutil.rmtree(dashboard.VAR_DIR, ignore_errors=True)


if __name__ == "__main__":
    main()
