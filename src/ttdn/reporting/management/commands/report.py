"""`ttdn report build`: the province's result report (or a unit's own report) of a period as
.docx, with its appendix as .xlsx. Bad input (no plan, period or unit; wrong file names) ends
with "Lỗi: …" on stderr and exit 1, and no file is written."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from ttdn.core.commands import TtdnCommand, output_check, write_whole
from ttdn.core.errors import ValidationFailed
from ttdn.core.office import docx_to_pdf
from ttdn.plans.models import Plan
from ttdn.reporting.compiled.render import report_build
from ttdn.reporting.models import PeriodKind, ReportingPeriod
from ttdn.units.models import Unit


class Command(TtdnCommand):
    help = "Báo cáo tổng hợp: xuất báo cáo kết quả (.docx) và phụ lục (.xlsx) của một kỳ."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        build = sub.add_parser("build", help="Lập báo cáo của tỉnh hoặc của một đơn vị.")
        build.add_argument("--year", type=int, required=True, help="năm của kế hoạch")
        build.add_argument("--period", default="", help="tên kỳ báo cáo (mặc định: “Năm YYYY”)")
        build.add_argument("--unit", default="", help="mã đơn vị (bỏ trống: báo cáo của tỉnh)")
        build.add_argument("--output", type=Path, required=True, help="tệp báo cáo .docx")
        build.add_argument("--xlsx", type=Path, default=None, help="tệp phụ lục .xlsx")
        build.add_argument(
            "--pdf", type=Path, default=None, help="tệp PDF của báo cáo (cần LibreOffice)"
        )

    def run(self, *args: Any, **options: Any) -> None:
        output, xlsx, pdf = options["output"], options["xlsx"], options["pdf"]
        output_check(output, ".docx")
        if xlsx is not None:
            output_check(xlsx, ".xlsx")
        if pdf is not None:
            output_check(pdf, ".pdf")
        plan = plan_of_year(options["year"])
        period = period_of_plan(plan, options["period"])
        unit = unit_of_code(options["unit"]) if options["unit"] else None
        built = report_build(user=None, period=period, unit=unit)
        pdf_data = docx_to_pdf(built.docx) if pdf is not None else b""
        write_whole(output, built.docx)
        if xlsx is not None:
            write_whole(xlsx, built.xlsx)
        if pdf is not None:
            write_whole(pdf, pdf_data)
        tasks = sum(len(section.tasks) for section in built.data.sections)
        issuer = built.data.issuer_name
        self.stdout.write(
            f"Đã ghi báo cáo của {issuer}, kỳ {period.name}, vào {output}: {tasks} nhiệm vụ, "
            f"{len(built.data.issues)} nhiệm vụ quá hạn hoặc chưa hoàn thành."
        )
        if xlsx is not None:
            self.stdout.write(f"Đã ghi phụ lục vào {xlsx}.")
        if pdf is not None:
            self.stdout.write(f"Đã ghi bản PDF vào {pdf}.")


def plan_of_year(year: int) -> Plan:
    """The plan of the year (the latest imported when there are several)."""
    plan = Plan.objects.filter(year=year).order_by("-imported_at", "-pk").first()
    if plan is None:
        raise ValidationFailed(f"Không có kế hoạch nào của năm {year}.")
    return plan


def period_of_plan(plan: Plan, name: str) -> ReportingPeriod:
    periods = ReportingPeriod.objects.select_related("plan").filter(plan=plan)
    if name:
        period = periods.filter(name=name.strip()).first()
    else:
        period = periods.filter(kind=PeriodKind.YEAR).order_by("-ends").first()
    if period is not None:
        return period
    names = ", ".join(f"“{p.name}”" for p in periods.order_by("ends", "starts"))
    wanted = f"kỳ “{name}”" if name else "kỳ báo cáo năm"
    raise ValidationFailed(
        f"Kế hoạch năm {plan.year} không có {wanted}. "
        + (f"Các kỳ hiện có: {names}." if names else "Kế hoạch chưa có kỳ báo cáo nào.")
    )


def unit_of_code(code: str) -> Unit:
    unit = Unit.objects.select_related("parent").filter(code=code.strip()).first()
    if unit is None:
        raise ValidationFailed(f"Không có đơn vị mã “{code}”.")
    return unit
