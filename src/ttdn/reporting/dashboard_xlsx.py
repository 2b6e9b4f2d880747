"""The dashboard's per-unit table of a period as an Excel workbook (openpyxl): title rows, one
header row, a line per unit in the order shown on the page, rates as percentages."""

from __future__ import annotations

import io
import math
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from ttdn.reporting.completeness import rate
from ttdn.reporting.models import ReportingPeriod, ReportStatus
from ttdn.reporting.selectors_coord import UnitRow

HEADERS = (
    ("STT", 6),
    ("Đơn vị", 40),
    ("Phần việc", 11),
    ("Báo cáo", 24),
    ("Gửi báo cáo", 14),
    ("Đến hạn", 10),
    ("Xong đúng hạn", 14),
    ("Xong muộn", 11),
    ("Quá hạn", 10),
    ("Tỷ lệ đúng hạn", 14),
)
HEADER_ROW = 4
_HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")


def _sent(row: UnitRow) -> str:
    if not row.figures.submitted:
        return "Chưa gửi"
    return "Đúng hạn" if row.figures.on_time else "Muộn"


def dashboard_xlsx(*, period: ReportingPeriod, rows: Sequence[UnitRow]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Theo đơn vị"
    sheet["A1"] = f"Tình hình báo cáo kỳ {period.name}"
    sheet["A1"].font = Font(bold=True, size=13)
    sheet["A2"] = (
        f"Từ {period.starts:%d/%m/%Y} đến {period.ends:%d/%m/%Y}; "
        f"hạn gửi báo cáo {period.deadline:%d/%m/%Y}"
    )
    for column, (title, width) in enumerate(HEADERS, start=1):
        cell = sheet.cell(row=HEADER_ROW, column=column, value=title)
        cell.font, cell.fill = Font(bold=True), _HEADER_FILL
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
        sheet.column_dimensions[cell.column_letter].width = width
    for number, row in enumerate(rows, start=1):
        tasks = row.tasks
        status = ReportStatus(row.report.status).label if row.report else "Chưa lập"
        values = (number, row.unit.name, row.figures.items, str(status), _sent(row))
        values += (tasks.due, tasks.done_on_time, tasks.done_late, tasks.overdue)
        share = rate(tasks.done_on_time, tasks.due)
        # Rounded down, as on the page: unfinished work never shows 100%.
        sheet.append([*values, None if share is None else math.floor(share * 100 + 1e-9) / 100])
        sheet.cell(row=sheet.max_row, column=len(HEADERS)).number_format = "0%"
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=3)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
