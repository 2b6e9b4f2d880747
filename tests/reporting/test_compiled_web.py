"""The compiled report in the browser: the officer's wording of parts II–IV (saved, audited,
laid over the suggested text in every download), who may read and word which report, the
preview read back from the .docx, the downloads, and PDF through LibreOffice."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from tests.reporting.conftest import TODAY, Built, at
from ttdn.core.errors import PermissionDenied, ValidationFailed
from ttdn.core.office import ConversionUnavailable, docx_to_pdf
from ttdn.reporting.compiled.data import province_report_data
from ttdn.reporting.compiled.preview import docx_html
from ttdn.reporting.compiled.render import report_build, report_docx
from ttdn.reporting.compiled.texts import compiled_text_save, paragraphs
from ttdn.reporting.models import CompiledReportText

LIBREOFFICE = shutil.which("soffice")
needs_libreoffice = pytest.mark.skipif(
    LIBREOFFICE is None, reason="chưa cài LibreOffice (make system-packages cài đặt)"
)


def _part(texts: list[str], heading: str, following: str | None) -> list[str]:
    start = texts.index(heading) + 1
    end = texts.index(following) if following else len(texts)
    return [t for t in texts[start:end] if t.strip()]


def _paragraphs(docx: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(docx)).paragraphs]


def _client(built: Built, role: str) -> Client:
    client = Client()
    client.force_login(built.tracked.world.users[role])
    return client


def _word(built: Built, role: str, unit=None, **parts: str) -> CompiledReportText:  # type: ignore[no-untyped-def]
    """Save the wording of parts II–IV as `role` (parts left out are empty)."""
    return compiled_text_save(
        user=built.tracked.world.users[role],
        period=built.period,
        unit=unit,
        **{"difficulties": "", "next_steps": "", "proposals": "", **parts},
    )


def _query(built: Built, unit: int | None = None) -> dict[str, object]:
    return {"plan": built.period.plan_id, "period": built.period.pk, "unit": unit or ""}


# --- the wording of parts II–IV ---------------------------------------------------------------


def test_saved_parts_replace_the_suggested_ones_in_the_report(built: Built) -> None:
    coordinator = built.tracked.world.users["coordinator"]
    suggested = _paragraphs(report_build(user=None, period=built.period, today=TODAY).docx)
    assert _part(suggested, "IV. ĐỀ XUẤT, KIẾN NGHỊ", None)[1] == (
        "Sở Ngoại vụ: Đề nghị bổ sung kinh phí biên dịch."
    )

    text = compiled_text_save(
        user=coordinator,
        period=built.period,
        unit=None,
        difficulties="",
        next_steps="  Hoàn thành bản tin quý IV.  \n\n Tổ chức   hội nghị tổng kết.",
        proposals="Đề nghị Bộ Ngoại giao hỗ trợ tập huấn.",
    )
    docx = report_build(user=None, period=built.period, today=TODAY).docx

    assert text.next_steps == "Hoàn thành bản tin quý IV.\nTổ chức hội nghị tổng kết."
    texts = _paragraphs(docx)
    assert _part(texts, "III. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI", "IV. ĐỀ XUẤT, KIẾN NGHỊ") == [
        "Hoàn thành bản tin quý IV.",
        "Tổ chức hội nghị tổng kết.",
    ]
    assert _part(texts, "IV. ĐỀ XUẤT, KIẾN NGHỊ", None)[0] == (
        "Đề nghị Bộ Ngoại giao hỗ trợ tập huấn."
    )
    # An empty part keeps the suggestion: the units' difficulties are still in part II.
    assert "- Sở Ngoại vụ: Thiếu biên dịch viên tiếng Anh." in texts
    assert text.history.count() == 1
    assert text.history.first().history_user == coordinator


def test_saving_again_updates_the_one_row(built: Built) -> None:
    coordinator = built.tracked.world.users["coordinator"]
    for proposals in ("Bản đầu.", "Bản sửa."):
        compiled_text_save(
            user=coordinator,
            period=built.period,
            unit=None,
            difficulties="",
            next_steps="",
            proposals=proposals,
        )
    assert list(CompiledReportText.objects.values_list("unit", "proposals")) == [(None, "Bản sửa.")]


def test_unit_officer_words_its_own_report_only(built: Built) -> None:
    world = built.tracked.world
    _word(built, "unit_officer", world.foreign_affairs, difficulties="Thiếu người.")
    for role, unit in (("unit_officer", None), ("unit_officer", world.police), ("viewer", None)):
        with pytest.raises(PermissionDenied):
            _word(built, role, unit, difficulties="Sửa trộm.")
    assert list(CompiledReportText.objects.values_list("unit__code", "difficulties")) == [
        ("T-SNGV", "Thiếu người.")
    ]


def test_a_part_too_long_is_refused_and_nothing_is_stored(built: Built) -> None:
    with pytest.raises(ValidationFailed) as refused:
        compiled_text_save(
            user=built.tracked.world.users["coordinator"],
            period=built.period,
            unit=None,
            difficulties="",
            next_steps="x" * 20_001,
            proposals="Hợp lệ.",
        )
    assert refused.value.message == "Phần “Phương hướng, nhiệm vụ kỳ tới” dài quá 20.000 ký tự."
    assert not CompiledReportText.objects.exists()


def test_paragraphs_are_the_non_empty_lines() -> None:
    assert paragraphs(" a  b \n\n\tc\n ") == ("a b", "c")


# --- the preview ------------------------------------------------------------------------------


def test_preview_is_the_document_itself_escaped(built: Built) -> None:
    data = province_report_data(period=built.period, today=TODAY)
    html = docx_html(report_docx(data))

    assert "<strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong>" in html
    assert "Số: …/BC-UBND" in html
    assert html.count('<img src="data:image/png;base64,') == 2
    assert "- Sở Ngoại vụ: Đã phát hành 02 số bản tin song ngữ." in html
    assert "I. KẾT QUẢ THỰC HIỆN" in html


def test_preview_escapes_what_units_wrote(built: Built) -> None:
    compiled_text_save(
        user=built.tracked.world.users["coordinator"],
        period=built.period,
        unit=None,
        difficulties="<script>alert(1)</script> & <b>đậm</b>",
        next_steps="",
        proposals="",
    )
    html = docx_html(report_build(user=None, period=built.period, today=TODAY).docx)
    assert "<script>" not in html and "<b>" not in html
    assert "- &lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;đậm&lt;/b&gt;" in html


# --- the pages --------------------------------------------------------------------------------


def test_coordinator_sees_the_preview_and_saves_the_parts(built: Built) -> None:
    client = _client(built, "coordinator")
    with time_machine.travel(at(2026, 11, 22), tick=False):
        page = client.get(reverse("reporting:compiled"), _query(built))
        assert page.status_code == 200
        body = page.content.decode()
        assert "Kết quả thực hiện công tác thông tin đối ngoại năm 2026" in body
        assert 'action="/reporting/compiled/texts/"' in body
        assert "Ủy ban nhân dân tỉnh (báo cáo chung của tỉnh)" in body
        # An empty box shows, greyed, the suggestion the report uses.
        assert 'placeholder="Sở Ngoại vụ: Thiếu biên dịch viên tiếng Anh."' in body

        answer = client.post(
            reverse("reporting:compiled_texts"),
            {
                **_query(built),
                "difficulties": "",
                "next_steps": "Kỳ tới: tổng kết.",
                "proposals": "",
            },
        )
        assert answer.status_code == 302
        assert answer["Location"].endswith("#texts")
        again = client.get(reverse("reporting:compiled"), _query(built)).content.decode()
    assert "Kỳ tới: tổng kết." in again
    assert CompiledReportText.objects.get(unit=None).next_steps == "Kỳ tới: tổng kết."


def test_a_too_long_part_from_the_page_is_shown_as_a_form_error(built: Built) -> None:
    answer = _client(built, "coordinator").post(
        reverse("reporting:compiled_texts"),
        {**_query(built), "difficulties": "", "next_steps": "x" * 20_001, "proposals": ""},
    )
    assert answer.status_code == 400
    assert "Giá trị này chỉ có tối đa 20000 kí tự (hiện có 20001)" in answer.content.decode()
    assert not CompiledReportText.objects.exists()


def test_unit_officer_sees_its_own_unit_only(built: Built) -> None:
    world = built.tracked.world
    client = _client(built, "unit_officer")

    page = client.get(reverse("reporting:compiled"), _query(built))
    assert page.status_code == 200
    body = page.content.decode()
    assert "báo cáo chung của tỉnh" not in body  # no province report for a unit
    assert f'<option value="{world.foreign_affairs.pk}" selected>Sở Ngoại vụ</option>' in body
    assert "Công an tỉnh Quảng Trị</option>" not in body
    assert (
        client.get(reverse("reporting:compiled"), _query(built, world.police.pk)).status_code == 404
    )
    assert (
        client.get(reverse("reporting:compiled_docx"), _query(built, world.police.pk)).status_code
        == 404
    )
    denied = client.post(
        reverse("reporting:compiled_texts"),
        {**_query(built, world.police.pk), "difficulties": "x", "next_steps": "", "proposals": ""},
    )
    assert denied.status_code == 404
    assert not CompiledReportText.objects.exists()


def test_viewer_reads_the_province_report_but_cannot_word_it(built: Built) -> None:
    client = _client(built, "viewer")
    body = client.get(reverse("reporting:compiled"), _query(built)).content.decode()
    assert "Bạn chỉ được xem báo cáo này" in body
    assert 'action="/reporting/compiled/texts/"' not in body
    denied = client.post(
        reverse("reporting:compiled_texts"),
        {**_query(built), "difficulties": "x", "next_steps": "", "proposals": ""},
    )
    assert denied.status_code == 403
    assert not CompiledReportText.objects.exists()


def test_downloads_are_the_report_and_its_appendix(built: Built) -> None:
    client = _client(built, "coordinator")
    with time_machine.travel(at(2026, 11, 22), tick=False):
        docx = client.get(reverse("reporting:compiled_docx"), _query(built))
        xlsx = client.get(reverse("reporting:compiled_xlsx"), _query(built))
        unit = client.get(
            reverse("reporting:compiled_docx"),
            _query(built, built.tracked.world.foreign_affairs.pk),
        )
    assert docx["Content-Disposition"] == 'attachment; filename="bao-cao-tinh-nam-2026.docx"'
    texts = _paragraphs(docx.content)
    assert texts[:2] == ["BÁO CÁO", "Kết quả thực hiện công tác thông tin đối ngoại năm 2026"]
    assert xlsx["Content-Disposition"] == (
        'attachment; filename="phu-luc-bao-cao-tinh-nam-2026.xlsx"'
    )
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.max_row == 4 + 4 + 1  # header rows, the four tasks, the total
    assert unit["Content-Disposition"] == 'attachment; filename="bao-cao-t-sngv-nam-2026.docx"'
    header = Document(io.BytesIO(unit.content)).tables[0].cell(0, 0)
    assert [p.text for p in header.paragraphs if p.text][:2] == [
        "UBND TỈNH QUẢNG TRỊ",
        "SỞ NGOẠI VỤ",
    ]


# --- PDF --------------------------------------------------------------------------------------


def test_without_libreoffice_pdf_is_refused_with_the_reason(
    built: Built, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TTDN_LIBREOFFICE", "/khong/co/soffice")
    with pytest.raises(ConversionUnavailable) as refused:
        docx_to_pdf(b"PK")
    assert refused.value.message.startswith("Máy chủ chưa cài LibreOffice nên chưa xuất được PDF")
    page = _client(built, "coordinator").get(reverse("reporting:compiled"), _query(built))
    assert "Xuất PDF cần LibreOffice trên máy chủ (chưa cài)." in page.content.decode()
    answer = _client(built, "coordinator").get(reverse("reporting:compiled_pdf"), _query(built))
    assert answer.status_code == 503
    assert "chưa cài LibreOffice" in answer.content.decode()


@needs_libreoffice
def test_pdf_download_is_a_pdf_of_the_report(built: Built) -> None:
    pdfplumber = pytest.importorskip("pdfplumber")
    answer = _client(built, "coordinator").get(reverse("reporting:compiled_pdf"), _query(built))
    assert answer.status_code == 200
    assert answer["Content-Type"] == "application/pdf"
    with pdfplumber.open(io.BytesIO(answer.content)) as pdf:
        first = pdf.pages[0].extract_text()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first.splitlines()[0]
    assert "BÁO CÁO" in first


@needs_libreoffice
def test_a_file_libreoffice_cannot_read_is_refused() -> None:
    with pytest.raises(ConversionUnavailable) as refused:
        docx_to_pdf(b"PK\x03\x04 not a document")
    assert refused.value.message == (
        "LibreOffice không chuyển được tệp sang PDF; hãy tải bản Word (.docx)."
    )


@needs_libreoffice
def test_command_writes_the_pdf_beside_the_word_file(built: Built, tmp_path: Path) -> None:
    docx, pdf = tmp_path / "bc.docx", tmp_path / "bc.pdf"
    out = io.StringIO()
    call_command(
        "report", "build", "--year", "2026", "--output", str(docx), "--pdf", str(pdf), stdout=out
    )
    assert out.getvalue().splitlines()[-1] == f"Đã ghi bản PDF vào {pdf}."
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert docx.stat().st_size > 0


def test_command_refuses_pdf_without_libreoffice_and_writes_nothing(
    built: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TTDN_LIBREOFFICE", str(tmp_path / "khong-co-soffice"))
    err = io.StringIO()
    with pytest.raises(SystemExit):
        call_command(
            "report", "build", "--year", "2026", "--output", str(tmp_path / "bc.docx"),
            "--xlsx", str(tmp_path / "pl.xlsx"), "--pdf", str(tmp_path / "bc.pdf"), stderr=err,
        )  # fmt: skip
    assert err.getvalue().startswith("Lỗi: Máy chủ chưa cài LibreOffice nên chưa xuất được PDF")
    assert list(tmp_path.iterdir()) == []
