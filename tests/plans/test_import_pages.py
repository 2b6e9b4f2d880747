"""The plan import pages: upload → preview grid (edit, merge, split, drop) → unit mapping →
confirm, as a coordinator sees them; refusals for everyone else; nothing half-written."""

from __future__ import annotations

import random
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from ttdn.core.office import libreoffice_path
from ttdn.plans import drafts
from ttdn.plans.models import Plan, PlanDraft
from ttdn.plans.parsing import ParsedPlan
from ttdn.plans.views_import import task_key
from ttdn.units.models import AliasSource, UnitAlias

UPLOAD = "/plans/import/"
HTMX = {"HTTP_HX_REQUEST": "true"}

# Our own short plan: four rows the parser reads as tasks, the last of which is really the
# reporting instruction, the second joins two tasks, and one unit name is not in the directory.
PLAN = """ỦY BAN NHÂN DÂN
TỈNH QUẢNG TRỊ

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 12/KH-UBND

Quảng Trị, ngày 05 tháng 02 năm 2026

KẾ HOẠCH

Thông tin đối ngoại về du lịch biển và hợp tác quốc tế của tỉnh năm 2026

Căn cứ Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của Chính phủ về quản lý hoạt động thông tin đối ngoại;

Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:

I. MỤC ĐÍCH, YÊU CẦU

- Quảng bá hình ảnh biển, đảo và con người của tỉnh tới du khách quốc tế.

- Giao việc rõ ràng cho từng cơ quan, có thời hạn và sản phẩm cụ thể.

II. NHIỆM VỤ CỤ THỂ

1. Xuất bản sổ tay giới thiệu các bãi biển của tỉnh bằng tiếng Anh và tiếng Hàn.

- Đơn vị chủ trì: Sở Ngoại vụ.

- Đơn vị phối hợp: Sở Văn hóa, Thể thao và Du lịch; Ban Quản lý Khu du lịch Cửa Tùng.

- Thời gian thực hiện: Quý II/2026.

- Kinh phí: 100.000.000 đồng.

- Kết quả/sản phẩm: 2.000 cuốn sổ tay.

2. Đón đoàn phóng viên nước ngoài tìm hiểu về các làng chài ven biển. Viết loạt bài về kinh tế biển trên trang thông tin đối ngoại của tỉnh.

- Đơn vị chủ trì: Sở Ngoại vụ.

- Đơn vị phối hợp: Công an tỉnh Quảng Trị.

- Thời gian thực hiện: Trước ngày 30/9/2026.

3. Tổ chức hội thảo về giữ gìn môi trường biển với các đối tác Nhật Bản.

- Đơn vị chủ trì: Sở Văn hóa, Thể thao và Du lịch.

- Thời gian thực hiện: Tháng 11/2026.

III. TỔ CHỨC THỰC HIỆN

Các cơ quan, đơn vị báo cáo kết quả thực hiện về Sở Văn hóa, Thể thao và Du lịch trước ngày 10/12/2026 để tổng hợp.

Nơi nhận:
- Bộ Văn hóa, Thể thao và Du lịch;
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Trần Văn Minh
""".encode()

LETTER = """ỦY BAN NHÂN DÂN
TỈNH QUẢNG TRỊ

Số: 45/UBND-VX

Quảng Trị, ngày 03 tháng 3 năm 2026

Kính gửi: Sở Ngoại vụ

Ủy ban nhân dân tỉnh nhận được đề nghị của quý Sở về việc đón khách. Đề nghị quý Sở chủ động sắp xếp lịch làm việc phù hợp.

Trân trọng./.
""".encode()

UNMAPPED = "Ban Quản lý Khu du lịch Cửa Tùng"


def _client(world: Any, role: str) -> Client:
    client = Client()
    client.force_login(world.users[role])
    return client


@pytest.fixture
def coord(world: Any) -> Client:
    return _client(world, "coordinator")


@pytest.fixture
def draft(world: Any) -> PlanDraft:
    return drafts.plan_draft_create(
        user=world.users["coordinator"], data=PLAN, filename="ke-hoach-12.txt"
    )


def _upload(client: Client, data: bytes = PLAN, name: str = "ke-hoach-12.txt") -> Any:
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, data)})


def _url(draft: PlanDraft, *parts: object) -> str:
    return f"/plans/import/{draft.pk}/" + "".join(f"{part}/" for part in parts)


def _tasks(draft: PlanDraft) -> tuple[Any, ...]:
    draft.refresh_from_db()
    return ParsedPlan.from_json(draft.data).tasks


def _key(draft: PlanDraft, index: int) -> str:
    return task_key(_tasks(draft)[index])


def _edit(draft: PlanDraft, index: int, **changes: str) -> dict[str, str]:
    """The edit form of a row as shown, with `changes` typed over it."""
    task = _tasks(draft)[index]
    fields = {
        "key": task_key(task),
        "text": task.text,
        "lead": "; ".join(task.lead),
        "support": "; ".join(task.support),
        "timeline": task.timeline or "",
        "due": task.due.strftime("%d/%m/%Y") if task.due else "",
        "budget_vnd": str(task.budget_vnd or ""),
        "outputs": "; ".join(task.outputs),
        "recurrence": task.recurrence or "",
    }
    return fields | changes


# ── upload ───────────────────────────────────────────────────────────────────────────────────


def test_upload_page_explains_what_is_read_and_the_limits(world: Any, coord: Client) -> None:
    page = coord.get(UPLOAD).content.decode()
    assert '<label for="id_file">Tệp kế hoạch' in page
    assert 'accept=".docx,.pdf,.doc,.rtf,.odt,.md,.txt"' in page
    assert "tối đa 20 MB" in page
    if libreoffice_path() is not None:
        assert "Tệp .doc, .rtf, .odt được máy chủ tự chuyển sang .docx để đọc." in page
    assert "đơn vị chủ trì, đơn vị phối hợp, thời gian, hạn, kinh phí" in page
    assert "Không có bản nháp nào." in page


def test_without_libreoffice_the_page_asks_to_save_an_old_doc_as_docx(
    world: Any, coord: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TTDN_LIBREOFFICE", "/khong-co/soffice")
    page = coord.get(UPLOAD).content.decode()
    assert "Tệp .doc cũ hoặc PDF quét ảnh cần lưu lại thành .docx trước." in page


def test_upload_stores_a_draft_and_opens_its_preview(world: Any, coord: Client) -> None:
    response = _upload(coord)
    draft = PlanDraft.objects.get()
    assert response.status_code == 302
    assert response.url == f"/plans/import/{draft.pk}/"
    assert draft.uploaded_by == world.users["coordinator"]
    assert draft.source_name == "ke-hoach-12.txt"
    assert Plan.objects.count() == 0
    page = coord.get(response.url).content.decode()
    assert "Đã đọc tệp ke-hoach-12.txt. Hãy xem lại và sửa trước khi xác nhận nhập." in page
    for shown in (
        "12/KH-UBND",
        "05/02/2026",
        "UBND tỉnh Quảng Trị",
        "Thông tin đối ngoại về du lịch biển và hợp tác quốc tế của tỉnh năm 2026",
        "Trần Văn Minh (Phó Chủ tịch)",
        "<dd>2026</dd>",
        "10/12/2026",
        "72/2015/NĐ-CP",
        "Căn cứ",
        "4 nhiệm vụ",
        "100.000.000",
        "30/06/2026",
        "2.000 cuốn sổ tay",
        "Quý II/2026",
    ):
        assert shown in page, shown
    assert f'{UNMAPPED} <span class="badge">chưa xác định</span>' in page
    assert "1 tên chưa xác định được đơn vị" in page


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("rong.txt", b"", "Tệp rong.txt rỗng (0 byte), không có nội dung để đọc."),
        (
            "ke-hoach.docx",
            random.Random(12).randbytes(4096),
            "Tệp ke-hoach.docx bị hỏng hoặc không phải tệp .docx thật nên không đọc được.",
        ),
        ("cong-van.txt", LETTER, "Không nhận ra kế hoạch trong tệp"),
    ],
)
def test_a_file_that_is_not_a_plan_is_refused_on_the_same_page(
    world: Any, coord: Client, name: str, data: bytes, message: str
) -> None:
    response = _upload(coord, data, name)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert '<p class="error" role="alert">' in page
    assert PlanDraft.objects.count() == 0


def test_a_file_already_imported_points_to_its_plan(world: Any, coord: Client) -> None:
    _upload(coord)
    plan = drafts.plan_draft_confirm(user=world.users["coordinator"], draft=PlanDraft.objects.get())
    response = _upload(coord, name="ban-sao.txt")
    assert response.status_code == 409
    page = response.content.decode()
    assert "Tệp này đã được nhập thành kế hoạch" in page
    assert f'href="/plans/{plan.pk}/"' in page
    assert PlanDraft.objects.count() == 0


def test_a_file_waiting_as_a_draft_opens_that_draft(world: Any, coord: Client, draft) -> None:  # type: ignore[no-untyped-def]
    response = _upload(coord)
    assert response.status_code == 302
    assert response.url == f"/plans/import/{draft.pk}/"
    assert PlanDraft.objects.count() == 1


# ── the grid ─────────────────────────────────────────────────────────────────────────────────


def test_edit_form_opens_in_place_with_the_row_values(world: Any, coord: Client, draft) -> None:  # type: ignore[no-untyped-def]
    html = coord.get(_url(draft, "tasks", 0, "edit"), **HTMX).content.decode()
    assert html.lstrip().startswith('<tr id="task-0" class="row-editing">')
    assert "<html" not in html
    assert '<label for="t0-due">Hạn (dd/mm/yyyy)</label>' in html
    assert 'value="30/06/2026"' in html
    assert 'value="100.000.000"' in html
    assert 'value="Sở Văn hóa, Thể thao và Du lịch; Ban Quản lý Khu du lịch Cửa Tùng"' in html


def test_edit_a_row_inline(world: Any, coord: Client, draft) -> None:  # type: ignore[no-untyped-def]
    form = _edit(
        draft,
        0,
        due="15/07/2026",
        budget_vnd="120.000.000",
        lead="Sở Ngoại vụ; Trung tâm Dịch vụ đối ngoại",
        timeline="Tháng 7/2026",
    )
    response = coord.post(_url(draft, "tasks", 0, "edit"), form, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<tr id="task-0">')
    assert "15/07/2026" in html
    assert "120.000.000" in html
    oob = '<template>\n<section id="mentions" aria-labelledby="mentions-title" class="card" hx-swap-oob'
    assert oob in html  # the unit panel refreshed out of band, in a <template> (see _htmx)
    assert "Đã lưu nhiệm vụ 1." in html
    task = _tasks(draft)[0]
    assert str(task.due) == "2026-07-15"
    assert task.budget_vnd == 120_000_000
    assert task.lead == ("Sở Ngoại vụ", "Trung tâm Dịch vụ đối ngoại")
    assert task.timeline == "Tháng 7/2026"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("due", "31/02/2026", "Ngày “31/02/2026” không hợp lệ (dạng dd/mm/yyyy)."),
        ("due", "ngày mai", "Ngày “ngày mai” không hợp lệ (dạng dd/mm/yyyy)."),
        ("budget_vnd", "-5.000.000", "Kinh phí không được là số âm."),
        (
            "budget_vnd",
            "một trăm triệu",
            "Kinh phí “một trăm triệu” không hợp lệ (số đồng, ví dụ 100.000.000).",
        ),
        ("text", "", "Trường này là bắt buộc."),
    ],
)
def test_bad_input_is_told_next_to_the_field_and_changes_nothing(
    world: Any, coord: Client, draft, field: str, value: str, message: str
) -> None:  # type: ignore[no-untyped-def]
    before = dict(draft.data)
    response = coord.post(
        _url(draft, "tasks", 0, "edit"), _edit(draft, 0, **{field: value}), **HTMX
    )
    assert response.status_code == 400
    html = response.content.decode()
    field_html = html[html.index(f'for="t0-{field}"') :]
    assert field_html.index(message) < field_html.index("</div>")  # inside that field's block
    draft.refresh_from_db()
    assert draft.data == before


def test_without_javascript_an_edit_posts_and_returns_to_the_page(
    world: Any, coord: Client, draft
) -> None:  # type: ignore[no-untyped-def]
    page = coord.get(_url(draft, "tasks", 2, "edit")).content.decode()
    assert "<html" in page and 'id="t2-due"' in page
    response = coord.post(_url(draft, "tasks", 2, "edit"), _edit(draft, 2, due="20/11/2026"))
    assert response.status_code == 302
    assert response.url == f"/plans/import/{draft.pk}/#task-2"
    assert str(_tasks(draft)[2].due) == "2026-11-20"


def test_merge_a_row_with_the_next(world: Any, coord: Client, draft) -> None:  # type: ignore[no-untyped-def]
    response = coord.post(_url(draft, "tasks", 1, "merge"), {"key": _key(draft, 1)}, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="grid"')
    assert "3 nhiệm vụ" in html
    assert "Đã gộp nhiệm vụ 2 và 3." in html
    tasks = _tasks(draft)
    assert len(tasks) == 3
    assert tasks[1].text == (
        "Đón đoàn phóng viên nước ngoài tìm hiểu về các làng chài ven biển. Viết loạt bài về "
        "kinh tế biển trên trang thông tin đối ngoại của tỉnh. Tổ chức hội thảo về giữ gìn môi "
        "trường biển với các đối tác Nhật Bản."
    )
    assert tasks[1].lead == ("Sở Ngoại vụ", "Sở Văn hóa, Thể thao và Du lịch")
    assert str(tasks[1].due) == "2026-11-30"


def test_split_a_row_at_its_sentences(world: Any, coord: Client, draft) -> None:  # type: ignore[no-untyped-def]
    form = coord.get(_url(draft, "tasks", 1, "split"), **HTMX).content.decode()
    assert "ven biển.\nViết loạt bài" in form  # one sentence a line: the officer edits where to cut
    parts = (
        "Đón đoàn phóng viên nước ngoài tìm hiểu về các làng chài ven biển.\n"
        "Viết loạt bài về kinh tế biển trên trang thông tin đối ngoại của tỉnh."
    )
    response = coord.post(
        _url(draft, "tasks", 1, "split"), {"key": _key(draft, 1), "parts": parts}, **HTMX
    )
    assert response.status_code == 200
    assert response.headers["HX-Retarget"] == "#grid"  # the form was in the row
    assert "5 nhiệm vụ" in response.content.decode()
    tasks = _tasks(draft)
    assert [t.text for t in tasks[1:3]] == parts.split("\n")
    assert tasks[2].lead == ("Sở Ngoại vụ",)
    assert str(tasks[2].due) == "2026-09-30"


def test_split_needs_two_lines(world: Any, coord: Client, draft) -> None:  # type: ignore[no-untyped-def]
    before = dict(draft.data)
    response = coord.post(
        _url(draft, "tasks", 2, "split"),
        {"key": _key(draft, 2), "parts": "Chỉ một dòng."},
        **HTMX,
    )
    assert response.status_code == 400
    assert "Cần ít nhất hai dòng để tách thành hai nhiệm vụ." in response.content.decode()
    draft.refresh_from_db()
    assert draft.data == before


def test_drop_a_row_that_is_not_a_task(world: Any, coord: Client, draft) -> None:  # type: ignore[no-untyped-def]
    response = coord.post(_url(draft, "tasks", 3, "drop"), {"key": _key(draft, 3)}, **HTMX)
    assert response.status_code == 200
    assert "Đã bỏ dòng 4 khỏi danh sách nhiệm vụ." in response.content.decode()
    assert [t.ref for t in _tasks(draft)] == ["II.1", "II.2", "II.3"]


def test_a_stale_or_repeated_action_changes_nothing(world: Any, coord: Client, draft) -> None:  # type: ignore[no-untyped-def]
    key = _key(draft, 1)
    assert coord.post(_url(draft, "tasks", 1, "drop"), {"key": key}, **HTMX).status_code == 200
    draft.refresh_from_db()
    after_first = dict(draft.data)
    again = coord.post(_url(draft, "tasks", 1, "drop"), {"key": key}, **HTMX)  # a double click
    assert again.status_code == 409
    assert again.headers["HX-Retarget"] == "#grid"
    assert "bảng nhiệm vụ đã được tải lại, không có gì bị sửa" in again.content.decode()
    draft.refresh_from_db()
    assert draft.data == after_first
    assert len(_tasks(draft)) == 3
    gone = coord.post(_url(draft, "tasks", 9, "merge"), {"key": key})
    assert gone.status_code == 409


# ── unit names ───────────────────────────────────────────────────────────────────────────────


def test_unit_list_puts_the_search_result_in_the_select(world: Any, coord: Client, draft) -> None:  # type: ignore[no-untyped-def]
    html = coord.get(
        _url(draft, "units", "options"), {"printed": UNMAPPED, "q": "trung tam"}, **HTMX
    ).content.decode()
    assert f'<option value="{world.fa_centre.pk}">Trung tâm Dịch vụ đối ngoại' in html
    assert "Công an tỉnh" not in html


def test_map_an_unresolved_name_saves_an_alias_on_confirmation(
    world: Any, coord: Client, draft
) -> None:  # type: ignore[no-untyped-def]
    response = coord.post(
        _url(draft, "units"), {"printed": UNMAPPED, "unit": world.fa_centre.pk}, **HTMX
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="mentions"')
    assert "Đã gán “Ban Quản lý Khu du lịch Cửa Tùng” cho Trung tâm Dịch vụ đối ngoại" in html
    assert '<span class="badge">đã chọn</span>' in html
    assert "chưa xác định được đơn vị" not in html
    draft.refresh_from_db()
    assert draft.mappings == {UNMAPPED: world.fa_centre.pk}
    assert not UnitAlias.objects.filter(folded__contains="cua tung").exists()

    assert coord.post(_url(draft, "confirm")).status_code == 302
    alias = UnitAlias.objects.get(unit=world.fa_centre)
    assert (alias.text, alias.source) == (UNMAPPED, AliasSource.OFFICER)
    # The next plan that prints the name resolves it by itself.
    later = PLAN.replace(b"12/KH-UBND", b"30/KH-UBND").replace(b"05 th", b"06 th")
    _upload(coord, later, "ke-hoach-30.txt")
    page = coord.get(f"/plans/import/{PlanDraft.objects.get().pk}/").content.decode()
    assert "chưa xác định được đơn vị" not in page


def test_a_name_the_draft_does_not_print_cannot_be_mapped(world: Any, coord: Client, draft) -> None:  # type: ignore[no-untyped-def]
    response = coord.post(
        _url(draft, "units"), {"printed": "Sở Không Có", "unit": world.police.pk}, **HTMX
    )
    assert response.status_code == 404
    assert response.headers["HX-Retarget"] == "#draft-alert"
    assert "Bản nháp không có đơn vị nào ghi là “Sở Không Có”." in response.content.decode()
    draft.refresh_from_db()
    assert draft.mappings == {}


# ── document, confirm, discard ───────────────────────────────────────────────────────────────


def test_fix_the_document_header(world: Any, coord: Client, draft) -> None:  # type: ignore[no-untyped-def]
    fields = {"number": "12/KH-UBND", "date": "06/02/2026", "year": "2026", "title": "Tên mới"}
    response = coord.post(_url(draft, "document"), fields)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.data["document"]["date"] == "2026-02-06"
    assert draft.data["document"]["title"] == "Tên mới"
    bad = coord.post(_url(draft, "document"), fields | {"date": "30/02/2026"})
    assert bad.status_code == 400
    assert "Ngày “30/02/2026” không hợp lệ (dạng dd/mm/yyyy)." in bad.content.decode()


def test_confirm_imports_the_plan_and_opens_it(world: Any, coord: Client, draft) -> None:  # type: ignore[no-untyped-def]
    coord.post(_url(draft, "tasks", 3, "drop"), {"key": _key(draft, 3)})
    response = coord.post(_url(draft, "confirm"), follow=True)
    plan = Plan.objects.get()
    assert response.redirect_chain == [(f"/plans/{plan.pk}/", 302)]
    page = response.content.decode()
    assert (
        "Đã nhập kế hoạch “Thông tin đối ngoại về du lịch biển và hợp tác quốc tế của tỉnh năm "
        "2026” với 3 nhiệm vụ." in page
    )
    assert "Xuất bản sổ tay giới thiệu các bãi biển" in page
    assert plan.document.number == "12/KH-UBND"
    assert plan.imported_by == world.users["coordinator"]
    assert not PlanDraft.objects.exists()


def test_confirm_over_an_imported_plan_asks_to_replace(world: Any, coord: Client) -> None:
    old = drafts.plan_draft_create(user=world.users["admin"], data=PLAN, filename="cu.txt")
    drafts.plan_draft_confirm(user=world.users["admin"], draft=old)
    revised = PLAN.replace(b"2.000 cu", b"3.000 cu")
    _upload(coord, revised, "ke-hoach-12-sua.txt")
    draft = PlanDraft.objects.get()
    page = coord.get(_url(draft)).content.decode()
    assert "Kế hoạch này đã có trong sổ (cùng tệp hoặc cùng số ký hiệu):" in page
    assert 'name="replace" value="1"' in page
    refused = coord.post(_url(draft, "confirm"))
    assert refused.status_code == 409
    assert "Kế hoạch số 12/KH-UBND đã được nhập" in refused.content.decode()
    assert PlanDraft.objects.filter(pk=draft.pk).exists()
    assert coord.post(_url(draft, "confirm"), {"replace": "1"}).status_code == 302
    plan = Plan.objects.get()
    assert plan.tasks.get(order=1).outputs == ["3.000 cuốn sổ tay"]


def test_confirm_refuses_a_draft_without_tasks(world: Any, coord: Client, draft) -> None:  # type: ignore[no-untyped-def]
    for _ in range(4):
        coord.post(_url(draft, "tasks", 0, "drop"), {"key": _key(draft, 0)})
    response = coord.post(_url(draft, "confirm"))
    assert response.status_code == 400
    assert "Kế hoạch không có nhiệm vụ nào." in response.content.decode()
    assert Plan.objects.count() == 0


def test_discard_a_draft(world: Any, coord: Client, draft) -> None:  # type: ignore[no-untyped-def]
    response = coord.post(_url(draft, "discard"), follow=True)
    assert response.redirect_chain == [(UPLOAD, 302)]
    assert "Đã hủy bản nháp của tệp ke-hoach-12.txt." in response.content.decode()
    assert not PlanDraft.objects.exists()
    assert Plan.objects.count() == 0


# ── who may ──────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("admin", 200),
        ("coordinator", 200),
        ("content_editor", 403),
        ("unit_officer", 403),
        ("unit_leader", 403),
        ("viewer", 403),
    ],
)
def test_only_coordinators_and_admins_open_the_import(world: Any, role: str, status: int) -> None:
    response = _client(world, role).get(UPLOAD)
    assert response.status_code == status
    if status == 403:
        assert (
            "Chỉ cán bộ cơ quan đầu mối và quản trị hệ thống được nhập kế hoạch."
            in response.content.decode()
        )


def test_a_unit_officer_changes_nothing(world: Any, draft) -> None:  # type: ignore[no-untyped-def]
    officer = _client(world, "unit_officer")
    before = dict(draft.data)
    attempts = [
        officer.post(UPLOAD, {"file": SimpleUploadedFile("k.txt", PLAN + b" ")}),
        officer.get(_url(draft)),
        officer.post(_url(draft, "tasks", 0, "edit"), _edit(draft, 0, due="01/01/2027")),
        officer.post(_url(draft, "tasks", 0, "drop"), {"key": _key(draft, 0)}),
        officer.post(_url(draft, "units"), {"printed": UNMAPPED, "unit": world.police.pk}),
        officer.post(_url(draft, "confirm")),
        officer.post(_url(draft, "discard")),
    ]
    assert [r.status_code for r in attempts] == [403] * len(attempts)
    draft.refresh_from_db()
    assert (draft.data, draft.mappings) == (before, {})
    assert PlanDraft.objects.count() == 1
    assert Plan.objects.count() == 0


def test_plans_stay_readable_by_every_official(world: Any, draft) -> None:  # type: ignore[no-untyped-def]
    plan = drafts.plan_draft_confirm(user=world.users["coordinator"], draft=draft)
    assert _client(world, "unit_officer").get(f"/plans/{plan.pk}/").status_code == 200


def test_anonymous_visitors_are_sent_to_sign_in(db: None, draft) -> None:  # type: ignore[no-untyped-def]
    for url in (UPLOAD, _url(draft), _url(draft, "confirm")):
        response = Client().get(url)
        assert response.status_code == 302
        assert response.url.startswith(f"/login/?next={url}")


def test_csrf_is_enforced(world: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["coordinator"])
    response = client.post(UPLOAD, {"file": SimpleUploadedFile("k.txt", PLAN)})
    assert response.status_code == 403
    assert PlanDraft.objects.count() == 0


# ── cost ─────────────────────────────────────────────────────────────────────────────────────


def test_preview_query_count_is_bounded_and_does_not_grow_with_tasks(
    world: Any, coord: Client, django_assert_max_num_queries: Any
) -> None:
    small = drafts.plan_draft_create(user=world.users["coordinator"], data=PLAN, filename="a.txt")
    tasks = "\n\n".join(
        f"{n}. Nhiệm vụ thử số {n} về quảng bá du lịch.\n\n- Đơn vị chủ trì: Đơn vị mới {n}."
        f"\n\n- Thời gian thực hiện: Tháng {n % 12 + 1}/2026."
        for n in range(4, 40)
    )
    big_text = PLAN.decode().replace("III. TỔ CHỨC", tasks + "\n\nIII. TỔ CHỨC")
    big = drafts.plan_draft_create(
        user=world.users["coordinator"],
        data=big_text.replace("12/KH", "13/KH").encode(),
        filename="b.txt",
    )
    assert len(_tasks(big)) == len(_tasks(small)) + 36
    # 17 on SQLite, 18 on PostgreSQL (the unread-notification badge is one of them)
    with django_assert_max_num_queries(18) as small_queries:
        assert coord.get(_url(small)).status_code == 200
    with django_assert_max_num_queries(len(small_queries.captured_queries)):
        assert coord.get(_url(big)).status_code == 200
