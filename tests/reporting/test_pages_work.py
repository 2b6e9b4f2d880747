"""The unit's reporting pages as officials use them: Việc của tôi, the update form (conflicts
and bad input keep what was typed), evidence, the unit report through its workflow, and the
unit scoping of every page and POST (another unit's officer gets "not found", nothing moves)."""

from __future__ import annotations

import re

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from tests.factories import UserFactory
from tests.plans.plan_data import parsed_plan, sha, task
from tests.reporting.conftest import Tracked, at
from ttdn.plans.models import WorkItem
from ttdn.plans.services import plan_import
from ttdn.reporting.evidence import evidence_add_file, evidence_add_link
from ttdn.reporting.models import Evidence, Indicator, ReportStatus, TaskUpdate, UnitReport
from ttdn.reporting.services import (
    report_open,
    task_update_save,
)
from ttdn.units.models import Role, User

PDF = b"%PDF-1.4 bien ban"


def _client(user: User, **kwargs: object) -> Client:
    client = Client(**kwargs)
    client.force_login(user)
    return client


def _police_officer(tracked: Tracked) -> User:
    return UserFactory(username="canbo.congan", role=Role.UNIT_OFFICER, unit=tracked.world.police)


def _item_url(item: WorkItem, period: object | None = None) -> str:
    url = reverse("reporting:work_item", args=[item.pk])
    return f"{url}?period={period.pk}" if period is not None else url  # type: ignore[attr-defined]


def _form_data(tracked: Tracked, period: str, **kw: object) -> dict[str, object]:
    news = Indicator.objects.get(code="tin-bai")
    data = {
        "period": tracked.periods[period].pk,
        "narrative": "Đã phát hành số 2 bản tin.",
        "status": "in_progress",
        "progress": "60",
        "spent": "12,5 triệu",
        f"indicator_{news.pk}": "14",
        "version": "0",
    }
    return data | kw


def _save(tracked: Tracked, item: WorkItem, period: str, **kw: object) -> TaskUpdate:
    defaults = {"narrative": "Đã làm.", "status": item.status, "progress": 20, "version": 0}
    return task_update_save(
        user=tracked.world.users["unit_officer"],
        item=item,
        period=tracked.periods[period],
        **(defaults | kw),  # type: ignore[arg-type]
    )


def _state(tracked: Tracked) -> tuple[object, ...]:
    """Everything a refused POST must leave as it was."""
    return (
        list(TaskUpdate.objects.values_list("pk", "narrative", "progress", "version")),
        list(WorkItem.objects.values_list("pk", "status", "progress", "version")),
        list(Evidence.objects.values_list("pk", "title")),
        list(UnitReport.objects.values_list("pk", "status", "summary", "version")),
    )


def _sections(page: str) -> dict[str, str]:
    """The groups of Việc của tôi: key → its HTML."""
    parts = re.split(r'<section class="work-group work-(\w+)"', page)[1:]
    return {parts[i]: parts[i + 1].split("</section>")[0] for i in range(0, len(parts), 2)}


# --- landing and Việc của tôi ------------------------------------------------------------------


def test_landing_sends_units_to_their_work_and_the_agency_to_the_dashboard(
    tracked: Tracked,
) -> None:
    users = tracked.world.users
    officer = _client(users["unit_officer"]).get("/reporting/")
    assert officer.status_code == 302
    assert officer.url == "/reporting/my-work/"
    try:
        expected = reverse("reporting:dashboard")
    except NoReverseMatch:  # the coordinating side's pages come separately
        expected = "/reporting/my-work/"
    for role in ("coordinator", "viewer", "admin"):
        assert _client(users[role]).get("/reporting/").url == expected
    page = _client(users["unit_officer"]).get("/reporting/my-work/").content.decode()
    assert '<a href="/reporting/" aria-current="page">Báo cáo tiến độ</a>' in page


def test_my_work_groups_the_units_items_by_due_date(tracked: Tracked) -> None:
    done = tracked.item("II.3", "T-SNGV", seq=4)
    with time_machine.travel(at(2026, 6, 5), tick=False):
        _save(tracked, done, "Quý II/2026", status="done")
        draft = report_open(
            user=tracked.world.users["unit_officer"],
            period=tracked.periods["Quý II/2026"],
            unit=tracked.world.foreign_affairs,
        )
        response = _client(tracked.world.users["unit_officer"]).get("/reporting/my-work/")
    page = response.content.decode()
    groups = _sections(page)
    todo = page.split('id="reports-title"')[1].split("</section>")[0]
    assert (
        f'<a href="/reporting/reports/{draft.pk}/">Báo cáo kỳ Quý II/2026 · Sở Ngoại vụ</a>' in todo
    )
    assert "Đang soạn" in todo and "hạn gửi 15/06/2026" in todo
    assert list(groups) == ["overdue", "month", "later", "done"]
    assert "Quý I/2026" in groups["overdue"]
    assert "quá hạn 66 ngày" in groups["overdue"]
    assert "Xuất bản bản tin đối ngoại song ngữ" in groups["month"]
    assert "còn 25 ngày" in groups["month"]
    assert "Quý II/2026" in groups["month"]
    # The sub-unit's work is there, named; the lead and the support roles both appear.
    assert "Đón tiếp phóng viên nước ngoài" in groups["later"]
    assert "Trung tâm Dịch vụ đối ngoại" in groups["later"]
    assert "Quý IV/2026" in groups["done"] and "<details>" in groups["done"]
    assert "Quý IV/2026" not in groups["later"]
    assert (
        '<progress class="progress" max="100" value="100" aria-label="Tiến độ II.3">'
        in groups["done"]
    )
    assert "Theo dõi dư luận báo chí" not in page  # VHTTDL's task, Ngoại vụ has no part
    assert "5 phần việc" not in page and "6 phần việc" in page
    # The police officer sees the bulletin they support, as support.
    with time_machine.travel(at(2026, 6, 5), tick=False):
        police = _client(_police_officer(tracked)).get("/reporting/my-work/").content.decode()
    assert "Phát hành bản tin đối ngoại hằng quý." in police
    assert "Phối hợp" in police and "Đón tiếp phóng viên" not in police


def test_my_work_filters_and_htmx_partial(tracked: Tracked) -> None:
    client = _client(tracked.world.users["coordinator"])
    with time_machine.travel(at(2026, 6, 5), tick=False):
        page = client.get("/reporting/my-work/").content.decode()
        support = client.get(
            "/reporting/my-work/", {"role": "support"}, HTTP_HX_REQUEST="true"
        ).content.decode()
        none = client.get("/reporting/my-work/", {"status": "done"}).content.decode()
    # The coordinator's own agency: leads II.2, supports II.1; other units' work is not "mine".
    assert "Theo dõi dư luận báo chí" in page and "Xuất bản bản tin" in page
    assert "Phát hành bản tin đối ngoại hằng quý" not in page
    assert "<html" not in support
    assert "Xuất bản bản tin" in support and "Theo dõi dư luận" not in support
    assert "Không có phần việc nào khớp." in none


def _second_plan(tracked: Tracked, tasks: int) -> None:
    rows = tuple(
        task(f"III.{n}", f"Nhiệm vụ bổ sung số {n}.", lead=("Sở Ngoại vụ",), timeline="Quý III")
        for n in range(1, tasks + 1)
    )
    with time_machine.travel(at(2026, 1, 25), tick=False):
        plan_import(
            user=tracked.world.users["coordinator"],
            parsed=parsed_plan(number=f"{tasks}/KH-SNGV", tasks=rows),
            source_name="bo-sung.docx",
            source_sha256=sha(f"bo-sung-{tasks}"),
        )


def test_my_work_query_count_does_not_grow_with_the_items(
    tracked: Tracked, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    client = _client(tracked.world.users["unit_officer"])
    report_open(
        user=tracked.world.users["unit_officer"],
        period=tracked.periods["Quý II/2026"],
        unit=tracked.world.foreign_affairs,
    )
    client.get("/reporting/my-work/")  # session and content types warmed up

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/reporting/my-work/").status_code == 200
        return len(queries)

    few = count()
    _second_plan(tracked, 25)
    assert WorkItem.objects.filter(unit=tracked.world.foreign_affairs).count() >= 30
    assert count() == few
    with django_assert_max_num_queries(15):
        client.get("/reporting/my-work/")


# --- one work item: the update form ------------------------------------------------------------


def test_officer_saves_an_update_with_money_and_a_figure(tracked: Tracked) -> None:
    item = tracked.item("II.1", "T-SNGV")
    client = _client(tracked.world.users["unit_officer"])
    period = tracked.periods["Quý II/2026"]
    with time_machine.travel(at(2026, 5, 10), tick=False):
        page = client.get(_item_url(item, period)).content.decode()
        assert '<option value="in_progress">Đang thực hiện</option>' in page
        assert f'<option value="{period.pk}" selected>Quý II/2026' in page
        response = client.post(_item_url(item), _form_data(tracked, "Quý II/2026"))
        assert response.status_code == 302
        assert response.url == _item_url(item, period)
        page = client.get(response.url).content.decode()
    update = TaskUpdate.objects.get()
    news = Indicator.objects.get(code="tin-bai")
    assert (update.period, update.narrative, update.progress, update.spent_vnd) == (
        period,
        "Đã phát hành số 2 bản tin.",
        60,
        12_500_000,
    )
    assert {v.indicator_id: v.value for v in update.values.all()} == {news.pk: 14}
    item.refresh_from_db()
    assert (item.status, item.progress) == ("in_progress", 60)
    assert "Đã lưu kết quả thực hiện." in page
    assert 'value="12.500.000 đ"' in page
    assert f'name="indicator_{news.pk}" value="14"' in page
    assert 'name="version" value="1"' in page


def test_choosing_another_period_swaps_the_form_only(tracked: Tracked) -> None:
    item = tracked.item("II.1", "T-SNGV")
    year = tracked.periods["Năm 2026"]
    with time_machine.travel(at(2026, 5, 10), tick=False):
        _save(tracked, item, "Quý II/2026", narrative="Kết quả quý II.")
        client = _client(tracked.world.users["unit_officer"])
        quarter = client.get(
            _item_url(item, tracked.periods["Quý II/2026"]), HTTP_HX_REQUEST="true"
        ).content.decode()
        partial = client.get(_item_url(item, year), HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in partial and 'id="audit-title"' not in partial
    assert f'<option value="{year.pk}" selected>Năm 2026 (hạn 15/11/2026)</option>' in partial
    assert f'<input type="hidden" name="period" value="{year.pk}"' in partial
    assert 'name="version" value="0"' in partial and "Kết quả quý II." not in partial
    assert "Kết quả quý II.</textarea>" in quarter and 'name="version" value="1"' in quarter


def test_a_longer_period_offers_the_quarters_figures_as_suggestions(tracked: Tracked) -> None:
    item = tracked.item("II.1", "T-SNGV")
    news = Indicator.objects.get(code="tin-bai")
    with time_machine.travel(at(2026, 5, 10), tick=False):
        _save(tracked, item, "Quý II/2026", values={news.pk: 9})
        page = (
            _client(tracked.world.users["unit_officer"])
            .get(_item_url(item, tracked.periods["6 tháng đầu năm 2026"]))
            .content.decode()
        )
    assert f'name="indicator_{news.pk}" value="9"' in page
    assert "Gợi ý: cộng từ các kỳ ngắn hơn; sửa nếu cần." in page


def test_a_conflicting_save_keeps_what_was_typed(tracked: Tracked) -> None:
    item = tracked.item("II.1", "T-SNGV")
    with time_machine.travel(at(2026, 5, 10), tick=False):
        _save(tracked, item, "Quý II/2026", narrative="Bản của lãnh đạo.", progress=30)
        before = _state(tracked)
        response = _client(tracked.world.users["unit_officer"]).post(
            _item_url(item),
            _form_data(tracked, "Quý II/2026", narrative="Bản tôi vừa gõ, rất dài.", version="0"),
        )
    page = response.content.decode()
    assert response.status_code == 409
    assert "Nội dung bạn nhập vẫn còn trên biểu mẫu" in page
    assert "Bản tôi vừa gõ, rất dài.</textarea>" in page
    assert 'value="12,5 triệu"' in page
    assert "Bản vừa được lưu" in page and "Bản của lãnh đạo." in page
    assert 'name="version" value="1"' in page  # saving again (after merging) goes through
    assert _state(tracked) == before


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"progress": "140"}, "Tiến độ phải từ 0 đến 100%, không phải 140%."),
        ({"spent": "nhiều tiền"}, "Không đọc được số tiền “nhiều tiền”"),
        ({"status": "cancelled"}, "Không chọn được trạng thái “cancelled” cho phần việc này"),
    ],
)
def test_bad_input_shows_a_message_and_writes_nothing(
    tracked: Tracked, changes: dict[str, str], message: str
) -> None:
    item = tracked.item("II.1", "T-SNGV")
    before = _state(tracked)
    with time_machine.travel(at(2026, 5, 10), tick=False):
        response = _client(tracked.world.users["unit_officer"]).post(
            _item_url(item), _form_data(tracked, "Quý II/2026", **changes)
        )
    page = response.content.decode()
    assert response.status_code == 400
    assert message in page
    assert "Đã phát hành số 2 bản tin.</textarea>" in page
    assert _state(tracked) == before


def test_a_locked_period_is_shown_closed_with_its_reason(tracked: Tracked) -> None:
    period = tracked.periods["Quý I/2026"]
    period.lock_after_deadline = True
    period.save()
    item = tracked.item("II.3", "T-SNGV", seq=1)
    client = _client(tracked.world.users["unit_officer"])
    with time_machine.travel(at(2026, 4, 2), tick=False):
        page = client.get(_item_url(item)).content.decode()
        closed = client.get(_item_url(item, period)).content.decode()
        response = client.post(_item_url(item), _form_data(tracked, "Quý I/2026"))
    assert f'<option value="{period.pk}" disabled>Quý I/2026 (hạn 15/03/2026) — đã đóng' in page
    assert "đã khóa sau hạn 15/03/2026" in closed
    assert 'class="update-form"' not in closed
    assert response.status_code == 400
    assert "đã khóa sau hạn 15/03/2026" in response.content.decode()
    assert not TaskUpdate.objects.exists()


def test_read_only_for_those_who_may_see_but_not_update(tracked: Tracked) -> None:
    item = tracked.item("II.1", "T-SNGV")
    with time_machine.travel(at(2026, 5, 10), tick=False):
        _save(tracked, item, "Quý II/2026", narrative="Đã in 500 bản.")
        before = _state(tracked)
        for role in ("viewer", "coordinator"):
            client = _client(tracked.world.users[role])
            page = client.get(_item_url(item, tracked.periods["Quý II/2026"])).content.decode()
            assert "Đã in 500 bản." in page
            assert 'class="update-form"' not in page and 'name="files"' not in page
            post = client.post(_item_url(item), _form_data(tracked, "Quý II/2026", version="1"))
            assert post.status_code == 403
            assert "Bạn không có quyền" in post.content.decode()
        # The viewer has no unit report to open; nothing is created for them.
        viewer = _client(tracked.world.users["viewer"])
        period = tracked.periods["Quý II/2026"]
        assert viewer.post(reverse("reporting:report_open", args=[period.pk])).status_code == 403
    assert _state(tracked) == before


def test_siblings_as_far_as_the_user_sees_and_the_audit_trail(tracked: Tracked) -> None:
    item = tracked.item("II.1", "T-SNGV")
    with time_machine.travel(at(2026, 5, 10), tick=False):
        _save(tracked, item, "Quý II/2026", status="in_progress", progress=40)
        leader = _client(tracked.world.users["unit_leader"]).get(_item_url(item)).content.decode()
        viewer = _client(tracked.world.users["viewer"]).get(_item_url(item)).content.decode()
    sibling = "Sở Văn hóa, Thể thao và Du lịch (phối hợp): chưa bắt đầu, 0%"
    assert sibling in viewer
    assert sibling not in leader  # another unit's work stays out of the unit's view
    assert 'class="update-form"' in leader  # the leader works for the unit too
    audit = leader.split('id="audit-title"')[1]
    assert "<strong>tiến độ (%)</strong>: 0 → 40" in audit
    assert "<td>Tạo mới</td>" in audit


# --- evidence ----------------------------------------------------------------------------------


def test_evidence_upload_download_link_and_remove(tracked: Tracked, settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    item = tracked.item("II.1", "T-SNGV")
    client = _client(tracked.world.users["unit_officer"])
    period = tracked.periods["Quý II/2026"]
    url = reverse("reporting:evidence_upload", args=[item.pk])
    with time_machine.travel(at(2026, 5, 10), tick=False):
        no_update = client.post(url, {"period": period.pk, "files": [_pdf()]})
        assert no_update.status_code == 400
        assert "Lưu kết quả của kỳ này trước" in no_update.content.decode()
        assert not Evidence.objects.exists()
        _save(tracked, item, "Quý II/2026")
        exe = SimpleUploadedFile("anh.jpg", b"MZ\x90\x00 not a picture")
        mixed = client.post(url, {"period": period.pk, "files": [_pdf(), exe]})
        link = client.post(
            reverse("reporting:evidence_link", args=[item.pk]),
            {"period": period.pk, "url": "https://baoquangtri.vn/ban-tin", "title": "Bài đăng"},
        )
        bad_link = client.post(
            reverse("reporting:evidence_link", args=[item.pk]),
            {"period": period.pk, "url": "javascript:alert(1)", "title": "x"},
        )
    page = mixed.content.decode()
    assert mixed.status_code == 400
    assert "Tệp “anh.jpg” không thuộc loại được nhận" in page
    assert "bien-ban.pdf</a>" in page  # the good file of the same upload is kept
    assert link.status_code == 302
    assert bad_link.status_code == 400
    assert "Đường dẫn phải bắt đầu bằng http:// hoặc https://" in bad_link.content.decode()
    assert 'value="javascript:alert(1)"' in bad_link.content.decode()
    pdf, web = Evidence.objects.order_by("pk")
    assert (pdf.title, web.title, web.url) == (
        "bien-ban.pdf",
        "Bài đăng",
        "https://baoquangtri.vn/ban-tin",
    )

    download = client.get(reverse("reporting:evidence", args=[pdf.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == 'attachment; filename="bien-ban.pdf"'
    assert download["X-Content-Type-Options"] == "nosniff"
    assert client.get(reverse("reporting:evidence", args=[web.pk])).status_code == 404

    with time_machine.travel(at(2026, 5, 10), tick=False):
        removed = client.post(reverse("reporting:evidence_remove", args=[pdf.pk]))
    assert removed.status_code == 302
    assert list(Evidence.objects.values_list("title", flat=True)) == ["Bài đăng"]


def _pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("bien-ban.pdf", PDF, content_type="application/pdf")


def test_upload_over_the_cap_is_refused(tracked: Tracked, settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    settings.TTDN_EVIDENCE_MAX_MB = 1
    item = tracked.item("II.1", "T-SNGV")
    big = SimpleUploadedFile("lon.pdf", b"%PDF-" + b"0" * 1024 * 1024)
    with time_machine.travel(at(2026, 5, 10), tick=False):
        _save(tracked, item, "Quý II/2026")
        response = _client(tracked.world.users["unit_officer"]).post(
            reverse("reporting:evidence_upload", args=[item.pk]),
            {"period": tracked.periods["Quý II/2026"].pk, "files": [big]},
        )
    assert response.status_code == 400
    assert "Tệp “lon.pdf” nặng 1.0 MB, quá giới hạn 1 MB." in response.content.decode()
    assert "mỗi tệp tối đa 1 MB" in response.content.decode()
    assert not Evidence.objects.exists()
    assert not list(tmp_path.rglob("*.pdf"))


# --- another unit ------------------------------------------------------------------------------


def test_another_units_officer_gets_not_found_everywhere(
    tracked: Tracked, settings, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    officer = tracked.world.users["unit_officer"]
    item = tracked.item("II.1", "T-SNGV")
    with time_machine.travel(at(2026, 5, 10), tick=False):
        update = _save(tracked, item, "Quý II/2026")
        pdf = evidence_add_file(user=officer, update=update, name="a.pdf", data=PDF)
        evidence_add_link(user=officer, update=update, url="https://baoquangtri.vn/a")
        report = report_open(
            user=officer, period=tracked.periods["Quý II/2026"], unit=tracked.world.foreign_affairs
        )
    before = _state(tracked)
    client = _client(_police_officer(tracked))
    period = tracked.periods["Quý II/2026"].pk
    gets = [
        _item_url(item),
        reverse("reporting:evidence", args=[pdf.pk]),
        reverse("reporting:report", args=[report.pk]),
    ]
    posts = [
        (_item_url(item), _form_data(tracked, "Quý II/2026", version="1")),
        (reverse("reporting:evidence_upload", args=[item.pk]), {"period": period}),
        (
            reverse("reporting:evidence_link", args=[item.pk]),
            {"period": period, "url": "https://x.vn/"},
        ),
        (reverse("reporting:evidence_remove", args=[pdf.pk]), {}),
        (reverse("reporting:report", args=[report.pk]), {"summary": "x", "version": "1"}),
        (
            reverse("reporting:report_action", args=[report.pk]),
            {"action": "send_for_approval", "version": "1"},
        ),
    ]
    with time_machine.travel(at(2026, 5, 10), tick=False):
        for url in gets:
            assert client.get(url).status_code == 404, url
        for url, data in posts:
            assert client.post(url, data).status_code == 404, url
        listing = client.get("/reporting/reports/").content.decode()
    assert f'href="/reporting/reports/{report.pk}/"' not in listing
    assert _state(tracked) == before
    # Their own part of the bulletin (as support) is theirs to open.
    own = tracked.item("II.3", "T-CA", seq=2)
    assert client.get(_item_url(own)).status_code == 200


def test_csrf_is_enforced(tracked: Tracked) -> None:
    item = tracked.item("II.1", "T-SNGV")
    client = _client(tracked.world.users["unit_officer"], enforce_csrf_checks=True)
    with time_machine.travel(at(2026, 5, 10), tick=False):
        response = client.post(_item_url(item), _form_data(tracked, "Quý II/2026"))
    assert response.status_code == 403
    assert not TaskUpdate.objects.exists()


# --- the unit report ---------------------------------------------------------------------------


def _act(client: Client, report: UnitReport, action: str, **data: str):  # type: ignore[no-untyped-def]
    report.refresh_from_db()
    payload = {"action": action, "version": str(report.version), **data}
    return client.post(reverse("reporting:report_action", args=[report.pk]), payload)


def test_report_flow_through_the_pages(tracked: Tracked) -> None:
    users = tracked.world.users
    officer, leader = _client(users["unit_officer"]), _client(users["unit_leader"])
    coordinator = _client(users["coordinator"])
    period = tracked.periods["Quý I/2026"]
    item = tracked.item("II.3", "T-SNGV", seq=1)
    with time_machine.travel(at(2026, 3, 14), tick=False):
        saved = officer.post(
            _item_url(item), _form_data(tracked, "Quý I/2026", status="done", progress="100")
        )
        assert saved.status_code == 302
        opened = officer.post(reverse("reporting:report_open", args=[period.pk]))
        report = UnitReport.objects.get()
        assert opened.url == f"/reporting/reports/{report.pk}/"
        page = officer.get(opened.url).content.decode()
        assert "Phát hành bản tin đối ngoại hằng quý." in page
        assert "Số tin, bài: 14" in page and "12.500.000 đ" in page
        assert ">Trình lãnh đạo duyệt</button>" in page and ">Duyệt</button>" not in page
        text = officer.post(
            opened.url,
            {
                "summary": "Hoàn thành bản tin quý I.",
                "difficulties": "",
                "proposals": "",
                "version": "1",
            },
        )
        assert text.status_code == 302
        assert _act(officer, report, "approve").status_code == 403
        assert _act(officer, report, "send_for_approval").status_code == 302
        assert ">Duyệt</button>" in leader.get(opened.url).content.decode()
        assert _act(leader, report, "approve").status_code == 302
        assert _act(officer, report, "submit").status_code == 302
        report.refresh_from_db()
        stale_version = report.version - 1  # the page the double click came from
        twice = officer.post(
            reverse("reporting:report_action", args=[report.pk]),
            {"action": "submit", "version": str(stale_version)},
        )
    assert twice.status_code == 409
    assert "Báo cáo đã được gửi lúc 09:00 14/03/2026" in twice.content.decode()
    assert report.status == ReportStatus.SUBMITTED
    with time_machine.travel(at(2026, 3, 20), tick=False):
        page = coordinator.get(opened.url).content.decode()
        assert ">Tiếp nhận</button>" in page and ">Trả lại đơn vị</button>" in page
        assert 'name="summary"' not in page  # the coordinator reads, the unit writes
        bare = _act(coordinator, report, "return")
        assert bare.status_code == 400
        assert "Ghi rõ nội dung cần sửa khi trả lại báo cáo." in bare.content.decode()
        returned = _act(coordinator, report, "return", comment="Bổ sung số liệu tin bài.")
        assert returned.status_code == 302
        page = officer.get(opened.url).content.decode()
    report.refresh_from_db()
    assert (report.status, report.review_comment) == ("returned", "Bổ sung số liệu tin bài.")
    comment = page.split('class="review-comment"')[1].split("</div>")[0]
    assert "Cơ quan đầu mối trả lại báo cáo" in comment
    assert "Bổ sung số liệu tin bài." in comment
    assert 'name="summary"' in page  # returned: the unit edits again
    assert "Gửi lần đầu" in page and "14/03/2026" in page
    assert "nộp muộn" not in page
    audit = page.split('id="audit-title"')[1]
    assert audit.count("<tr>") >= 6


def test_report_text_conflict_keeps_the_typed_text(tracked: Tracked) -> None:
    users = tracked.world.users
    with time_machine.travel(at(2026, 3, 10), tick=False):
        report = report_open(
            user=users["unit_officer"],
            period=tracked.periods["Quý I/2026"],
            unit=tracked.world.foreign_affairs,
        )
        url = reverse("reporting:report", args=[report.pk])
        first = _client(users["unit_leader"]).post(
            url, {"summary": "Bản lãnh đạo.", "difficulties": "", "proposals": "", "version": "1"}
        )
        assert first.status_code == 302
        second = _client(users["unit_officer"]).post(
            url, {"summary": "Bản cán bộ gõ.", "difficulties": "Thiếu người.", "version": "1"}
        )
    page = second.content.decode()
    assert second.status_code == 409
    assert "Bản cán bộ gõ.</textarea>" in page and "Thiếu người.</textarea>" in page
    assert "Bản vừa được lưu" in page and "Bản lãnh đạo." in page
    assert 'name="version" value="2"' in page
    report.refresh_from_db()
    assert (report.summary, report.version) == ("Bản lãnh đạo.", 2)


def test_late_submission_is_marked_and_the_list_filters_by_period(tracked: Tracked) -> None:
    users = tracked.world.users
    officer, leader = _client(users["unit_officer"]), _client(users["unit_leader"])
    period = tracked.periods["Quý I/2026"]
    with time_machine.travel(at(2026, 3, 20), tick=False):
        officer.post(
            _item_url(tracked.item("II.3", "T-SNGV", seq=1)), _form_data(tracked, "Quý I/2026")
        )
        officer.post(reverse("reporting:report_open", args=[period.pk]))
        report = UnitReport.objects.get()
        _act(leader, report, "approve")
        _act(leader, report, "submit")
        page = officer.get(reverse("reporting:report", args=[report.pk])).content.decode()
        listing = officer.get("/reporting/reports/", {"period": period.pk}).content.decode()
        other = officer.get(
            "/reporting/reports/", {"period": tracked.periods["Quý II/2026"].pk}
        ).content.decode()
        viewer = _client(users["viewer"]).get("/reporting/reports/").content.decode()
    assert '<span class="badge badge-late">nộp muộn</span>' in page
    assert f'href="/reporting/reports/{report.pk}/"' in listing and "nộp muộn" in listing
    assert f'href="/reporting/reports/{report.pk}/"' not in other
    # Periods already begun without the unit's report can be opened from the list.
    assert (
        f'action="/reporting/periods/{tracked.periods["6 tháng đầu năm 2026"].pk}/my-report/"'
        in listing
    )
    assert (
        f'action="/reporting/periods/{tracked.periods["Quý II/2026"].pk}/my-report/"' not in listing
    )
    assert f'href="/reporting/reports/{report.pk}/"' in viewer and "Lập báo cáo" not in viewer
