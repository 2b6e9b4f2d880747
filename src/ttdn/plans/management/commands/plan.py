"""`ttdn plan parse|import|eval|draft-next`: read a plan file, store it, measure the parser, or
write the draft of next year's plan.

`parse` and `eval` never touch the database (they run on a machine with only the code);
`import` stores the plan all or nothing; `draft-next` writes its .docx whole or not at all.
Bad input ends with "Lỗi: …" on stderr and exit 1.
"""

from __future__ import annotations

import json
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings

from ttdn.core.commands import TtdnCommand, output_check, write_whole
from ttdn.core.errors import ValidationFailed
from ttdn.core.office import docx_to_pdf
from ttdn.plans.excel import plan_xlsx
from ttdn.plans.models import Plan, ResolutionStatus
from ttdn.plans.next_year import carried_over_counts, next_year_draft
from ttdn.plans.parsing import PlanParseError, parse_file
from ttdn.plans.plan_docx import draft_docx
from ttdn.plans.reading import plan_file_bytes
from ttdn.plans.selectors import plan_mentions, plan_totals
from ttdn.plans.services import plan_import_file
from ttdn.units.models import User

# What `plan eval --check` demands of the parser on the gold corpus (docs/plans.md).


class Command(TtdnCommand):
    help = "Kế hoạch: đọc tệp (parse), nhập vào hệ thống (import), đánh giá bộ đọc (eval)."
    requires_system_checks: list[str] = []  # `parse` and `eval` run without a database

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        parse = sub.add_parser("parse", help="Đọc tệp kế hoạch, in JSON (không cần cơ sở dữ liệu).")
        parse.add_argument("file", type=Path)
        parse.add_argument("--format", choices=["json", "xlsx"], default="json")
        parse.add_argument(
            "--output", type=Path, default=None, help="tệp kết quả (bắt buộc với xlsx)"
        )
        load = sub.add_parser("import", help="Nhập kế hoạch vào hệ thống; lỗi thì không ghi gì.")
        load.add_argument("file", type=Path)
        load.add_argument("--user", default="", help="tên đăng nhập của người nhập")
        load.add_argument("--replace", action="store_true", help="thay kế hoạch đã nhập trước")
        evaluate = sub.add_parser("eval", help="Đo độ chính xác của bộ đọc trên bộ mẫu có đáp án.")
        evaluate.add_argument("--gold", type=Path, required=True)
        evaluate.add_argument("--samples", type=Path, required=True)
        evaluate.add_argument("--check", action="store_true", help="thoát mã 1 khi dưới ngưỡng")
        draft = sub.add_parser(
            "draft-next", help="Lập dự thảo kế hoạch năm sau từ kế hoạch năm --year (tệp .docx)."
        )
        draft.add_argument(
            "--year", type=int, required=True, help="năm của kế hoạch đang thực hiện"
        )
        draft.add_argument("--output", type=Path, required=True, help="tệp dự thảo .docx")
        draft.add_argument(
            "--pdf", type=Path, default=None, help="tệp PDF của dự thảo (cần LibreOffice)"
        )
        draft.add_argument("--plan", type=int, default=None, help="mã kế hoạch khi năm có nhiều")

    def run(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "parse":
            self._parse(options["file"], options["format"], options["output"])
        elif action == "import":
            self._import(options["file"], options["user"], options["replace"])
        elif action == "draft-next":
            self._draft_next(options["year"], options["output"], options["plan"], options["pdf"])
        else:
            self._eval(options["gold"], options["samples"], options["check"])

    def _parse(self, path: Path, fmt: str, output: Path | None) -> None:
        if fmt == "xlsx" and output is None:
            raise ValidationFailed("Xuất Excel cần --output TỆP.xlsx.")
        data = parse_plan_file(path).to_json()
        if fmt == "xlsx":
            assert output is not None
            output.write_bytes(plan_xlsx(data))
            self.stdout.write(f"Đã ghi {output} ({len(data['tasks'])} nhiệm vụ).")
            return
        text = json.dumps(data, ensure_ascii=False, indent=2)
        if output is None:
            self.stdout.write(text)
        else:
            output.write_text(text + "\n", encoding="utf-8")
            self.stdout.write(f"Đã ghi {output} ({len(data['tasks'])} nhiệm vụ).")

    def _import(self, path: Path, username: str, replace: bool) -> None:
        user = None
        if username:
            user = User.objects.filter(username=username, is_active=True).first()
            if user is None:
                raise ValidationFailed(f"Không có người dùng “{username}”.")
        plan = plan_import_file(
            user=user, data=plan_file_bytes(path), filename=path.name, replace=replace
        )
        for line in import_summary(plan):
            self.stdout.write(line)

    def _draft_next(self, year: int, output: Path, plan_id: int | None, pdf: Path | None) -> None:
        output_check(output, ".docx")
        if pdf is not None:
            output_check(pdf, ".pdf")
        plan = plan_of_year(year, plan_id)
        draft = next_year_draft(plan=plan)
        data = draft_docx(draft, province=plan.province or settings.TTDN_PROVINCE)
        pdf_data = docx_to_pdf(data) if pdf is not None else b""
        write_whole(output, data)
        if pdf is not None:
            write_whole(pdf, pdf_data)
        recurring, unfinished = carried_over_counts(draft)
        self.stdout.write(
            f"Đã ghi dự thảo kế hoạch năm {year + 1} vào {output}: {len(draft.tasks)} nhiệm vụ "
            f"chuyển tiếp ({recurring} định kỳ, thường xuyên; {unfinished} chưa hoàn thành)."
        )
        if pdf is not None:
            self.stdout.write(f"Đã ghi bản PDF vào {pdf}.")

    def _eval(self, gold: Path, samples: Path, check: bool) -> None:
        from ttdn.plans.parsing.evaluation import THRESHOLDS, evaluate

        for folder in (gold, samples):
            if not folder.is_dir():
                raise ValidationFailed(f"Không có thư mục {folder}.")
        province = settings.TTDN_PROVINCE or None
        # evaluate() scores a file the parser rejects as an empty prediction: pass it raw.
        report = evaluate(gold, samples, parse=lambda p: parse_file(p, province=province).to_json())
        for line in report.lines():
            self.stdout.write(line)
        self.stdout.write(report.result_line())
        if check:
            below = [
                f"{name} = {report.figures.get(name, 0.0):.3f} < {bound:.2f}"
                for name, bound in THRESHOLDS.items()
                if report.figures.get(name, 0.0) < bound
            ]
            if below:
                raise ValidationFailed("Bộ đọc chưa đạt ngưỡng: " + "; ".join(below) + ".")


def parse_plan_file(path: Path) -> Any:
    try:
        return parse_file(path, province=settings.TTDN_PROVINCE or None)
    except PlanParseError as exc:
        raise ValidationFailed(exc.message) from exc


def plan_of_year(year: int, plan_id: int | None) -> Plan:
    """The one plan of `year` (or the one given by id); several without --plan are listed."""
    plans = list(
        Plan.objects.filter(year=year).select_related("document", "issuer_unit").order_by("pk")
    )
    if plan_id is not None:
        plans = [p for p in plans if p.pk == plan_id]
        if not plans:
            raise ValidationFailed(f"Không có kế hoạch mã {plan_id} của năm {year}.")
    if not plans:
        raise ValidationFailed(f"Không có kế hoạch nào của năm {year} trong hệ thống.")
    if len(plans) > 1:
        listed = "; ".join(
            f"{p.pk}: {p.document.number or 'chưa có số'} “{p.title}”" for p in plans
        )
        raise ValidationFailed(
            f"Năm {year} có {len(plans)} kế hoạch, chọn một bằng --plan MÃ ({listed})."
        )
    return plans[0]


def import_summary(plan: Plan) -> list[str]:
    totals = plan_totals(plan=plan)
    to_map = plan_mentions(plan=plan)
    number = f"số {plan.document.number}" if plan.document.number else "chưa có số"
    lines = [
        f"Đã nhập kế hoạch “{plan.title}” ({number}): {totals['tasks']} nhiệm vụ.",
        f"Đơn vị được giao: {totals[ResolutionStatus.RESOLVED]} lượt đã xác định, "
        f"{totals[ResolutionStatus.COLLECTIVE]} lượt là nhóm đơn vị, "
        f"{totals[ResolutionStatus.AMBIGUOUS] + totals[ResolutionStatus.UNRESOLVED]} lượt "
        "chưa xác định.",
    ]
    if to_map:
        lines.append(
            f"Tên đơn vị chưa xác định ({len(to_map)}), ánh xạ một lần trên trang kế hoạch:"
        )
        lines += [
            f"  - {row.text} ({row.lead_count} chủ trì, {row.support_count} phối hợp)"
            for row in to_map
        ]
    return lines
