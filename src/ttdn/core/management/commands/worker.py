"""`ttdn worker`: run the task worker that matches the configured backend.

Database backend (default): django-tasks-db's `db_worker`. With `REDIS_URL`: RQ's worker with the
job class django-tasks-rq needs. `--burst` processes what is queued, then exits.
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management import call_command

from ttdn.core.commands import TtdnCommand

RQ_BACKEND = "django_tasks_rq.RQBackend"
RQ_JOB_CLASS = "django_tasks_rq.Job"


def uses_rq() -> bool:
    return bool(settings.TASKS["default"]["BACKEND"] == RQ_BACKEND)


class Command(TtdnCommand):
    help = "Chạy tiến trình xử lý công việc nền (cơ sở dữ liệu hoặc RQ khi có REDIS_URL)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--burst", action="store_true", help="xử lý hết hàng đợi rồi dừng")

    def run(self, *args: Any, **options: Any) -> None:
        verbosity = options["verbosity"]
        if uses_rq():
            call_command(
                "rqworker",
                "default",
                job_class=RQ_JOB_CLASS,
                burst=options["burst"],
                verbosity=verbosity,
            )
        elif options["burst"]:
            call_command("db_worker", batch=True, no_startup_delay=True, verbosity=verbosity)
        else:
            call_command("db_worker", interval=1, verbosity=verbosity)
