"""The task backend: a job enqueued is consumed by a real worker on the configured backend."""

from __future__ import annotations

from django.conf import settings
from django.core.management import call_command
from django_tasks import TaskResultStatus

from ttdn.core.tasks import worker_ping


def test_enqueued_job_is_run_by_a_worker(transactional_db) -> None:  # type: ignore[no-untyped-def]
    result = worker_ping.enqueue("42")
    assert result.status == TaskResultStatus.READY
    call_command("worker", burst=True, verbosity=0)
    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == "pong:42"


def test_backend_follows_redis_url() -> None:
    expected = (
        "django_tasks_rq.RQBackend" if settings.REDIS_URL else "django_tasks_db.DatabaseBackend"
    )
    assert settings.TASKS["default"]["BACKEND"] == expected
