"""Background job of the calendar, enqueued daily by `ttdn scheduler`; idempotent."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from ttdn.activities.reminders import calendar_reminders


@task()
def calendar_reminders_send(today_iso: str) -> int:
    return calendar_reminders(today=dt.date.fromisoformat(today_iso))
