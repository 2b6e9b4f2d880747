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
