"""Fixtures of the monitoring tests: a local HTTP server with robots.txt, a fast fetch policy."""

from __future__ import annotations

import pytest
from pytest_httpserver import HTTPServer

from ttdn.monitoring.fetching import Fetcher, FetchPolicy

FAST = FetchPolicy(timeout=0.5, total_timeout=5, retries=1, backoff=0.01, host_delay=0.0)


@pytest.fixture
def server(httpserver: HTTPServer) -> HTTPServer:
    httpserver.expect_request("/robots.txt").respond_with_data(
        "User-agent: *\nDisallow: /private/\n", content_type="text/plain"
    )
    return httpserver


@pytest.fixture
def fetcher() -> Fetcher:
    return Fetcher(FAST)


@pytest.fixture
def queued(settings):  # type: ignore[no-untyped-def]
    """The jobs enqueued during the test, held in memory whatever backend the run configures, so
    a test can assert what was enqueued and leaves nothing in a shared queue (RQ in CI)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import default_task_backend

    return default_task_backend.results  # type: ignore[attr-defined]


def queued_jobs(results: list) -> list[tuple[str, list[object]]]:  # type: ignore[type-arg]
    return [(r.task.module_path, list(r.args)) for r in results]
