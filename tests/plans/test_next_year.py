"""Next year's plan draft: which tasks carry over and how their dates move, the KẾ HOẠCH .docx
in the NĐ 30/2020 format, the round trip (draft → .docx → parser → import) and
`ttdn plan draft-next`."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from django.core.management import call_command
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from tests.plans.conftest import VHTTDL
from tests.plans.plan_data import BEFORE_ANY_DUE_DATE, parsed_plan, sha, task
from ttdn.core.errors import ValidationFailed
from ttdn.plans.models import AssignmentRole, Plan, Task, TaskStatus
from ttdn.plans.next_year import YearShift, carried_over_counts, next_year_draft
from ttdn.plans.parsing import ParsedPlan, Reference, parse_bytes
from ttdn.plans.parsing.timeline import parse_timeline
from ttdn.plans.plan_docx import MOTTO, MOTTO_2, issuer_abbreviation, plan_docx, time_phrase
from ttdn.plans.services import plan_import, plan_import_file

pytestmark = BEFORE_ANY_DUE_DATE

FIELDS = ("text", "lead", "support", "timeline", "due", "recurrence", "budget_vnd")


# --- the draft -------------------------------------------------------------------------------


def test_draft_carries_recurring_and_unfinished_tasks_into_next_year(plan: Plan) -> None:
    draft = next_year_draft(plan=plan)

    assert [t.ref for t in draft.tasks] == ["II.1.a", "II.1.b", "IV.1-1"]
    bulletin, conference, reporters = draft.tasks
    assert bulletin.text == "Biên tập bản tin đối ngoại song ngữ năm 2027, phát hành hằng quý."
    assert (bulletin.lead, bulletin.support) == (("Sở Ngoại vụ",), (VHTTDL, "các sở, ban, ngành"))
    assert (bulletin.timeline, bulletin.due, bulletin.recurrence) == (
        "Hằng quý",
        dt.date(2027, 12, 31),
        "quarterly",
    )
    assert bulletin.budget_vnd == 120_000_000
    assert bulletin.outputs == ("04 số bản tin", "Bản điện tử trên cổng thông tin")
    # The cited plan keeps its date; the deadline in the task's words moves.
    assert conference.text == (
        "Tổ chức hội nghị báo chí về Kế hoạch số 15/KH-UBND ngày 20/01/2026, báo cáo kết "
        "quả trong tháng 12/2027."
    )
    assert (conference.timeline, conference.due, conference.recurrence) == (
        "Quý II/2027",
        dt.date(2027, 6, 30),
        None,
    )
    assert (reporters.section, reporters.timeline, reporters.due) == (
        "TỔ CHỨC THỰC HIỆN",
        "trước ngày 15/11/2027",
        dt.date(2027, 11, 15),
    )
    assert reporters.support == ("Trung tâm Dịch vụ đối ngoại",)
    assert carried_over_counts(draft) == (1, 2)


def test_draft_document_has_no_number_and_cites_the_plan(plan: Plan) -> None:
    draft = next_year_draft(plan=plan)

    doc = draft.document
    assert (doc.kind, doc.number, doc.date, doc.year) == ("Kế hoạch", None, None, 2027)
    assert doc.title == "Công tác thông tin đối ngoại tỉnh Quảng Trị năm 2027"
    assert (doc.issuer, doc.place) == ("UBND tỉnh Quảng Trị", "Quảng Trị")
    assert draft.references == (
        Reference("15/KH-UBND", "Kế hoạch", dt.date(2026, 1, 20), "UBND tỉnh Quảng Trị"),
    )
    assert draft.report_deadline == dt.date(2027, 11, 15)
    assert draft.recipients == ("Bộ Văn hóa, Thể thao và Du lịch", "Lưu: VT, KGVX")
    assert [s.title for s in draft.sections[0].children] == [
        "Thông tin đối ngoại về tỉnh năm 2027",
        "Ấn phẩm và triển lãm",
    ]


def test_draft_reads_in_a_fixed_number_of_queries(plan: Plan, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    with django_assert_num_queries(2):  # the carried tasks, their assignments
        next_year_draft(plan=plan)


def test_draft_for_a_later_year_and_refusals(plan: Plan) -> None:
    assert next_year_draft(plan=plan, year=2028).document.title.endswith("năm 2028")
    assert next_year_draft(plan=plan, year=2028).tasks[1].due == dt.date(2028, 6, 30)
    with pytest.raises(ValidationFailed, match="phải sau năm của kế hoạch"):
        next_year_draft(plan=plan, year=2026)
    plan.year = None
    with pytest.raises(ValidationFailed, match="Kế hoạch không ghi năm"):
        next_year_draft(plan=plan)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Quý II/2026", "Quý II/2027"),
        ("Hằng quý năm 2026", "Hằng quý năm 2027"),
        ("trước ngày 15/11/2026", "trước ngày 15/11/2027"),
        ("trong tháng 12/2026", "trong tháng 12/2027"),
        ("Năm 2026", "Năm 2027"),
        ("theo Quyết định số 12/2026/QĐ-UBND", "theo Quyết định số 12/2026/QĐ-UBND"),
        ("Kế hoạch số 15/KH-UBND ngày 20/01/2026", "Kế hoạch số 15/KH-UBND ngày 20/01/2026"),
        ("giai đoạn 2026-2030", "giai đoạn 2026-2030"),
        ("năm 20261", "năm 20261"),
    ],
)
def test_year_shift_moves_the_plan_year_only(before: str, after: str) -> None:
    assert YearShift(2026, 2027).text(before) == after


def test_year_shift_moves_29_february_to_28() -> None:
    shift = YearShift(2028, 2029)
    assert shift.date(dt.date(2028, 2, 29)) == dt.date(2029, 2, 28)
    assert shift.date(dt.date(2028, 3, 31)) == dt.date(2029, 3, 31)


# --- the .docx -------------------------------------------------------------------------------


def _docx(plan: Plan) -> tuple[ParsedPlan, bytes]:
    draft = next_year_draft(plan=plan)
    return draft, plan_docx(draft, province="Quảng Trị", issuer="UBND tỉnh Quảng Trị")


def _texts(cell) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.text for p in cell.paragraphs if p.text]


def _run(paragraph):  # type: ignore[no-untyped-def]
    [run] = paragraph.runs
    return run


def test_docx_page_fonts_and_header_follow_decree_30(plan: Plan) -> None:
    _, data = _docx(plan)
    document = docx.Document(io.BytesIO(data))

    section = document.sections[0]
    size = (section.page_width, section.page_height)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(length.mm) for length in size] == [210, 297]  # A4, stored in twentieths of pt
    assert [round(length.mm, 1) for length in margins] == [20, 20, 30, 15]
    assert section.different_first_page_header_footer is True  # page numbers from page 2
    [page] = section.header.paragraphs[0]._p.findall(docx.oxml.ns.qn("w:fldSimple"))
    assert page.get(docx.oxml.ns.qn("w:instr")) == "PAGE"
    normal = document.styles["Normal"].font
    assert (normal.name, normal.size) == ("Times New Roman", Pt(14))

    assert len(document.tables) == 2  # the header block and the signature block
    header = document.tables[0]
    left, right = header.rows[0].cells
    assert _texts(left) == ["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG TRỊ", "Số: …/KH-UBND"]
    for paragraph in left.paragraphs[:2]:
        assert (_run(paragraph).bold, _run(paragraph).font.size) == (True, Pt(13))
    assert _texts(right) == [MOTTO, MOTTO_2, "Quảng Trị, ngày … tháng … năm 2027"]
    motto, motto_2, rule, date_line = right.paragraphs
    assert (_run(motto).bold, _run(motto).font.size) == (True, Pt(13))
    assert _run(motto_2).bold is True
    assert rule._p.pPr.find(docx.oxml.ns.qn("w:pBdr")) is not None  # the line under the motto
    assert _run(date_line).italic is True

    body = [p for p in document.paragraphs if p.text]
    assert [p.text for p in body[:2]] == [
        "KẾ HOẠCH",
        "Công tác thông tin đối ngoại tỉnh Quảng Trị năm 2027",
    ]
    assert all(_run(p).bold and p.alignment == WD_ALIGN_PARAGRAPH.CENTER for p in body[:2])
    assert body[2].text == (
        "Căn cứ Kế hoạch số 15/KH-UBND ngày 20/01/2026 của Ủy ban nhân dân tỉnh Quảng Trị;"
    )
    assert (body[2].alignment, body[2].paragraph_format.first_line_indent) == (
        WD_ALIGN_PARAGRAPH.JUSTIFY,
        Cm(1.27),
    )
    headings = [p.text for p in body if _run(p).bold and p.text[:2] in ("I.", "II")]
    assert headings == ["I. MỤC ĐÍCH, YÊU CẦU", "II. NHIỆM VỤ", "III. TỔ CHỨC THỰC HIỆN"]


def test_docx_prints_each_task_with_its_units_time_and_budget(plan: Plan) -> None:
    _, data = _docx(plan)
    lines = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs if p.text]

    start = lines.index("II. NHIỆM VỤ")
    end = lines.index("III. TỔ CHỨC THỰC HIỆN")
    assert lines[start + 1 : end] == [
        "1. Thông tin đối ngoại về tỉnh năm 2027",
        "1.1. Biên tập bản tin đối ngoại song ngữ năm 2027, phát hành hằng quý.",
        "- Đơn vị chủ trì: Sở Ngoại vụ.",
        f"- Đơn vị phối hợp: {VHTTDL}; các sở, ban, ngành.",
        "- Thời gian thực hiện: Hằng quý.",
        "- Kinh phí: 120.000.000 đồng.",
        "- Kết quả/sản phẩm: 04 số bản tin; Bản điện tử trên cổng thông tin.",
        "1.2. Tổ chức hội nghị báo chí về Kế hoạch số 15/KH-UBND ngày 20/01/2026, báo cáo kết "
        "quả trong tháng 12/2027.",
        f"- Đơn vị chủ trì: {VHTTDL}.",
        "- Đơn vị phối hợp: Công an tỉnh Quảng Trị.",
        "- Thời gian thực hiện: Quý II/2027.",
        "- Kinh phí: 80.000.000 đồng.",
        "2. Sở Ngoại vụ",
        "2.1. Hướng dẫn thủ tục cho phóng viên nước ngoài đến tỉnh.",
        "- Đơn vị chủ trì: Sở Ngoại vụ.",
        "- Đơn vị phối hợp: Trung tâm Dịch vụ đối ngoại.",
        "- Thời gian thực hiện: trước ngày 15/11/2027.",
    ]


def test_docx_signature_block_and_recipients(plan: Plan) -> None:
    _, data = _docx(plan)
    left, right = docx.Document(io.BytesIO(data)).tables[1].rows[0].cells

    heading, *recipients = [p for p in left.paragraphs if p.text]
    assert heading.text == "Nơi nhận:"
    assert (_run(heading).bold, _run(heading).italic, _run(heading).font.size) == (
        True,
        True,
        Pt(12),
    )
    assert [p.text for p in recipients] == [
        "- Bộ Văn hóa, Thể thao và Du lịch;",
        "- Lưu: VT, KGVX.",
    ]
    assert {_run(p).font.size for p in recipients} == {Pt(11)}
    signer = [p for p in right.paragraphs if p.text]
    assert [p.text for p in signer] == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert all(_run(p).bold for p in signer)


@pytest.mark.parametrize(
    ("issuer", "abbreviation"),
    [
        ("UBND tỉnh Quảng Trị", "UBND"),
        ("Ủy ban nhân dân thành phố Huế", "UBND"),
        ("Sở Văn hóa, Thể thao và Du lịch tỉnh Quảng Trị", "SVHTTDL"),
    ],
)
def test_issuer_abbreviation(issuer: str, abbreviation: str) -> None:
    assert issuer_abbreviation(issuer) == abbreviation


# --- the round trip --------------------------------------------------------------------------


def _facts(tasks) -> list[tuple]:  # type: ignore[no-untyped-def,type-arg]
    """What the round trip must keep of each task: words (whitespace normalised), units,
    time, due date, recurrence, budget and outputs."""
    return [
        (" ".join(t.text.split()), *(getattr(t, f) for f in FIELDS[1:]), "; ".join(t.outputs))
        for t in tasks
    ]


def _register(plan: Plan) -> list[tuple]:  # type: ignore[type-arg]
    """Each task's words, due date, recurrence, budget and its (role, printed, unit) rows."""
    rows = []
    for t in Task.objects.filter(plan=plan).order_by("order").prefetch_related("assignments"):
        units = sorted(
            (a.role, a.text, a.unit_id)
            for a in t.assignments.all()  # type: ignore[attr-defined]
        )
        rows.append((t.text, t.due, t.recurrence or None, t.budget_vnd, units))
    return rows


def _assert_round_trip(plan: Plan, draft: ParsedPlan, data: bytes) -> Plan:
    read = parse_bytes(data, filename="x.docx")
    assert len(read.tasks) == len(draft.tasks)
    assert _facts(read.tasks) == _facts(draft.tasks)
    assert (read.document.number, read.document.year, read.document.title) == (
        None,
        draft.document.year,
        draft.document.title,
    )
    assert read.report_deadline == draft.report_deadline
    assert [r.number for r in read.references] == [r.number for r in draft.references]

    imported = plan_import_file(user=None, data=data, filename="du-thao.docx")
    register = _register(imported)
    carried = {t.text: t for t in Task.objects.filter(plan=plan)}
    units_before = {
        (a.role, a.text): a.unit_id
        for t in carried.values()
        for a in t.assignments.all()  # type: ignore[attr-defined]
    }
    assert [(r[0], r[1], r[2], r[3]) for r in register] == [
        (" ".join(t.text.split()), t.due, t.recurrence, t.budget_vnd) for t in draft.tasks
    ]
    for row, draft_task in zip(register, draft.tasks, strict=True):
        expected = sorted(
            [(AssignmentRole.LEAD.value, name) for name in draft_task.lead]
            + [(AssignmentRole.SUPPORT.value, name) for name in draft_task.support]
        )
        assert [(role, text) for role, text, _ in row[4]] == expected
        # Each printed name resolves to the unit it resolved to in this year's plan.
        assert [unit for role, text, unit in row[4]] == [
            units_before[(role, text)] for role, text, _ in row[4]
        ]
    return imported


def test_round_trip_draft_docx_parser_import(plan: Plan) -> None:
    draft, data = _docx(plan)

    imported = _assert_round_trip(plan, draft, data)

    assert (imported.year, imported.document.number) == (2027, "")
    assert Plan.objects.count() == 2


def test_demo_plan_round_trip_and_draft_next_command(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    call_command("demo", allow_production=True, stdout=io.StringIO())
    plan = Plan.objects.select_related("document", "issuer_unit").get(year=2026)
    draft = next_year_draft(plan=plan)
    carried = Task.objects.filter(plan=plan).exclude(
        status__in=(TaskStatus.DONE, TaskStatus.CANCELLED), recurrence=""
    )
    recurring, unfinished = carried_over_counts(draft)
    # Of the demo's 20 tasks, 4 recur and 10 one-off tasks are not finished.
    assert (len(draft.tasks), recurring, unfinished) == (14, 4, 10)
    assert [t.ref for t in draft.tasks] == list(
        carried.order_by("order").values_list("ref", flat=True)
    )
    assert recurring == carried.exclude(recurrence="").count()

    output = tmp_path / "du-thao-2027.docx"
    code, out, err = _command("--year", "2026", "--output", str(output))

    assert (code, err) == (0, "")
    assert out.strip() == (
        f"Đã ghi dự thảo kế hoạch năm 2027 vào {output}: {len(draft.tasks)} nhiệm vụ chuyển "
        f"tiếp ({recurring} định kỳ, thường xuyên; {unfinished} chưa hoàn thành)."
    )
    _assert_round_trip(plan, draft, output.read_bytes())


# --- the command -----------------------------------------------------------------------------


def _command(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("plan", "draft-next", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


def test_command_refuses_a_year_without_plan_and_an_unwritable_output(
    plan: Plan, tmp_path: Path
) -> None:
    output = tmp_path / "du-thao.docx"
    assert _command("--year", "2030", "--output", str(output)) == (
        1,
        "",
        "Lỗi: Không có kế hoạch nào của năm 2030 trong hệ thống.\n",
    )
    missing = tmp_path / "khong-co" / "du-thao.docx"
    code, _, err = _command("--year", "2026", "--output", str(missing))
    assert code == 1
    assert err == f"Lỗi: Không có thư mục {missing.parent} để ghi du-thao.docx.\n"
    code, _, err = _command("--year", "2026", "--output", str(tmp_path / "du-thao.txt"))
    assert (code, err) == (1, f"Lỗi: Tệp {tmp_path / 'du-thao.txt'} phải có đuôi .docx.\n")
    assert list(tmp_path.iterdir()) == []


def test_command_asks_which_plan_when_the_year_has_several(plan: Plan, tmp_path: Path) -> None:
    other = plan_import(
        user=None,
        parsed=parsed_plan(number="40/KH-UBND", title="Thông tin đối ngoại về biển đảo năm 2026"),
        source_name="kh-40.docx",
        source_sha256=sha("kh-40"),
    )
    output = tmp_path / "du-thao.docx"

    code, _, err = _command("--year", "2026", "--output", str(output))
    assert code == 1
    assert err == (
        f"Lỗi: Năm 2026 có 2 kế hoạch, chọn một bằng --plan MÃ ({plan.pk}: 15/KH-UBND "
        f"“Công tác thông tin đối ngoại tỉnh Quảng Trị năm 2026”; {other.pk}: 40/KH-UBND "
        "“Thông tin đối ngoại về biển đảo năm 2026”).\n"
    )
    assert not output.exists()

    code, out, _ = _command("--year", "2026", "--output", str(output), "--plan", str(other.pk))
    assert code == 0
    assert "3 nhiệm vụ chuyển tiếp (0 định kỳ, thường xuyên; 3 chưa hoàn thành)" in out
    assert len(parse_bytes(output.read_bytes(), filename="x.docx").tasks) == 3
    code, _, err = _command("--year", "2026", "--output", str(output), "--plan", "999999")
    assert (code, err) == (1, "Lỗi: Không có kế hoạch mã 999999 của năm 2026.\n")


@pytest.mark.parametrize(
    ("timeline", "due", "printed"),
    [
        ("Quý II/2027", dt.date(2027, 6, 30), "Quý II/2027"),
        ("Quý II/2027", dt.date(2027, 9, 30), "Quý II/2027, hoàn thành trước ngày 30/09/2027"),
        ("Quý II/2027", dt.date(2027, 5, 15), "trước ngày 15/05/2027"),
        (None, dt.date(2027, 5, 15), "trước ngày 15/05/2027"),
        ("Quý II/2027.", None, "Quý II/2027"),
        ("Thường xuyên", dt.date(2027, 12, 31), "Thường xuyên"),
    ],
)
def test_time_phrase_prints_a_due_date_the_parser_reads_back(
    timeline: str | None, due: dt.date | None, printed: str
) -> None:
    phrase = time_phrase(replace(task("1", "Việc."), timeline=timeline, due=due))
    assert phrase == printed
    assert parse_timeline(phrase, plan_year=2027).due == (due or dt.date(2027, 6, 30))
