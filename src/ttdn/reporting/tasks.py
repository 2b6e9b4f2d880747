"""Background jobs of task tracking, enqueued by `ttdn scheduler`: marking overdue work, the
daily reminders and the weekly digest. Each takes the day as an ISO date string (what the
task backend can store) and is idempotent, so a slot run twice changes nothing more.
"""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from ttdn.plans.tracking import work_items_mark_overdue
from ttdn.reporting.reminders import reminders_due, weekly_digest


@task()
def overdue_mark(today_iso: str) -> int:
    return work_items_mark_overdue(today=dt.date.fromisoformat(today_iso))


@task()
def reminders_send(today_iso: str) -> int:
    return reminders_due(today=dt.date.fromisoformat(today_iso))


@task()
def digest_send(today_iso: str) -> int:
    return weekly_digest(today=dt.date.fromisoformat(today_iso))
