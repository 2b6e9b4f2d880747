"""The report's appendix as an Excel workbook (openpyxl): one row per task of part I with its
units, due date, status in the period, the units' results, the planned budget and the money
spent, then a SUM row (Excel formulas, so an officer's corrections add up); and a second sheet
of the press monitoring's response cases of the period."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side

from ttdn.reporting.compiled.model import Cases, ReportData, TaskResult

COLUMNS = (  # (heading, width)
    ("STT", 7),
    ("Mục trong kế hoạch", 12),
    ("Nhiệm vụ", 50),
    ("Đơn vị chủ trì", 28),
    ("Đơn vị phối hợp", 28),
    ("Hạn", 12),
    ("Tình trạng", 16),
    ("Kết quả thực hiện", 60),
    ("Kinh phí dự kiến (đồng)", 18),
    ("Kinh phí đã chi (đồng)", 18),
)
CASE_COLUMNS = (  # (heading, width)
    ("STT", 7),
    ("Câu chuyện (tin, bài)", 50),
    ("Loại", 20),
    ("Đơn vị xử lý", 28),
    ("Hạn xử lý", 17),
    ("Trạng thái", 18),
    ("Đúng hạn", 22),
    ("Ngày phản hồi", 14),
    ("Đường dẫn phản hồi", 40),
)
HEADER_ROW = 4
BUDGET_COLUMN, SPENT_COLUMN = 9, 10
MONEY = "#,##0"
_FILL = PatternFill("solid", fgColor="D9E1F2")
_THIN = Side(style="thin", color="999999")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
# Named styles: one registry lookup per cell instead of one per attribute (6 000 cells).
_CELL = NamedStyle("ttdn-cell", border=_BORDER, alignment=Alignment(vertical="top", wrap_text=True))
_MONEY = NamedStyle(
    "ttdn-money",
    border=_BORDER,
    alignment=Alignment(vertical="top"),
    number_format=MONEY,
)


def _results(task: TaskResult) -> str:
    lines = [f"{n.unit}: {n.text}" for n in task.narratives]
    if task.figures:
        lines.append(f"Số liệu: {task.figures_text}")
    return "\n".join(lines)


def appendix_xlsx(data: ReportData) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Phụ lục"
    workbook.add_named_style(_CELL)
    workbook.add_named_style(_MONEY)
    _heading(sheet, data, f"PHỤ LỤC: {data.title.upper()}", COLUMNS)
    number = 0
    for section in data.sections:
        for task in section.tasks:
            number += 1
            sheet.append(
                [
                    number,
                    task.ref,
                    task.text,
                    task.lead,
                    task.support,
                    task.due,
                    task.status,
                    _results(task),
                    task.budget_vnd,
                    task.spent_vnd,
                ]
            )
            _style_row(sheet, sheet.max_row)
    _sum_row(sheet, first=HEADER_ROW + 1, last=HEADER_ROW + number)
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=4)
    _cases_sheet(workbook, data)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _heading(sheet, data: ReportData, title: str, columns: tuple[tuple[str, int], ...]) -> None:  # type: ignore[no-untyped-def]
    sheet["A1"] = title
    sheet["A1"].font = Font(bold=True, size=13)
    sheet["A2"] = (
        f"(Kèm theo Báo cáo số {data.number} của {data.issuer_name}; "
        f"số liệu tính đến ngày {data.as_of})"
    )
    sheet["A2"].font = Font(italic=True)
    for column, (heading, width) in enumerate(columns, start=1):
        cell = sheet.cell(row=HEADER_ROW, column=column, value=heading)
        cell.font, cell.fill, cell.border = Font(bold=True), _FILL, _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[cell.column_letter].width = width


def _cases_sheet(workbook: Workbook, data: ReportData) -> None:
    """Every response case opened in the period, by due time, under its counts (row 3)."""
    cases: Cases = data.cases
    sheet = workbook.create_sheet("Hồ sơ xử lý thông tin")
    _heading(sheet, data, "HỒ SƠ XỬ LÝ THÔNG TIN TRÊN BÁO CHÍ TRONG KỲ", CASE_COLUMNS)
    sheet["A3"] = cases.text or "Trong kỳ không có hồ sơ xử lý thông tin nào được mở."
    for number, line in enumerate(cases.lines, start=1):
        sheet.append(
            [number, line.story, line.kind, line.unit, line.due, line.status, line.timeliness,
             line.answered, line.link]
        )  # fmt: skip
        for column in range(1, len(CASE_COLUMNS) + 1):
            sheet.cell(row=sheet.max_row, column=column).style = "ttdn-cell"
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=3)


def _style_row(sheet, row: int) -> None:  # type: ignore[no-untyped-def]
    for column in range(1, len(COLUMNS) + 1):
        money = column in (BUDGET_COLUMN, SPENT_COLUMN)
        sheet.cell(row=row, column=column).style = "ttdn-money" if money else "ttdn-cell"


def _sum_row(sheet, *, first: int, last: int) -> None:  # type: ignore[no-untyped-def]
    row = last + 1
    sheet.cell(row=row, column=3, value="Tổng cộng").font = Font(bold=True)
    for column in (BUDGET_COLUMN, SPENT_COLUMN):
        letter = sheet.cell(row=row, column=column).column_letter
        formula = f"=SUM({letter}{first}:{letter}{last})" if last >= first else 0
        cell = sheet.cell(row=row, column=column, value=formula)
        cell.font, cell.number_format, cell.border = Font(bold=True), MONEY, _BORDER
