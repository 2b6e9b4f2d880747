"""The Excel export: read the workbook back with openpyxl and check cells, styles and the sum."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.test import Client

from tests.plans.plan_data import parsed_plan, sha
from ttdn.plans.excel import plan_xlsx
from ttdn.plans.services import plan_import


def _sheet(data: bytes):  # type: ignore[no-untyped-def]
    return openpyxl.load_workbook(io.BytesIO(data)).active


def _check_layout(sheet) -> None:  # type: ignore[no-untyped-def]
    """The workbook of `parsed_plan()`: three tasks in two sections, 200.000.000 đồng."""
    assert sheet["A1"].value == "KẾ HOẠCH CÔNG TÁC THÔNG TIN ĐỐI NGOẠI TỈNH QUẢNG TRỊ NĂM 2026"
    assert sheet["A1"].font.bold
    assert sheet["A2"].value == "Số: 15/KH-UBND ngày 20/01/2026 của UBND tỉnh Quảng Trị"
    assert [c.value for c in sheet[4]] == [
        "STT",
        "Nhiệm vụ",
        "Đơn vị chủ trì",
        "Đơn vị phối hợp",
        "Thời gian",
        "Hạn",
        "Kinh phí (đồng)",
        "Kết quả/sản phẩm",
    ]
    assert all(c.font.bold for c in sheet[4])
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"A1:H1", "A2:H2", "A5:H5", "A8:H8", "A10:F10"} <= merged
    assert (sheet["A5"].value, sheet["A5"].font.bold) == ("NHIỆM VỤ TRỌNG TÂM", True)
    assert (sheet["A8"].value, sheet["A8"].font.bold) == ("TỔ CHỨC THỰC HIỆN", True)
    assert [c.value for c in sheet[6]] == [
        1,
        "Xuất bản bản tin đối ngoại song ngữ hằng quý.",
        "Sở Ngoại vụ",
        "Sở Văn hóa, Thể thao và Du lịch; các sở, ban, ngành",
        "Quý II/2026",
        dt.datetime(2026, 6, 30),
        120_000_000,
        "04 số bản tin",
    ]
    assert sheet["F6"].number_format == "dd/mm/yyyy"
    assert sheet["G6"].number_format == "#,##0"
    assert sheet["B6"].alignment.wrap_text
    assert [sheet[f"A{row}"].value for row in (6, 7, 9)] == [1, 2, 3]
    assert sheet["G7"].value is None
    # the SUM row covers every task row and adds up to the plan's budget
    assert (sheet["A10"].value, sheet["G10"].value) == ("Tổng cộng", "=SUM(G5:G9)")
    assert sheet["G10"].number_format == "#,##0"
    assert sum(sheet[f"G{row}"].value or 0 for row in range(5, 10)) == 200_000_000
    assert sheet.max_row == 10
    assert sheet.freeze_panes == "A5"
    assert sheet.print_title_rows == "$4:$4"
    assert (sheet.page_setup.orientation, sheet.page_setup.paperSize) == ("landscape", 9)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.column_dimensions["B"].width == 60


def test_workbook_from_schema_json_without_a_database() -> None:
    _check_layout(_sheet(plan_xlsx(parsed_plan().to_json())))


def test_blank_number_and_no_tasks_still_make_a_sheet() -> None:
    sheet = _sheet(plan_xlsx(parsed_plan(number=None, date=None, tasks=()).to_json()))
    assert sheet["A2"].value == "Số: … của UBND tỉnh Quảng Trị"
    assert (sheet["A5"].value, sheet["G5"].value) == ("Tổng cộng", "=SUM(G5:G5)")


@pytest.mark.parametrize("role", ["unit_officer", "coordinator"])
def test_plan_page_export_has_the_same_layout(world, role) -> None:  # type: ignore[no-untyped-def]
    plan = plan_import(
        user=world.users["coordinator"],
        parsed=parsed_plan(),
        source_name="ke-hoach.docx",
        source_sha256=sha("ke-hoach"),
    )
    client = Client()
    client.force_login(world.users[role])
    response = client.get(f"/plans/{plan.pk}/export.xlsx")
    assert response.status_code == 200
    assert (
        response["Content-Type"]
        == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"] == 'attachment; filename="15-kh-ubnd.xlsx"'
    _check_layout(_sheet(response.content))
