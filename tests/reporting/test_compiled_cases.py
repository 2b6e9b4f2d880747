"""The press monitoring's response cases in the compiled reports: counted by kind, status and
timeliness for the period and scope (province, or a unit with its sub-units), worded in part I,
listed in the appendix, and usable as placeholders in a province's own template; and in a
unit's scorecard, per period."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

import pytest
import time_machine
from django.test import Client
from docx import Document
from docxtpl import DocxTemplate
from openpyxl import load_workbook

from tests.reporting.conftest import TODAY, Built, at
from ttdn.monitoring.case_figures import Timeliness, case_figures
from ttdn.monitoring.cases import case_move, case_open
from ttdn.monitoring.models import CaseKind, ResponseCase, Story
from ttdn.reporting.compiled.appendix import appendix_xlsx
from ttdn.reporting.compiled.data import province_report_data, unit_report_data
from ttdn.reporting.compiled.render import report_docx
from ttdn.reporting.compiled.template import template_validate
from ttdn.reporting.selectors import unit_scorecard

REBUT, INFORM = CaseKind.REBUT, CaseKind.INFORM


@dataclass
class Opened:
    built: Built
    cases: dict[str, ResponseCase]


def _open(  # type: ignore[no-untyped-def]
    built: Built, name: str, unit, kind: str, opened: dt.datetime, hours: int, priority=False
) -> ResponseCase:
    story = Story.objects.create(title=f"Tin {name}", priority=priority)
    with time_machine.travel(opened, tick=False):
        return case_open(
            actor=built.tracked.world.users["coordinator"], story=story, unit=unit, kind=kind,
            due_at=opened + dt.timedelta(hours=hours),
        )  # fmt: skip


def _move(built: Built, case: ResponseCase, when: dt.datetime, *steps: str, url: str = "") -> None:
    coordinator = built.tracked.world.users["coordinator"]
    with time_machine.travel(when, tick=False):
        for status in steps:
            case = case_move(
                actor=coordinator, case=case, status=status, response_url=url,
                response_text="Đã đăng bài phản bác." if status in ("responded", "informed") else "",
            )  # fmt: skip


@pytest.fixture
def opened(built: Built) -> Opened:
    """Six cases: five opened in 2026 (on time, late in the sub-unit, overdue on a priority
    story, still due, found to need nothing) and one opened in December 2025."""
    world = built.tracked.world
    fa, centre, police = world.foreign_affairs, world.fa_centre, world.police
    cases = {
        "a": _open(built, "a", fa, REBUT, at(2026, 5, 1), 48),
        "b": _open(built, "b", centre, INFORM, at(2026, 6, 1), 24),
        "c": _open(built, "c", police, REBUT, at(2026, 7, 1), 24, priority=True),
        "d": _open(built, "d", fa, REBUT, at(2026, 11, 20), 24 * 5),
        "e": _open(built, "e", police, INFORM, at(2026, 8, 1), 24),
        "old": _open(built, "old", fa, REBUT, at(2025, 12, 20), 24),
    }
    _move(built, cases["a"], at(2026, 5, 2), "in_progress", "responded", url="https://bao.vn/pb")
    _move(built, cases["b"], at(2026, 6, 5), "in_progress", "informed")
    _move(built, cases["d"], at(2026, 11, 21), "in_progress")
    _move(built, cases["e"], at(2026, 8, 1, 15), "no_action", "closed")
    # Answered on time, then reopened: the first answer still counts.
    _move(built, cases["a"], at(2026, 5, 10), "in_progress")
    return Opened(built, cases)


def test_cases_are_counted_by_kind_status_and_timeliness(opened: Opened) -> None:
    data = province_report_data(period=opened.built.period, today=TODAY)
    cases = data.cases
    assert (cases.total, cases.answered, cases.on_time, cases.late) == (5, 2, 1, 1)
    assert (cases.overdue, cases.pending, cases.no_action) == (1, 1, 1)
    assert cases.by_kind == "3 đấu tranh, phản bác; 2 cung cấp thông tin"
    assert cases.by_status == "1 mới; 2 đang xử lý; 1 đã cung cấp thông tin; 1 đóng"
    assert [line.story for line in cases.lines] == ["Tin a", "Tin b", "Tin c", "Tin e", "Tin d"]
    # The priority story first, then the late answer, the one still due, on time, no action.
    assert [line.story for line in cases.notable] == ["Tin c", "Tin b", "Tin d", "Tin a", "Tin e"]
    first = cases.notable[0]
    assert (first.kind, first.unit, first.status, first.due, first.timeliness) == (
        "Đấu tranh, phản bác",
        "Công an tỉnh Quảng Trị",
        "Mới",
        "09:00 02/07/2026",
        "quá hạn chưa phản hồi",
    )
    a = next(line for line in cases.lines if line.story == "Tin a")
    assert (a.status, a.answered, a.timeliness, a.link) == (
        "Đang xử lý",
        "02/05/2026",
        "phản hồi đúng hạn",
        "https://bao.vn/pb",
    )


def test_a_units_report_counts_the_cases_of_the_unit_and_its_sub_units(opened: Opened) -> None:
    world = opened.built.tracked.world
    mine = unit_report_data(period=opened.built.period, unit=world.foreign_affairs, today=TODAY)
    assert [line.story for line in mine.cases.lines] == ["Tin a", "Tin b", "Tin d"]
    assert (mine.cases.on_time, mine.cases.late, mine.cases.pending) == (1, 1, 1)
    police = unit_report_data(period=opened.built.period, unit=world.police, today=TODAY)
    assert [line.story for line in police.cases.lines] == ["Tin c", "Tin e"]


def test_overdue_is_counted_as_of_the_reports_day(opened: Opened) -> None:
    period = opened.built.period
    later = province_report_data(period=period, today=dt.date(2026, 11, 26)).cases
    assert (later.overdue, later.pending) == (2, 0)  # "d" was due on 25/11
    figures = case_figures(starts=period.starts, ends=period.ends, now=at(2026, 11, 26))
    assert figures.timeliness[Timeliness.OVERDUE] == 2


def test_part_one_and_the_appendix_show_the_cases(opened: Opened) -> None:
    data = province_report_data(period=opened.built.period, today=TODAY)
    lines = [p.text for p in Document(io.BytesIO(report_docx(data))).paragraphs]
    start = lines.index("Công tác đấu tranh, phản bác, cung cấp thông tin trên báo chí:")
    assert lines[start + 1] == (
        "Trong kỳ, 5 hồ sơ xử lý thông tin trên báo chí được mở (3 đấu tranh, phản bác; 2 cung "
        "cấp thông tin); 2 hồ sơ đã phản hồi, trong đó 1 đúng hạn và 1 muộn; 1 hồ sơ quá hạn "
        "chưa phản hồi; 1 hồ sơ đang xử lý, chưa đến hạn; 1 hồ sơ không cần xử lý. Trạng thái "
        "hiện tại: 1 mới; 2 đang xử lý; 1 đã cung cấp thông tin; 1 đóng."
    )
    assert lines[start + 2] == (
        "- “Tin c” — Đấu tranh, phản bác; Công an tỉnh Quảng Trị; Mới (quá hạn chưa phản hồi; "
        "hạn 09:00 02/07/2026)."
    )
    assert lines[start + 5] == (
        "- “Tin a” — Đấu tranh, phản bác; Sở Ngoại vụ; Đang xử lý (phản hồi đúng hạn, ngày "
        "02/05/2026; hạn 09:00 03/05/2026); phản hồi: https://bao.vn/pb."
    )
    assert lines.index("II. TỒN TẠI, HẠN CHẾ") == start + 7

    sheet = load_workbook(io.BytesIO(appendix_xlsx(data)))["Hồ sơ xử lý thông tin"]
    assert sheet["A3"].value == data.cases.text
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=5)]
    assert [row[:4] for row in rows] == [
        [1, "Tin a", "Đấu tranh, phản bác", "Sở Ngoại vụ"],
        [2, "Tin b", "Cung cấp thông tin", "Trung tâm Dịch vụ đối ngoại"],
        [3, "Tin c", "Đấu tranh, phản bác", "Công an tỉnh Quảng Trị"],
        [4, "Tin e", "Cung cấp thông tin", "Công an tỉnh Quảng Trị"],
        [5, "Tin d", "Đấu tranh, phản bác", "Sở Ngoại vụ"],
    ]
    assert rows[1][4:] == [
        "09:00 02/06/2026", "Đã cung cấp thông tin", "phản hồi muộn", "05/06/2026", None,
    ]  # fmt: skip


def test_without_cases_part_one_says_nothing_of_them(built: Built) -> None:
    data = province_report_data(period=built.period, today=TODAY)
    assert data.cases.total == 0 and data.cases.text == ""
    text = "\n".join(p.text for p in Document(io.BytesIO(report_docx(data))).paragraphs)
    assert "hồ sơ xử lý thông tin" not in text
    sheet = load_workbook(io.BytesIO(appendix_xlsx(data)))["Hồ sơ xử lý thông tin"]
    assert sheet["A3"].value == "Trong kỳ không có hồ sơ xử lý thông tin nào được mở."
    assert sheet.max_row == 4


def test_a_province_template_may_use_the_cases_placeholders(opened: Opened) -> None:
    document = Document()
    document.add_paragraph("Hồ sơ: {{ cases.total }}, đúng hạn {{ cases.on_time }}.")
    document.add_paragraph("{%p for case in cases.notable %}")
    document.add_paragraph("{{ case.story }} | {{ case.unit }} | {{ case.link }}")
    document.add_paragraph("{%p endfor %}")
    buffer = io.BytesIO()
    document.save(buffer)
    template_validate(buffer.getvalue())  # accepted: `cases` is a placeholder of the data
    data = province_report_data(period=opened.built.period, today=TODAY)
    rendered = Document(io.BytesIO(report_docx(data, template=buffer.getvalue())))
    assert [p.text for p in rendered.paragraphs if p.text][:3] == [
        "Hồ sơ: 5, đúng hạn 1.",
        "Tin c | Công an tỉnh Quảng Trị | ",
        "Tin b | Trung tâm Dịch vụ đối ngoại | ",
    ]
    assert DocxTemplate(io.BytesIO(buffer.getvalue())).get_undeclared_template_variables() == {
        "cases"
    }


def test_the_scorecard_counts_the_units_own_cases_per_period(opened: Opened) -> None:
    tracked = opened.built.tracked
    world = tracked.world

    def counts(unit) -> dict[str, tuple[int, int, int]]:  # type: ignore[no-untyped-def]
        rows = unit_scorecard(unit=unit, plan=tracked.plan, today=TODAY)
        return {r.period.name: (r.cases.total, r.cases.on_time, r.cases.overdue) for r in rows}

    # Sở Ngoại vụ's own: "a" (quarter II, on time) and "d" (quarter IV, not yet due); its
    # centre's "b" is the centre's, and "old" was opened in 2025.
    assert counts(world.foreign_affairs) == {
        "Quý I/2026": (0, 0, 0),
        "Quý II/2026": (1, 1, 0),
        "6 tháng đầu năm 2026": (1, 1, 0),
        "Quý III/2026": (0, 0, 0),
        "Quý IV/2026": (1, 0, 0),
        "Năm 2026": (2, 1, 0),
    }
    assert counts(world.police)["Quý III/2026"] == (2, 0, 1)  # "c" overdue, "e" no action
    client = Client()
    client.force_login(world.users["coordinator"])
    page = client.get(f"/reporting/units/{world.police.pk}/scorecard/?plan={tracked.plan.pk}")
    assert "2 hồ sơ, 0 phản hồi đúng hạn; " in page.content.decode()
    assert '<span class="late">1 quá hạn chưa phản hồi</span>' in page.content.decode()
