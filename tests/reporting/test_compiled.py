"""Compiled reports: the province report and a unit's report as .docx (NĐ 30/2020 format, values
from the data, charts), the .xlsx appendix, the template check, `ttdn report build`, and the
query count of the data gathering."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from docx import Document
from docx.shared import Pt
from openpyxl import load_workbook

from tests.conftest import World
from tests.plans.plan_data import parsed_plan, sha, task
from tests.reporting.conftest import TODAY, YEAR, Built, at
from ttdn.activities.services import activity_create
from ttdn.core.errors import ValidationFailed
from ttdn.monitoring.cases import case_move, case_open
from ttdn.monitoring.models import CaseKind, Story
from ttdn.plans.models import Task, WorkItem
from ttdn.plans.services import plan_import
from ttdn.reporting.compiled.appendix import appendix_xlsx
from ttdn.reporting.compiled.data import province_report_data, unit_report_data
from ttdn.reporting.compiled.render import report_docx
from ttdn.reporting.compiled.template import default_template, template_validate
from ttdn.reporting.models import Indicator, ReportingPeriod, UpdateValue
from ttdn.reporting.services import (
    periods_create_defaults,
    task_update_save,
)


def _texts(document) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.text for p in document.paragraphs]


def _runs(paragraphs):  # type: ignore[no-untyped-def]
    return [run for p in paragraphs for run in p.runs if run.text.strip()]


def _cell_lines(cell) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.text for p in cell.paragraphs if p.text.strip()]


def test_province_report_has_the_official_format(built: Built) -> None:
    data = province_report_data(period=built.period, today=TODAY)
    document = Document(io.BytesIO(report_docx(data)))
    section = document.sections[0]
    sizes = ("page_width", "page_height", "top_margin", "bottom_margin", "left_margin")
    measured = [round(getattr(section, name).mm, 1) for name in (*sizes, "right_margin")]
    assert measured == [210.0, 297.0, 20.0, 20.0, 30.0, 15.0]
    assert section.different_first_page_header_footer  # page numbers from page 2
    assert 'w:instr="PAGE"' in section.header.paragraphs[0]._p.xml
    header, signature = document.tables
    left, right = header.cell(0, 0), header.cell(0, 1)
    assert _cell_lines(left)[:2] == ["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG TRỊ"]
    assert [r.bold for r in left.paragraphs[0].runs] == [False]
    assert [r.bold for r in left.paragraphs[1].runs] == [True]
    assert _cell_lines(right)[:2] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    assert [r.font.size for r in _runs(right.paragraphs)][:2] == [Pt(13), Pt(14)]
    assert all(r.font.size == Pt(13) for r in _runs(left.paragraphs))
    assert _cell_lines(header.cell(1, 0)) == ["Số: …/BC-UBND"]
    place = header.cell(1, 1).paragraphs[0]
    assert place.text == "Quảng Trị, ngày … tháng … năm …"
    assert place.runs[0].italic
    texts = _texts(document)
    assert texts[:2] == ["BÁO CÁO", "Kết quả thực hiện công tác thông tin đối ngoại năm 2026"]
    body = [p for p in document.paragraphs if p.text.strip()]
    assert {r.font.name for r in _runs(body)} == {"Times New Roman"}
    assert {r.font.size for r in _runs(body) if not r.italic} == {Pt(14)}
    headings = [
        p.text for p in body if p.runs[0].bold and p.text[:3] in ("I. ", "II.", "III", "IV.")
    ]
    assert headings == [
        "I. KẾT QUẢ THỰC HIỆN",
        "II. TỒN TẠI, HẠN CHẾ",
        "III. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI",
        "IV. ĐỀ XUẤT, KIẾN NGHỊ",
    ]
    received, signer = signature.cell(0, 0), signature.cell(0, 1)
    assert received.paragraphs[0].text == "Nơi nhận:"
    first = received.paragraphs[0].runs[0]
    assert (first.bold, first.italic, first.font.size) == (True, True, Pt(12))
    lines = _cell_lines(received)[1:]
    assert lines[0] == "- Bộ Văn hóa, Thể thao và Du lịch;" and lines[-1] == "- Lưu: VT, KGVX."
    assert {r.font.size for r in _runs(received.paragraphs[1:])} == {Pt(11)}
    assert _cell_lines(signer) == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    # The signature block never splits, and the closing sentence stays on its page.
    assert signature.rows[0]._tr.trPr.xml.count("w:cantSplit") == 1
    closing = [p for p in document.paragraphs if p.text.startswith("Trên đây là báo cáo")]
    assert [p.paragraph_format.keep_with_next for p in closing] == [True]
    assert len(document.inline_shapes) == 2


def test_province_report_figures_equal_the_data(built: Built) -> None:
    data = province_report_data(period=built.period, today=TODAY)
    texts = _texts(Document(io.BytesIO(report_docx(data))))
    news = sum(
        UpdateValue.objects.filter(
            update__period=built.period, indicator__code="tin-bai"
        ).values_list("value", flat=True)
    )
    assert news == 20
    # The year: 7 occurrences fall due (II.1, II.2, IV.1-1 and II.3's four quarters).
    assert texts[4] == (
        "Trong kỳ, 4 nhiệm vụ được triển khai; 7 lần thực hiện đến hạn, trong đó 2 hoàn thành "
        "đúng hạn, 0 hoàn thành muộn, 3 quá hạn chưa hoàn thành và 2 chưa đến hạn. 1/4 đơn vị "
        "đã gửi báo cáo, trong đó 1 đơn vị gửi đúng hạn (tỷ lệ đúng hạn 25%). Kinh phí dự kiến "
        "của các nhiệm vụ 200.000.000 đ, đã chi 15.500.000 đ. Số liệu tính đến ngày 22/11/2026."
    )
    part_one = texts[texts.index("I. KẾT QUẢ THỰC HIỆN") : texts.index("II. TỒN TẠI, HẠN CHẾ")]
    assert part_one[1:7] == [
        "1. NHIỆM VỤ TRỌNG TÂM",
        "1.1. Xuất bản bản tin đối ngoại song ngữ hằng quý.",
        "Đơn vị chủ trì: Sở Ngoại vụ. Đơn vị phối hợp: Sở Văn hóa, Thể thao và Du lịch, các sở, "
        "ban, ngành. Tình trạng: Hoàn thành, hạn 30/06/2026.",
        "- Sở Ngoại vụ: Đã phát hành 02 số bản tin song ngữ.",
        "- Sở Văn hóa, Thể thao và Du lịch: Cung cấp 06 tin, bài cho bản tin.",
        f"- Số liệu: Số tin, bài: {news} tin, bài; Số lớp tập huấn, hội nghị: 2 lớp.",
    ]
    assert f"- Số tin, bài: {news} tin, bài." in part_one
    part_two = texts[
        texts.index("II. TỒN TẠI, HẠN CHẾ") : texts.index("III. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI")
    ]
    assert part_two[1:] == [
        "- Nhiệm vụ II.3 “Phát hành bản tin đối ngoại hằng quý.”: Quá hạn (hạn 31/12/2026); "
        "đơn vị: Công an tỉnh Quảng Trị, Sở Ngoại vụ.",
        "- Nhiệm vụ IV.1-1 “Đón tiếp phóng viên nước ngoài, hướng dẫn thủ tục.”: Quá hạn (hạn "
        "30/09/2026); đơn vị: Trung tâm Dịch vụ đối ngoại.",
        "- Nhiệm vụ II.2 “Theo dõi dư luận báo chí nước ngoài về tỉnh.”: Chưa bắt đầu (hạn "
        "31/12/2026); đơn vị: Công an tỉnh Quảng Trị, Sở Văn hóa, Thể thao và Du lịch.",
        "- Sở Ngoại vụ: Thiếu biên dịch viên tiếng Anh.",
    ]
    assert "Sở Ngoại vụ: Đề nghị bổ sung kinh phí biên dịch." in texts


def test_unit_report_is_issued_by_the_unit_from_its_updates(built: Built) -> None:
    unit = built.tracked.world.foreign_affairs
    data = unit_report_data(period=built.period, unit=unit, today=TODAY)
    document = Document(io.BytesIO(report_docx(data)))
    left = document.tables[0].cell(0, 0)
    assert _cell_lines(left)[:2] == ["UBND TỈNH QUẢNG TRỊ", "SỞ NGOẠI VỤ"]
    assert left.paragraphs[1].runs[0].bold
    assert _cell_lines(document.tables[0].cell(1, 0)) == ["Số: …/BC-SNGV"]
    texts = _texts(document)
    assert "1.1. Xuất bản bản tin đối ngoại song ngữ hằng quý." in texts
    # Only the unit's own narrative and figures, not the support unit's.
    assert "- Sở Văn hóa, Thể thao và Du lịch: Cung cấp 06 tin, bài cho bản tin." not in texts
    assert "- Số liệu: Số tin, bài: 14 tin, bài; Số lớp tập huấn, hội nghị: 2 lớp." in texts
    # Its items of II.3: Q1 done, Q2 and Q3 overdue, Q4 pending (IV.1-1 is its centre's).
    assert texts[4].startswith(
        "Trong kỳ, 2 nhiệm vụ được triển khai; 5 lần thực hiện đến hạn, trong đó 2 hoàn thành "
        "đúng hạn, 0 hoàn thành muộn, 2 quá hạn chưa hoàn thành và 1 chưa đến hạn. Kinh phí"
    )
    assert "Đề nghị bổ sung kinh phí biên dịch." in texts
    assert _cell_lines(document.tables[1].cell(0, 1)) == ["THỦ TRƯỞNG ĐƠN VỊ"]
    assert len(document.inline_shapes) == 2


def test_appendix_has_one_row_per_task_and_the_sums(built: Built) -> None:
    data = province_report_data(period=built.period, today=TODAY)
    sheet = load_workbook(io.BytesIO(appendix_xlsx(data))).active
    rows = list(sheet.iter_rows(min_row=5, values_only=True))
    tasks = list(Task.objects.filter(plan=built.tracked.plan).order_by("order"))
    by_section = sorted(tasks, key=lambda t: (t.section != "NHIỆM VỤ TRỌNG TÂM", t.order))
    assert [r[1] for r in rows[:-1]] == [t.ref for t in by_section]
    assert [r[8] for r in rows[:-1]] == [t.budget_vnd for t in by_section]
    assert rows[0][3:7] == (
        "Sở Ngoại vụ",
        "Sở Văn hóa, Thể thao và Du lịch, các sở, ban, ngành",
        "30/06/2026",
        "Hoàn thành",
    )
    assert rows[0][9] == 15_500_000
    total = rows[-1]
    last = 4 + len(tasks)
    assert total[2] == "Tổng cộng"
    assert (total[8], total[9]) == (f"=SUM(I5:I{last})", f"=SUM(J5:J{last})")
    assert sum(t.budget_vnd or 0 for t in tasks) == 200_000_000 == sum(r[8] or 0 for r in rows[:-1])
    assert sheet.freeze_panes == "D5"
    assert sheet.column_dimensions["C"].width == 50


def _with_placeholder(text: str) -> bytes:
    document = Document(io.BytesIO(default_template()))
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_template_check_names_an_unknown_placeholder() -> None:
    template_validate(default_template())
    template_validate(_with_placeholder("Người ký: {{ signature.name }}"))
    with pytest.raises(ValidationFailed) as caught:
        template_validate(_with_placeholder("Tổng: {{ tong_kinh_phi }}"))
    assert "trường không có trong dữ liệu báo cáo: “tong_kinh_phi”" in caught.value.message
    assert caught.value.details == {"unknown": ["tong_kinh_phi"]}


def test_template_check_refuses_broken_xml_and_syntax() -> None:
    source = zipfile.ZipFile(io.BytesIO(default_template()))
    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                data = data[: len(data) // 2]
            target.writestr(item, data)
    with pytest.raises(ValidationFailed) as caught:
        template_validate(broken.getvalue())
    assert "XML hỏng" in caught.value.message
    with pytest.raises(ValidationFailed) as caught:
        template_validate(b"not a docx")
    assert "không phải tệp Word (.docx) hợp lệ" in caught.value.message
    with pytest.raises(ValidationFailed) as caught:
        template_validate(_with_placeholder("{{ title "))
    assert "lỗi cú pháp" in caught.value.message


def test_a_province_template_is_rendered_with_the_data(built: Built) -> None:
    data = province_report_data(period=built.period, today=TODAY)
    own = _with_placeholder("Tổng kinh phí đã chi: {{ spent_total }}.")
    texts = _texts(Document(io.BytesIO(report_docx(data, template=own))))
    assert texts[-1] == "Tổng kinh phí đã chi: 15.500.000 đ."
    with pytest.raises(ValidationFailed):
        report_docx(data, template=_with_placeholder("{{ khong_co }}"))


def test_cli_writes_both_files_and_fails_cleanly(built: Built, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    output, xlsx = tmp_path / "bao-cao.docx", tmp_path / "phu-luc.xlsx"
    with time_machine.travel(at(2026, 11, 22), tick=False):
        call_command(
            "report", "build", "--year", "2026", "--output", str(output), "--xlsx", str(xlsx)
        )
        call_command(
            "report",
            "build",
            "--year",
            "2026",
            "--unit",
            "T-SNGV",
            "--period",
            "Quý II/2026",
            "--output",
            str(tmp_path / "sngv.docx"),
        )
    out = capsys.readouterr().out
    assert f"kỳ Năm 2026, vào {output}: 4 nhiệm vụ, 3 nhiệm vụ quá hạn hoặc chưa hoàn thành" in out
    assert _texts(Document(output))[1] == "Kết quả thực hiện công tác thông tin đối ngoại năm 2026"
    assert load_workbook(xlsx).active.max_row == 4 + 4 + 1
    unit = Document(tmp_path / "sngv.docx")
    assert _texts(unit)[1] == "Kết quả thực hiện công tác thông tin đối ngoại Quý II/2026"
    for args, message in [
        (["--year", "2030"], "Lỗi: Không có kế hoạch nào của năm 2030."),
        (["--year", "2026", "--period", "Quý V"], "Lỗi: Kế hoạch năm 2026 không có kỳ “Quý V”."),
        (["--year", "2026", "--unit", "KHONG-CO"], "Lỗi: Không có đơn vị mã “KHONG-CO”."),
    ]:
        target = tmp_path / "loi.docx"
        with pytest.raises(SystemExit) as exit_code:
            call_command("report", "build", *args, "--output", str(target))
        assert exit_code.value.code == 1
        assert message in capsys.readouterr().err
        assert not target.exists()
    with pytest.raises(SystemExit):
        call_command("report", "build", "--year", "2026", "--output", str(tmp_path / "a.pdf"))
    assert "phải có đuôi .docx" in capsys.readouterr().err


def _year_of_plan(world: World, size: int) -> ReportingPeriod:
    """A plan of `size` tasks, each with an update and a figure from its lead unit, and `size`
    response cases of the press monitoring (each unit's, half of them answered)."""
    coordinator = world.users["coordinator"]
    tasks = tuple(
        task(
            f"II.{n}",
            f"Nhiệm vụ thông tin đối ngoại số {n}.",
            lead=("Sở Ngoại vụ",),
            support=("Công an tỉnh Quảng Trị",),
            due=dt.date(2026, 6, 30),
            budget=1_000_000,
        )
        for n in range(1, size + 1)
    )
    news = Indicator.objects.get(code="tin-bai").pk
    with time_machine.travel(at(2026, 1, 25), tick=False):
        plan = plan_import(
            user=coordinator,
            parsed=parsed_plan(number=f"{size}/KH-UBND", tasks=tasks),
            source_name=f"ke-hoach-{size}.docx",
            source_sha256=sha(f"ke-hoach-{size}"),
        )
        year = {p.name: p for p in periods_create_defaults(user=coordinator, plan=plan)}[YEAR]
    with time_machine.travel(at(2026, 5, 10), tick=False):
        for item in WorkItem.objects.filter(
            occurrence__task__plan=plan, unit=world.foreign_affairs
        ):
            task_update_save(
                user=world.users["unit_officer"],
                item=item,
                period=year,
                narrative="Đã làm.",
                status="done",
                progress=100,
                values={news: 3},
                version=0,
            )
    for n in range(size):
        unit = (world.foreign_affairs, world.fa_centre, world.police)[n % 3]
        opened = at(2026, 3, 1 + n)
        story = Story.objects.create(title=f"Tin cần phản bác {size}-{n}", priority=n % 2 == 0)
        with time_machine.travel(opened, tick=False):
            case = case_open(
                actor=coordinator, story=story, unit=unit, kind=CaseKind.REBUT,
                due_at=opened + dt.timedelta(days=1),
            )  # fmt: skip
            if n % 2:
                for status in ("in_progress", "responded"):
                    case = case_move(
                        actor=coordinator, case=case, status=status, response_text="Đã phản bác."
                    )
    return year


def test_data_gathering_reads_a_fixed_number_of_queries(
    world: World, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    counts = []
    for size, cases in ((3, 3), (12, 15)):  # the cases of both plans' years are the province's
        period = _year_of_plan(world, size)
        with CaptureQueriesContext(connection) as queries:
            data = province_report_data(period=period, today=TODAY)
        assert sum(len(s.tasks) for s in data.sections) == size
        assert [f.text for f in data.figures] == [f"Số tin, bài: {3 * size} tin, bài"]
        assert data.cases.total == cases
        counts.append(len(queries.captured_queries))
    assert counts[0] == counts[1]
    # Measured: 20 and 22, of which 6 read the activities registry (its activities, their
    # tasks, four indicator counts), 2 the response cases (the cases, their first answers);
    # a unit's report also reads the unit's sub-units (for the activities and the cases, one
    # query per level below the unit) and its scorecard's cases of every period (2).
    with django_assert_max_num_queries(20):
        province_report_data(period=period, today=TODAY)
    with django_assert_max_num_queries(22):
        unit = unit_report_data(period=period, unit=world.foreign_affairs, today=TODAY)
    assert unit.cases.total == 10  # Sở Ngoại vụ's and its centre's: 2 of every 3


def test_report_of_the_demo(tmp_path: Path, db: None) -> None:
    """`ttdn demo`, then the command: the figures in the report are the demo's data."""
    call_command("demo", allow_production=True)
    output, xlsx = tmp_path / "demo.docx", tmp_path / "demo.xlsx"
    with time_machine.travel(at(2026, 11, 22), tick=False):
        call_command(
            "report", "build", "--year", "2026", "--output", str(output), "--xlsx", str(xlsx)
        )
    period = ReportingPeriod.objects.get(name=YEAR)
    texts = _texts(Document(output))
    shown = 0
    for indicator in Indicator.objects.order_by("order"):
        total = sum(
            UpdateValue.objects.filter(update__period=period, indicator=indicator).values_list(
                "value", flat=True
            )
        )
        if total:
            amount = f"{total:,}".replace(",", ".")
            assert f"- {indicator.name}: {amount} {indicator.measure}." in texts
            shown += 1
    assert shown >= 3
    tasks = Task.objects.filter(plan=period.plan).count()
    sheet = load_workbook(xlsx).active
    assert sheet.max_row == 4 + tasks + 1
    budgets = sum(
        Task.objects.filter(plan=period.plan)
        .values_list("budget_vnd", flat=True)
        .exclude(budget_vnd=None)
    )
    assert (
        sum(row[8] or 0 for row in sheet.iter_rows(min_row=5, max_row=4 + tasks, values_only=True))
        == budgets
    )
    assert len(Document(output).inline_shapes) == 2


def test_activities_of_the_period_are_listed_in_part_one(built: Built) -> None:
    """The activities registry (issue 8) feeds part I: counts per kind, then one line each;
    the unit report lists only the unit's own, and an activity outside the period is left out."""
    world = built.tracked.world
    officer = world.users["unit_officer"]
    task = Task.objects.get(plan=built.tracked.plan, ref="II.1")
    activity_create(
        actor=officer,
        unit=world.foreign_affairs,
        kind="training",
        title="Tập huấn kỹ năng phát ngôn",
        starts=dt.date(2026, 7, 14),
        ends=dt.date(2026, 7, 15),
        place="Đông Hà",
        participants=85,
        trainers="Bộ Ngoại giao",
        tasks=[task],
    )
    activity_create(
        actor=world.users["coordinator"],
        unit=world.coordinating,
        kind="exhibition",
        title="Ảnh Quảng Trị xưa và nay",
        starts=dt.date(2026, 9, 2),
        place="Bảo tàng tỉnh",
    )
    activity_create(
        actor=officer,
        unit=world.foreign_affairs,
        kind="exhibition",
        title="Triển lãm năm sau",
        starts=dt.date(2027, 2, 1),
        place="Đông Hà",
    )
    province = _texts(
        Document(io.BytesIO(report_docx(province_report_data(period=built.period, today=TODAY))))
    )
    start = province.index("Các hoạt động đã tổ chức trong kỳ: 1 tập huấn, bồi dưỡng; 1 triển lãm.")
    assert province[start + 1 : start + 3] == [
        "- 14/07/2026 – 15/07/2026: Tập huấn kỹ năng phát ngôn — Sở Ngoại vụ, Đông Hà; 85 người "
        "tham dự; kết quả của nhiệm vụ II.1.",
        "- 02/09/2026: Triển lãm “Ảnh Quảng Trị xưa và nay” — Sở Văn hóa, Thể thao và Du lịch, "
        "Bảo tàng tỉnh.",
    ]
    unit = unit_report_data(period=built.period, unit=world.foreign_affairs, today=TODAY)
    assert unit.activity_counts == "1 tập huấn, bồi dưỡng"
    assert [a.kind for a in unit.activities] == ["training"]


def test_without_activities_part_one_has_no_activity_lines(built: Built) -> None:
    texts = _texts(
        Document(io.BytesIO(report_docx(province_report_data(period=built.period, today=TODAY))))
    )
    assert not [t for t in texts if t.startswith("Các hoạt động đã tổ chức")]
