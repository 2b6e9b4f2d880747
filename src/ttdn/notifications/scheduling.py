"""The periodic jobs and their slots: what `ttdn scheduler` enqueues, and when.

A job's slot is the day ("2026-11-22") or the ISO week ("2026-W47") it runs for. Once the
slot's time has come, the first tick that claims it (a ScheduledRun row, unique per job and
slot) enqueues the task; every other tick, in this process or another scheduler, finds the row
and does nothing. A tick that comes late (the server was down at 06:30) still claims the slot
of the day, so a missed run catches up the same day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from ttdn.notifications.models import ScheduledRun


@dataclass(frozen=True)
class Job:
    name: str
    label: str  # shown when the job is enqueued
    task_path: str  # a django-tasks task taking the day as an ISO date string
    at: dt.time  # Vietnam time
    weekday: int | None = None  # None: every day; 0: Monday of each ISO week

    def slot(self, now: dt.datetime) -> tuple[str, dt.datetime]:
        """The slot `now` (local time) falls in, and the moment it opens."""
        day = now.date()
        if self.weekday is None:
            return day.isoformat(), _local(day, self.at)
        year, week, weekday = day.isocalendar()
        opens = day - dt.timedelta(days=weekday - 1 - self.weekday)
        return f"{year}-W{week:02d}", _local(opens, self.at)


# In order: the reminders run after the overdue marking (they compute overdue from due dates
# themselves, so they stay right even if a worker takes them first).
JOBS: tuple[Job, ...] = (
    Job("overdue", "đánh dấu việc quá hạn", "ttdn.reporting.tasks.overdue_mark", dt.time(6, 30)),
    Job("reminders", "nhắc hạn, đôn đốc", "ttdn.reporting.tasks.reminders_send", dt.time(6, 30)),
    Job("digest", "tổng hợp tuần", "ttdn.reporting.tasks.digest_send", dt.time(7, 0), weekday=0),
    Job(
        "calendar",
        "nhắc lịch đoàn, sự kiện",
        "ttdn.activities.tasks.calendar_reminders_send",
        dt.time(6, 30),
    ),
)


def _local(day: dt.date, at: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, at))


@dataclass(frozen=True)
class Enqueued:
    job: Job
    slot: str
    result_id: str


def scheduler_tick(*, now: dt.datetime, jobs: tuple[Job, ...] = JOBS) -> list[Enqueued]:
    """Enqueue every job whose current slot has opened and was not enqueued before."""
    local = timezone.localtime(now)
    enqueued = []
    for job in jobs:
        slot, opens = job.slot(local)
        if local < opens or ScheduledRun.objects.filter(job=job.name, slot=slot).exists():
            continue
        result_id = _claim(job, slot, local.date())
        if result_id is not None:
            enqueued.append(Enqueued(job, slot, result_id))
    return enqueued


def _claim(job: Job, slot: str, today: dt.date) -> str | None:
    """Claim the slot and enqueue its task together: if the enqueue fails the claim is rolled
    back and the next tick tries again; if another scheduler claimed it first, nothing."""
    try:
        with transaction.atomic():
            run = ScheduledRun.objects.create(job=job.name, slot=slot)
            result = import_string(job.task_path).enqueue(today.isoformat())
            run.task_result_id = str(result.id)
            run.save(update_fields=["task_result_id"])
    except IntegrityError:
        return None
    return run.task_result_id
