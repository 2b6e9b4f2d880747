"""Next year's plan in the browser: the draft opens in the import draft editor, edits made
there are what the downloaded KẾ HOẠCH holds (read back by the parser), confirming it fills the
register, and `ttdn plan draft-next --pdf`."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from tests.plans.plan_data import BEFORE_ANY_DUE_DATE
from ttdn.core.errors import PermissionDenied
from ttdn.plans import drafts
from ttdn.plans.models import Plan, PlanDraft, Task
from ttdn.plans.next_year import next_year_draft
from ttdn.plans.parsing import ParsedPlan, parse_bytes

pytestmark = BEFORE_ANY_DUE_DATE
needs_libreoffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="chưa cài LibreOffice (make system-packages cài đặt)"
)


def _client(world, role: str) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(world.users[role])
    return client


def test_the_draft_service_stores_next_years_plan_for_review(plan: Plan, world) -> None:  # type: ignore[no-untyped-def]
    draft = drafts.plan_draft_next_year(user=world.users["coordinator"], plan=plan)

    stored = ParsedPlan.from_json(draft.data)
    assert stored.to_json() == next_year_draft(plan=plan).to_json()
    assert draft.source_name == "Dự thảo kế hoạch năm 2027 (từ 15/KH-UBND)"
    assert draft.relations == {"15/KH-UBND": "based_on"}
    assert draft.history.first().history_user == world.users["coordinator"]


def test_only_the_coordinating_agency_starts_a_draft(plan: Plan, world) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        drafts.plan_draft_next_year(user=world.users["unit_officer"], plan=plan)
    answer = _client(world, "unit_officer").post(reverse("plans:next_year", args=[plan.pk]))
    assert answer.status_code == 403
    page = _client(world, "unit_officer").get(reverse("plans:detail", args=[plan.pk]))
    assert "Lập dự thảo kế hoạch năm 2027" not in page.content.decode()
    assert not PlanDraft.objects.exists()


def test_edit_in_the_browser_then_download_the_word_draft(plan: Plan, world) -> None:  # type: ignore[no-untyped-def]
    client = _client(world, "coordinator")
    page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "Lập dự thảo kế hoạch năm 2027" in page

    answer = client.post(reverse("plans:next_year", args=[plan.pk]), follow=True)
    draft = PlanDraft.objects.get()
    assert answer.redirect_chain == [(reverse("plan_import:draft", args=[draft.pk]), 302)]
    body = answer.content.decode()
    assert "Đã lập dự thảo kế hoạch năm 2027: 3 nhiệm vụ chuyển tiếp (1 định kỳ" in body
    assert reverse("plan_import:draft_docx", args=[draft.pk]) in body

    # The officer rewords the second task and moves its deadline, then downloads the draft.
    drafts.plan_draft_update_task(
        user=world.users["coordinator"],
        draft=draft,
        index=1,
        changes={"text": "Tổ chức hội nghị báo chí giới thiệu tỉnh năm 2027.", "due": "30/09/2027"},
    )
    download = client.get(reverse("plan_import:draft_docx", args=[draft.pk]))
    assert download["Content-Disposition"] == 'attachment; filename="du-thao-ke-hoach-2027.docx"'
    read = parse_bytes(download.content, filename="du-thao.docx")
    expected = ParsedPlan.from_json(PlanDraft.objects.get().data)
    assert [(t.text, t.due, t.lead, t.support) for t in read.tasks] == [
        (t.text, t.due, t.lead, t.support) for t in expected.tasks
    ]
    assert read.tasks[1].text == "Tổ chức hội nghị báo chí giới thiệu tỉnh năm 2027."
    assert str(read.tasks[1].due) == "2027-09-30"
    assert read.document.year == 2027


def test_confirming_the_draft_fills_next_years_register(plan: Plan, world) -> None:  # type: ignore[no-untyped-def]
    draft = drafts.plan_draft_next_year(user=world.users["coordinator"], plan=plan)
    carried = [t.text for t in next_year_draft(plan=plan).tasks]

    answer = _client(world, "coordinator").post(reverse("plan_import:confirm", args=[draft.pk]))

    new = Plan.objects.get(year=2027)
    assert answer.status_code == 302 and answer["Location"] == reverse(
        "plans:detail", args=[new.pk]
    )
    assert list(Task.objects.filter(plan=new).order_by("order").values_list("text", flat=True)) == (
        carried
    )
    assert not PlanDraft.objects.exists()


def test_a_unit_officer_cannot_download_a_draft(plan: Plan, world) -> None:  # type: ignore[no-untyped-def]
    draft = drafts.plan_draft_next_year(user=world.users["coordinator"], plan=plan)
    answer = _client(world, "unit_officer").get(reverse("plan_import:draft_docx", args=[draft.pk]))
    assert answer.status_code == 404


@needs_libreoffice
def test_draft_as_pdf_in_the_browser_and_from_the_command(
    plan: Plan, world, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    pdfplumber = pytest.importorskip("pdfplumber")
    draft = drafts.plan_draft_next_year(user=world.users["coordinator"], plan=plan)
    answer = _client(world, "coordinator").get(reverse("plan_import:draft_pdf", args=[draft.pk]))
    assert answer["Content-Type"] == "application/pdf"

    docx, pdf = tmp_path / "kh-2027.docx", tmp_path / "kh-2027.pdf"
    out = io.StringIO()
    call_command(
        "plan", "draft-next", "--year", "2026", "--output", str(docx), "--pdf", str(pdf), stdout=out
    )
    assert out.getvalue().splitlines()[-1] == f"Đã ghi bản PDF vào {pdf}."
    for data in (answer.content, pdf.read_bytes()):
        with pdfplumber.open(io.BytesIO(data)) as document:
            text = document.pages[0].extract_text()
        assert "KẾ HOẠCH" in text
        assert "Công tác thông tin đối ngoại tỉnh Quảng Trị năm 2027" in text


def test_command_without_libreoffice_refuses_pdf_and_writes_nothing(
    plan: Plan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TTDN_LIBREOFFICE", str(tmp_path / "khong-co-soffice"))
    err = io.StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command(
            "plan",
            "draft-next",
            "--year",
            "2026",
            "--output",
            str(tmp_path / "kh.docx"),
            "--pdf",
            str(tmp_path / "kh.pdf"),
            stderr=err,
        )
    assert exit_.value.code == 1
    assert err.getvalue().startswith("Lỗi: Máy chủ chưa cài LibreOffice nên chưa xuất được PDF")
    assert list(tmp_path.iterdir()) == []
