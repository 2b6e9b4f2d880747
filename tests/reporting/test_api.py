"""/api/v1/reporting: unit scoping (another unit's rows answer 404 and stay unchanged), task
updates with optimistic locking and the services' messages, evidence, periods, the report
workflow and completeness — with a bearer token and with the browser session (CSRF)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.factories import UserFactory
from tests.reporting.conftest import Tracked, at
from ttdn.plans.models import WorkItem
from ttdn.reporting.models import Evidence, ReportingPeriod, TaskUpdate, UnitReport
from ttdn.units.models import Role, User
from ttdn.units.services import api_token_create

API = "/api/v1/reporting"


@pytest.fixture(autouse=True)
def _may_10(settings, tmp_path) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """Every request runs on 10/05/2026 (in Quarter II), with uploads in a temporary folder."""
    settings.MEDIA_ROOT = tmp_path
    with time_machine.travel(at(2026, 5, 10), tick=False):
        yield


def _token(user: User) -> Client:
    _record, key = api_token_create(actor=user, name="phần mềm tổng hợp")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def _session(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _police_officer() -> User:
    return UserFactory(username="ca-officer", role=Role.UNIT_OFFICER, unit__code="T-CA")


def _put(client: Client, item: WorkItem, period: int, **body: Any):  # type: ignore[no-untyped-def]
    body = {"narrative": "Đã phát hành.", "status": "in_progress", "progress": 50} | body
    return client.put(
        f"{API}/work-items/{item.pk}/updates/{period}", body, content_type="application/json"
    )


def _quarter(tracked: Tracked, name: str = "Quý II/2026") -> ReportingPeriod:
    return tracked.periods[name]


# --- work items ------------------------------------------------------------------------------


def _listed(client: Client, **params: object) -> list[tuple[str, str, str, str]]:
    body = client.get(f"{API}/work-items", {"limit": 100, **params}).json()
    assert body["count"] == len(body["items"])
    return [
        (i["task_ref"], i["occurrence_label"], i["unit_name"], i["role"]) for i in body["items"]
    ]


def test_officer_lists_own_unit_items_only(tracked: Tracked, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    client = _token(tracked.world.users["unit_officer"])
    with django_assert_max_num_queries(8):
        listed = _listed(client)
    # Sở Ngoại vụ and its sub-unit (the centre), by due date; nothing of VHTTDL or Công an.
    assert listed == [
        ("II.3", "Quý I/2026", "Sở Ngoại vụ", "lead"),
        ("II.1", "", "Sở Ngoại vụ", "lead"),
        ("II.3", "Quý II/2026", "Sở Ngoại vụ", "lead"),
        ("IV.1-1", "", "Trung tâm Dịch vụ đối ngoại", "lead"),
        ("II.3", "Quý III/2026", "Sở Ngoại vụ", "lead"),
        ("II.3", "Quý IV/2026", "Sở Ngoại vụ", "lead"),
    ]
    first = client.get(f"{API}/work-items", {"limit": 1}).json()["items"][0]
    item = tracked.item("II.3", "T-SNGV", seq=1)
    assert first == {
        "id": item.pk,
        "plan_id": tracked.plan.pk,
        "task_id": item.occurrence.task_id,
        "task_ref": "II.3",
        "task_text": "Phát hành bản tin đối ngoại hằng quý.",
        "section": item.occurrence.task.section,
        "occurrence_id": item.occurrence_id,
        "occurrence_label": "Quý I/2026",
        "occurrence_starts": "2026-01-01",
        "occurrence_due": "2026-03-31",
        "unit_id": tracked.world.foreign_affairs.pk,
        "unit_name": "Sở Ngoại vụ",
        "role": "lead",
        "status": "not_started",
        "progress": 0,
        "completed_at": None,
        "version": 1,
    }


def test_coordinator_lists_every_unit_and_mine_limits_to_its_own(tracked: Tracked) -> None:
    client = _session(tracked.world.users["coordinator"])
    every = _listed(client)
    assert len(every) == WorkItem.objects.count() == 13
    assert {unit for _ref, _label, unit, _role in every} == {
        "Sở Ngoại vụ",
        "Trung tâm Dịch vụ đối ngoại",
        "Sở Văn hóa, Thể thao và Du lịch",
        "Công an tỉnh Quảng Trị",
    }
    assert _listed(client, mine="true") == [
        ("II.1", "", "Sở Văn hóa, Thể thao và Du lịch", "support"),
        ("II.2", "", "Sở Văn hóa, Thể thao và Du lịch", "lead"),
    ]
    assert _listed(client, role="support", plan=tracked.plan.pk, mine="false") == [
        ("II.3", "Quý I/2026", "Công an tỉnh Quảng Trị", "support"),
        ("II.1", "", "Sở Văn hóa, Thể thao và Du lịch", "support"),
        ("II.3", "Quý II/2026", "Công an tỉnh Quảng Trị", "support"),
        ("II.3", "Quý III/2026", "Công an tỉnh Quảng Trị", "support"),
        ("II.2", "", "Công an tỉnh Quảng Trị", "support"),
        ("II.3", "Quý IV/2026", "Công an tỉnh Quảng Trị", "support"),
    ]
    bad = client.get(f"{API}/work-items", {"status": "xong"})
    assert (bad.status_code, bad.json()["detail"]) == (
        400,
        "Trạng thái “xong” không hợp lệ "
        "(not_started, in_progress, done, overdue, paused, cancelled).",
    )
    assert client.get(f"{API}/work-items", {"plan": 999999}).status_code == 404


def test_anonymous_requests_are_refused(tracked: Tracked) -> None:
    item = tracked.item("II.1", "T-SNGV")
    assert Client().get(f"{API}/work-items").status_code == 401
    assert _put(Client(), item, _quarter(tracked).pk).status_code == 401
    assert not TaskUpdate.objects.exists()


# --- updates ---------------------------------------------------------------------------------


def test_update_put_then_stale_version_conflicts(tracked: Tracked) -> None:
    client = _token(tracked.world.users["unit_officer"])
    item = tracked.item("II.1", "T-SNGV")
    period = _quarter(tracked)
    saved = _put(client, item, period.pk, spent_vnd=12_500_000, values={"tin-bai": 14})
    assert saved.status_code == 200, saved.content
    body = saved.json()
    assert {k: body[k] for k in ("period_id", "period_name", "status", "progress")} == {
        "period_id": period.pk,
        "period_name": "Quý II/2026",
        "status": "in_progress",
        "progress": 50,
    }
    assert (body["spent_vnd"], body["values"], body["version"]) == (12_500_000, {"tin-bai": 14}, 1)
    again = _put(client, item, period.pk, progress=70, version=1, values={})
    assert (again.status_code, again.json()["version"], again.json()["values"]) == (200, 2, {})
    # A second officer's form was opened on version 1: refused, the saved update unchanged.
    stale = _put(_session(tracked.world.users["unit_leader"]), item, period.pk, version=1)
    assert stale.status_code == 409
    assert "Nội dung bạn nhập vẫn còn trên biểu mẫu" in stale.json()["detail"]
    update = TaskUpdate.objects.get()
    assert (update.progress, update.version) == (70, 2)
    item.refresh_from_db()
    assert (item.status, item.progress) == ("in_progress", 70)
    detail = client.get(f"{API}/work-items/{item.pk}").json()
    assert [(u["period_name"], u["progress"], u["author"]) for u in detail["updates"]] == [
        ("Quý II/2026", 70, tracked.world.users["unit_officer"].display_name)
    ]
    assert {p["name"]: p["closed_reason"] for p in detail["periods"]}["Quý II/2026"] == ""


def test_update_outside_any_period(tracked: Tracked) -> None:
    item = tracked.item("IV.1-1", "T-SNGV-TT")
    response = _put(_token(tracked.world.users["unit_officer"]), item, 0, progress=10)
    assert response.status_code == 200
    assert (response.json()["period_id"], response.json()["period_name"]) == (None, None)
    assert TaskUpdate.objects.get().period is None


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"progress": 140}, "Tiến độ phải từ 0 đến 100%, không phải 140%."),
        ({"status": "overdue"}, "Trạng thái “quá hạn” do hệ thống tự xác định theo hạn."),
        ({"spent_vnd": -5}, "Kinh phí đã chi phải là số đồng không âm."),
        (
            {"values": {"tin-bai": 3, "khong-co": 1}},
            "Chỉ tiêu không có trong danh mục: khong-co (xem /api/v1/reporting/indicators).",
        ),
    ],
)
def test_bad_update_answers_400_with_the_message_and_writes_nothing(
    tracked: Tracked, body: dict[str, object], message: str
) -> None:
    item = tracked.item("II.1", "T-SNGV")
    response = _put(_token(tracked.world.users["unit_officer"]), item, _quarter(tracked).pk, **body)
    assert response.status_code == 400
    assert message in response.json()["detail"]
    assert not TaskUpdate.objects.exists()
    item.refresh_from_db()
    assert (item.status, item.progress, item.version) == ("not_started", 0, 1)


def test_malformed_body_answers_422_per_field(tracked: Tracked) -> None:
    item = tracked.item("II.1", "T-SNGV")
    client = _token(tracked.world.users["unit_officer"])
    response = _put(client, item, _quarter(tracked).pk, progress="một nửa")
    assert response.status_code == 422
    assert [error["loc"] for error in response.json()["detail"]] == [
        ["body", "payload", "progress"]
    ]
    assert not TaskUpdate.objects.exists()


def test_locked_period_refuses_the_update(tracked: Tracked) -> None:
    coordinator = _session(tracked.world.users["coordinator"])
    period = _quarter(tracked, "Quý I/2026")
    patched = coordinator.patch(
        f"{API}/periods/{period.pk}", {"lock_after_deadline": True}, content_type="application/json"
    )
    assert (patched.status_code, patched.json()["locked"]) == (200, True)
    item = tracked.item("II.3", "T-SNGV", seq=1)
    response = _put(_token(tracked.world.users["unit_officer"]), item, period.pk)
    assert response.status_code == 400
    assert "đã khóa sau hạn 15/03/2026" in response.json()["detail"]
    assert not TaskUpdate.objects.exists()


def test_another_units_officer_gets_404_and_nothing_changes(tracked: Tracked) -> None:
    officer = _token(tracked.world.users["unit_officer"])
    item = tracked.item("II.1", "T-SNGV")
    period = _quarter(tracked)
    update_id = _put(officer, item, period.pk, values={"tin-bai": 2}).json()["id"]
    pdf = officer.post(
        f"{API}/updates/{update_id}/evidence", {"file": _file("bien-ban.pdf", b"%PDF-1.4 x")}
    ).json()
    report = officer.post(f"{API}/periods/{period.pk}/reports").json()

    other = _token(_police_officer())
    answers = [
        other.get(f"{API}/work-items/{item.pk}"),
        _put(other, item, period.pk, version=1, progress=90),
        other.post(f"{API}/updates/{update_id}/evidence", {"file": _file("x.pdf", b"%PDF-1")}),
        other.post(f"{API}/updates/{update_id}/links", {"url": "https://a.vn"}, "application/json"),
        other.get(f"{API}/evidence/{pdf['id']}/file"),
        other.delete(f"{API}/evidence/{pdf['id']}"),
        other.get(f"{API}/reports/{report['id']}"),
        other.post(
            f"{API}/reports/{report['id']}/actions",
            {"action": "send_for_approval"},
            "application/json",
        ),
    ]
    assert [a.status_code for a in answers] == [404] * len(answers)
    assert answers[0].json() == {
        "detail": "Không tìm thấy phần việc (hoặc phần việc thuộc đơn vị khác)."
    }
    assert item.pk not in [i["id"] for i in other.get(f"{API}/work-items").json()["items"]]
    assert other.get(f"{API}/reports").json()["count"] == 0
    update = TaskUpdate.objects.get()
    assert (update.progress, update.version, update.evidence.count()) == (50, 1, 1)
    assert UnitReport.objects.get().status == "draft"


# --- evidence --------------------------------------------------------------------------------


def _file(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def test_evidence_file_link_download_and_forbidden_type(tracked: Tracked) -> None:
    client = _token(tracked.world.users["unit_officer"])
    update_id = _put(client, tracked.item("II.1", "T-SNGV"), _quarter(tracked).pk).json()["id"]
    uploaded = client.post(
        f"{API}/updates/{update_id}/evidence", {"file": _file("biên bản.pdf", b"%PDF-1.4 x")}
    )
    assert uploaded.status_code == 201, uploaded.content
    evidence = Evidence.objects.get()
    assert {k: v for k, v in uploaded.json().items() if k != "added_at"} == {
        "id": evidence.pk,
        "kind": "file",
        "title": "biên bản.pdf",
        "url": None,
        "download": f"{API}/evidence/{evidence.pk}/file",
        "content_type": "application/pdf",
        "size": 10,
    }
    download = client.get(uploaded.json()["download"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 x"
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"

    exe = client.post(f"{API}/updates/{update_id}/evidence", {"file": _file("anh.jpg", b"MZ\x90")})
    assert exe.status_code == 400
    assert "không thuộc loại được nhận" in exe.json()["detail"]
    bad_link = client.post(
        f"{API}/updates/{update_id}/links", {"url": "javascript:alert(1)"}, "application/json"
    )
    assert bad_link.status_code == 400
    link = client.post(
        f"{API}/updates/{update_id}/links",
        {"url": "https://baoquangtri.vn/a", "title": "Bài trên Báo Quảng Trị"},
        "application/json",
    )
    assert (link.status_code, link.json()["url"], link.json()["download"]) == (
        201,
        "https://baoquangtri.vn/a",
        None,
    )
    assert client.get(f"{API}/evidence/{link.json()['id']}/file").status_code == 404
    detail = client.get(f"{API}/work-items/{tracked.item('II.1', 'T-SNGV').pk}").json()
    assert [e["title"] for e in detail["updates"][0]["evidence"]] == [
        "biên bản.pdf",
        "Bài trên Báo Quảng Trị",
    ]
    assert client.delete(f"{API}/evidence/{link.json()['id']}").status_code == 204
    assert list(Evidence.objects.values_list("kind", flat=True)) == ["file"]


# --- periods and indicators ------------------------------------------------------------------


def test_indicators_and_periods(tracked: Tracked) -> None:
    officer = _token(tracked.world.users["unit_officer"])
    indicators = officer.get(f"{API}/indicators").json()
    assert indicators[0] == {"code": "tin-bai", "name": "Số tin, bài", "measure": "tin, bài"}
    periods = officer.get(f"{API}/periods", {"plan": tracked.plan.pk}).json()
    assert [p["name"] for p in periods["items"]] == [
        "Quý I/2026",
        "6 tháng đầu năm 2026",
        "Quý II/2026",
        "Quý III/2026",
        "Năm 2026",  # by end date, then start date
        "Quý IV/2026",
    ]
    body = {
        "plan": tracked.plan.pk,
        "kind": "ad_hoc",
        "name": "Đột xuất tháng 5/2026",
        "starts": "2026-05-01",
        "ends": "2026-05-31",
    }
    refused = officer.post(f"{API}/periods", body, "application/json")
    assert (refused.status_code, refused.json()) == (
        403,
        {"detail": "Bạn không có quyền thực hiện thao tác này."},
    )
    coordinator = _session(tracked.world.users["coordinator"])
    created = coordinator.post(f"{API}/periods", body, "application/json")
    assert created.status_code == 201
    assert {k: created.json()[k] for k in ("kind", "deadline", "locked")} == {
        "kind": "ad_hoc",
        "deadline": "2026-05-15",  # the plan's report day (15) in the period's last month
        "locked": False,
    }
    twice = coordinator.post(f"{API}/periods", body, "application/json")
    assert (twice.status_code, twice.json()["detail"]) == (
        400,
        "Kế hoạch đã có kỳ báo cáo “Đột xuất tháng 5/2026”.",
    )
    period_id = created.json()["id"]
    cleared = coordinator.patch(f"{API}/periods/{period_id}", {"name": None}, "application/json")
    assert (cleared.status_code, cleared.json()["detail"]) == (400, "Không để trống: name.")
    moved = coordinator.patch(
        f"{API}/periods/{period_id}", {"deadline": "2026-06-05"}, "application/json"
    )
    assert (moved.status_code, moved.json()["deadline"]) == (200, "2026-06-05")
    assert ReportingPeriod.objects.get(pk=period_id).name == "Đột xuất tháng 5/2026"


# --- unit reports ----------------------------------------------------------------------------


def _act(client: Client, report: dict[str, Any], action: str, **body: object):  # type: ignore[no-untyped-def]
    return client.post(
        f"{API}/reports/{report['id']}/actions",
        {"action": action, "version": report["version"], **body},
        "application/json",
    )


def test_report_workflow_and_submit_twice(tracked: Tracked) -> None:
    officer = _token(tracked.world.users["unit_officer"])
    leader = _session(tracked.world.users["unit_leader"])
    period = _quarter(tracked)
    _put(officer, tracked.item("II.1", "T-SNGV"), period.pk, values={"tin-bai": 14}, spent_vnd=9)
    opened = officer.post(f"{API}/periods/{period.pk}/reports")
    assert opened.status_code == 200
    report = opened.json()
    assert (report["status"], report["unit_name"], report["spent_vnd"]) == (
        "draft",
        "Sở Ngoại vụ",
        9,
    )
    assert report["totals"] == [
        {"code": "tin-bai", "name": "Số tin, bài", "measure": "tin, bài", "total": 14}
    ]
    assert [(line["item"]["task_ref"], line["update"] is not None) for line in report["lines"]] == [
        ("II.1", True),
        ("II.3", False),
    ]
    # Opening again answers the same report.
    assert officer.post(f"{API}/periods/{period.pk}/reports").json()["id"] == report["id"]
    saved = officer.put(
        f"{API}/reports/{report['id']}",
        {"summary": "Hoàn thành bản tin quý II.", "version": report["version"]},
        "application/json",
    )
    assert (saved.status_code, saved.json()["summary"]) == (200, "Hoàn thành bản tin quý II.")
    sent = _act(officer, saved.json(), "send_for_approval")
    assert (sent.status_code, sent.json()["status"]) == (200, "pending_approval")
    assert _act(officer, sent.json(), "approve").status_code == 403
    approved = _act(leader, sent.json(), "approve")
    assert (approved.status_code, approved.json()["status"]) == (200, "approved")
    submitted = _act(officer, approved.json(), "submit")
    assert submitted.status_code == 200
    assert (submitted.json()["status"], submitted.json()["late"]) == ("submitted", False)
    twice = _act(officer, submitted.json(), "submit")
    assert (twice.status_code, twice.json()["detail"]) == (
        409,
        "Báo cáo đã được gửi lúc 09:00 10/05/2026; không gửi lại lần nữa.",
    )
    stale = _act(officer, approved.json(), "submit")  # a second tab on the old version
    assert stale.status_code == 409
    coordinator = _session(tracked.world.users["coordinator"])
    returned = _act(coordinator, submitted.json(), "return")
    assert (returned.status_code, returned.json()["detail"]) == (
        400,
        "Ghi rõ nội dung cần sửa khi trả lại báo cáo.",
    )
    listed = coordinator.get(f"{API}/reports", {"period": period.pk}).json()
    assert [(r["unit_name"], r["status"]) for r in listed["items"]] == [
        ("Sở Ngoại vụ", "submitted")
    ]
    report_row = UnitReport.objects.get()
    assert (report_row.status, report_row.version) == ("submitted", 5)


# --- completeness ----------------------------------------------------------------------------


def test_completeness_for_the_coordinator_and_not_for_an_officer(tracked: Tracked) -> None:
    period = _quarter(tracked, "Quý I/2026")
    officer = _token(tracked.world.users["unit_officer"])
    refused = officer.get(f"{API}/periods/{period.pk}/completeness")
    assert (refused.status_code, refused.json()) == (
        403,
        {"detail": "Bạn không có quyền thực hiện thao tác này."},
    )
    body = _token(tracked.world.users["coordinator"]).get(f"{API}/periods/{period.pk}/completeness")
    assert body.status_code == 200
    figures = body.json()
    assert figures["period"]["name"] == "Quý I/2026"
    assert {k: figures[k] for k in ("expected", "submitted", "on_time", "completeness")} == {
        "expected": 4,
        "submitted": 0,
        "on_time": 0,
        "completeness": 0.0,
    }
    # II.3's first quarter fell due on 31/03 with nobody reporting: overdue for both units.
    police = next(u for u in figures["units"] if u["unit_name"] == "Công an tỉnh Quảng Trị")
    assert police["tasks"] == {
        "due": 1,
        "done_on_time": 0,
        "done_late": 0,
        "overdue": 1,
        "pending": 0,
        "on_time_rate": 0.0,
    }
    assert (police["report_id"], police["report_status"], police["expected"]) == (None, "", True)
    assert [(s["section"], s["tasks"]["due"]) for s in figures["sections"]] == [
        (tracked.item("II.3", "T-SNGV").occurrence.task.section, 1)
    ]


# --- session and CSRF ------------------------------------------------------------------------


def test_session_write_without_csrf_is_refused(tracked: Tracked) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(tracked.world.users["unit_officer"])
    item = tracked.item("II.1", "T-SNGV")
    assert client.get(f"{API}/work-items/{item.pk}").status_code == 200  # reads need no token
    refused = _put(client, item, _quarter(tracked).pk)
    assert refused.status_code == 403
    opened = client.post(f"{API}/periods/{_quarter(tracked).pk}/reports")
    assert opened.status_code == 403
    assert not TaskUpdate.objects.exists()
    assert not UnitReport.objects.exists()
    # With the CSRF cookie and header, as a page's HTMX request sends them, it goes through.
    client.get("/")
    token = client.cookies["csrftoken"].value
    accepted = client.put(
        f"{API}/work-items/{item.pk}/updates/{_quarter(tracked).pk}",
        {"status": "in_progress", "progress": 5},
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
    )
    assert accepted.status_code == 200
    assert TaskUpdate.objects.get().progress == 5


def test_bearer_token_write_needs_no_csrf(tracked: Tracked) -> None:
    _record, key = api_token_create(actor=tracked.world.users["unit_officer"], name="tổng hợp")
    client = Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Bearer {key}")
    response = _put(client, tracked.item("II.1", "T-SNGV"), _quarter(tracked).pk)
    assert response.status_code == 200
    assert dt.date(2026, 5, 10) == TaskUpdate.objects.get().updated_at.date()
