"""/api/v1/plans: authentication, filters, and the import route's answers."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from tests.plans.plan_data import DEMO_PLAN, parsed_plan, sha
from ttdn.plans import reading
from ttdn.plans.models import Plan, Task
from ttdn.plans.services import plan_import
from ttdn.units.services import api_token_create


@pytest.fixture
def plan(world):  # type: ignore[no-untyped-def]
    return plan_import(
        user=world.users["coordinator"],
        parsed=parsed_plan(),
        source_name="ke-hoach.docx",
        source_sha256=sha("ke-hoach"),
    )


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def _upload(client: Client, data: bytes, name: str = "ke-hoach.txt", **extra: object):  # type: ignore[no-untyped-def]
    return client.post("/api/v1/plans/import", {"file": SimpleUploadedFile(name, data), **extra})


def test_anonymous_requests_are_refused(plan) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    assert client.get("/api/v1/plans").status_code == 401
    assert client.get(f"/api/v1/plans/{plan.pk}").status_code == 401
    assert _upload(client, DEMO_PLAN.read_bytes()).status_code == 401
    assert Plan.objects.count() == 1


def test_list_and_detail_with_a_token(world, plan) -> None:  # type: ignore[no-untyped-def]
    _token, key = api_token_create(actor=world.users["unit_officer"], name="bảng tổng hợp")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    listed = Client().get("/api/v1/plans", {"q": "thong tin doi ngoai"}, **auth).json()
    assert listed["count"] == 1
    item = listed["items"][0]
    assert (item["id"], item["number"], item["date"], item["year"], item["issuer"]) == (
        plan.pk,
        "15/KH-UBND",
        "2026-01-20",
        2026,
        "UBND tỉnh Quảng Trị",
    )
    body = Client().get(f"/api/v1/plans/{plan.pk}", **auth).json()
    assert body["recipients"] == ["Bộ Văn hóa, Thể thao và Du lịch", "Lưu: VT, KGVX"]
    first = body["tasks"][0]
    assert {k: first[k] for k in ("ref", "due", "budget_vnd", "status", "outputs")} == {
        "ref": "II.1",
        "due": "2026-06-30",
        "budget_vnd": 120_000_000,
        # Past its due date and nobody reported: the register says so from the import on.
        "status": "overdue" if dt.date(2026, 6, 30) < timezone.localdate() else "not_started",
        "outputs": ["04 số bản tin"],
    }
    assert first["assignments"][0] == {
        "role": "lead",
        "text": "Sở Ngoại vụ",
        "unit_id": world.foreign_affairs.pk,
        "unit_name": "Sở Ngoại vụ",
        "resolution": "resolved",
        "candidates": ["T-SNGV"],
    }


def test_detail_filters_by_unit_and_role(world, plan) -> None:  # type: ignore[no-untyped-def]
    client = _client(world.users["unit_officer"])

    def refs(**params: object) -> list[str]:
        return [t["ref"] for t in client.get(f"/api/v1/plans/{plan.pk}", params).json()["tasks"]]

    assert refs(unit=world.foreign_affairs.pk) == ["II.1", "IV.1-1"]  # with its sub-unit
    assert refs(unit=world.coordinating.pk, role="lead") == ["II.2"]
    assert refs(section="TỔ CHỨC THỰC HIỆN") == ["IV.1-1"]
    assert refs(due_month="2026-12") == ["II.2"]
    bad = client.get(f"/api/v1/plans/{plan.pk}", {"role": "chu-tri"})
    assert (bad.status_code, bad.json()) == (
        400,
        {"detail": "Vai trò “chu-tri” không hợp lệ (lead hoặc support)."},
    )
    assert client.get("/api/v1/plans/999999").json() == {"detail": "Không tìm thấy kế hoạch."}


def test_import_by_a_coordinator(world) -> None:  # type: ignore[no-untyped-def]
    response = _upload(_client(world.users["coordinator"]), DEMO_PLAN.read_bytes(), "demo_plan.txt")
    assert response.status_code == 201, response.content
    body = response.json()
    plan = Plan.objects.get()
    assert (body["id"], body["number"], body["source_name"], len(body["tasks"])) == (
        plan.pk,
        "15/KH-UBND",
        "demo_plan.txt",
        plan.tasks.count(),
    )
    again = _upload(_client(world.users["admin"]), DEMO_PLAN.read_bytes(), "ban-khac.txt")
    assert again.status_code == 409
    assert again.json()["detail"].startswith("Tệp này đã được nhập: “Công tác thông tin đối ngoại")
    replaced = _upload(
        _client(world.users["admin"]), DEMO_PLAN.read_bytes(), "ban-khac.txt", replace=True
    )
    assert replaced.status_code == 201
    assert Plan.objects.get().source_name == "ban-khac.txt"


def test_import_errors_answer_in_vietnamese_and_store_nothing(world, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    officer = _upload(_client(world.users["unit_officer"]), DEMO_PLAN.read_bytes())
    assert (officer.status_code, officer.json()) == (
        403,
        {"detail": "Bạn không có quyền thực hiện thao tác này."},
    )
    coordinator = _client(world.users["coordinator"])
    empty = _upload(coordinator, b"", "rong.docx")
    assert empty.status_code == 400
    assert empty.json()["detail"].startswith("Tệp rong.docx rỗng (0 byte)")
    monkeypatch.setattr(reading, "MAX_FILE_BYTES", 100)
    large = _upload(coordinator, b"x" * 101, "lon.docx")
    assert (large.status_code, large.json()) == (
        400,
        {"detail": "Tệp lon.docx quá lớn (0.0 MB); giới hạn là 0 MB."},
    )
    assert (Plan.objects.count(), Task.objects.count()) == (0, 0)
