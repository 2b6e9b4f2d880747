"""The plan as an Excel workbook in the layout officials use (openpyxl).

Takes the plan-schema JSON (`ParsedPlan.to_json()` or `selectors.plan_schema_json`), so
`ttdn plan parse --format xlsx` writes it without a database and the plan page exports the
stored plan through the same function. Layout: title rows, one header row (STT | Nhiệm vụ |
Đơn vị chủ trì | Đơn vị phối hợp | Thời gian | Hạn | Kinh phí (đồng) | Kết quả/sản phẩm),
a bold merged row per section, dates dd/mm/yyyy, money as numbers "#,##0", a SUM row.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

HEADERS = (
    ("STT", 6),
    ("Nhiệm vụ", 60),
    ("Đơn vị chủ trì", 28),
    ("Đơn vị phối hợp", 34),
    ("Thời gian", 18),
    ("Hạn", 12),
    ("Kinh phí (đồng)", 17),
    ("Kết quả/sản phẩm", 32),
)
HEADER_ROW = 4
BUDGET_COLUMN = 7
DATE_FORMAT = "dd/mm/yyyy"
MONEY_FORMAT = "#,##0"
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_SECTION_FILL = PatternFill("solid", fgColor="F2F2F2")
_HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")


def plan_workbook(plan: Mapping[str, Any]) -> Workbook:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Kế hoạch"
    document = plan.get("document") or {}
    workbook.properties.title = _title(document)
    workbook.properties.creator = "TTĐN"
    _title_rows(sheet, document)
    _header_row(sheet)
    first = HEADER_ROW + 1
    last = _task_rows(sheet, plan.get("tasks") or [], first)
    _total_row(sheet, first, last)
    _page_setup(sheet)
    return workbook


def plan_xlsx(plan: Mapping[str, Any]) -> bytes:
    buffer = io.BytesIO()
    plan_workbook(plan).save(buffer)
    return buffer.getvalue()


def _title(document: Mapping[str, Any]) -> str:
    kind = (document.get("kind") or "Kế hoạch").upper()
    return f"{kind} {document.get('title') or ''}".strip()


def _subtitle(document: Mapping[str, Any]) -> str:
    parts = [f"Số: {document['number']}" if document.get("number") else "Số: …"]
    day = _date(document.get("date"))
    if day:
        parts.append(f"ngày {day:%d/%m/%Y}")
    if document.get("issuer"):
        parts.append(f"của {document['issuer']}")
    return " ".join(parts)


def _title_rows(sheet: Worksheet, document: Mapping[str, Any]) -> None:
    width = len(HEADERS)
    for row, text, font in (
        (1, _title(document).upper(), Font(bold=True, size=14)),
        (2, _subtitle(document), Font(italic=True, size=12)),
    ):
        sheet.cell(row=row, column=1, value=text).font = font
        sheet.cell(row=row, column=1).alignment = _CENTER
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    sheet.row_dimensions[1].height = 36


def _header_row(sheet: Worksheet) -> None:
    for column, (label, width) in enumerate(HEADERS, start=1):
        cell = sheet.cell(row=HEADER_ROW, column=column, value=label)
        cell.font = Font(bold=True)
        cell.alignment = _CENTER
        cell.fill = _HEADER_FILL
        cell.border = _BORDER
        sheet.column_dimensions[get_column_letter(column)].width = width


def _task_rows(sheet: Worksheet, tasks: list[Mapping[str, Any]], first: int) -> int:
    row = first
    section = None
    for number, task in enumerate(tasks, start=1):
        if task.get("section") and task.get("section") != section:
            section = task["section"]
            _section_row(sheet, row, section)
            row += 1
        values = (
            number,
            task.get("text") or "",
            "; ".join(task.get("lead") or ()),
            "; ".join(task.get("support") or ()),
            task.get("timeline") or "",
            _date(task.get("due")),
            task.get("budget_vnd"),
            "\n".join(task.get("outputs") or ()),
        )
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=row, column=column, value=value)
            cell.alignment = _WRAP
            cell.border = _BORDER
        sheet.cell(row=row, column=6).number_format = DATE_FORMAT
        sheet.cell(row=row, column=BUDGET_COLUMN).number_format = MONEY_FORMAT
        row += 1
    return row - 1


def _section_row(sheet: Worksheet, row: int, title: str) -> None:
    cell = sheet.cell(row=row, column=1, value=title)
    cell.font = Font(bold=True)
    cell.fill = _SECTION_FILL
    cell.alignment = Alignment(vertical="center", wrap_text=True)
    for column in range(1, len(HEADERS) + 1):
        sheet.cell(row=row, column=column).border = _BORDER
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(HEADERS))


def _total_row(sheet: Worksheet, first: int, last: int) -> None:
    row = max(last, first - 1) + 1
    sheet.cell(row=row, column=1, value="Tổng cộng").font = Font(bold=True)
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=BUDGET_COLUMN - 1)
    column = get_column_letter(BUDGET_COLUMN)
    total = sheet.cell(
        row=row, column=BUDGET_COLUMN, value=f"=SUM({column}{first}:{column}{max(last, first)})"
    )
    total.font = Font(bold=True)
    total.number_format = MONEY_FORMAT
    for column_index in range(1, len(HEADERS) + 1):
        sheet.cell(row=row, column=column_index).border = _BORDER


def _page_setup(sheet: Worksheet) -> None:
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=1)
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None
