"""GET /healthz: 200 with every part ok, 503 naming the part that fails."""

from __future__ import annotations

import pytest
from django.test import Client

from ttdn.core import health


def test_healthz_ok(db) -> None:  # type: ignore[no-untyped-def]
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "tasks": "ok"}
    assert response["Cache-Control"].startswith("max-age=0")


def test_healthz_reports_failing_tasks(db, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    def broken() -> None:
        raise ConnectionError("queue down")

    monkeypatch.setitem(health.CHECKS, "tasks", broken)
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "error",
        "database": "ok",
        "tasks": "error: ConnectionError",
    }


def test_healthz_reports_failing_database(db, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    def broken() -> None:
        raise OSError("disk gone")

    monkeypatch.setitem(health.CHECKS, "database", broken)
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "error: OSError"
    assert response.json()["status"] == "error"


def test_healthz_is_get_only(db) -> None:  # type: ignore[no-untyped-def]
    assert Client().post("/healthz").status_code == 405
