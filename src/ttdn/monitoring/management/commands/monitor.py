"""`ttdn monitor analyze|eval`: the analysis core on JSON-lines files, without a database."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from ttdn.core.commands import TtdnCommand
from ttdn.core.errors import ApplicationError
from ttdn.monitoring.nlp import Analyzer, Article
from ttdn.monitoring.nlp.evaluate import score


class Command(TtdnCommand):
    help = "Phân tích tin (analyze) hoặc chấm điểm trên tệp đã gán nhãn (eval)"
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        analyze = sub.add_parser("analyze", help="IN.jsonl → từng dòng kèm kết quả phân tích")
        analyze.add_argument("path")  # the commands below need no database, except "poll"
        analyze.add_argument("--province", default=None, help="tỉnh/thành phố cần theo dõi")
        analyze.add_argument(
            "--places", default=None, help="JSON {tỉnh: [địa danh, người, ...]} bổ sung"
        )
        evaluate = sub.add_parser("eval", help="chấm điểm trên tệp JSONL có trường labels")
        evaluate.add_argument("path")
        evaluate.add_argument("--province", default=None)
        sub.add_parser(
            "poll", help="đưa việc lấy tin các nguồn đến hạn và kiểm tra đột biến vào hàng đợi"
        )

    def run(self, *args: Any, **options: Any) -> None:
        if options["action"] == "poll":
            # Run by cron every few minutes; the jobs themselves claim sources without overlap.
            from ttdn.monitoring.alerts import check_volume_spikes
            from ttdn.monitoring.tasks import poll_due_sources

            poll_due_sources.enqueue()
            check_volume_spikes.enqueue()
            self.stdout.write("Đã đưa việc lấy tin và kiểm tra đột biến vào hàng đợi.")
            return
        rows = read_jsonl(Path(options["path"]))
        analyzer = _analyzer(options.get("province"), options.get("places"))
        articles = [Article.from_json(row) for row in rows]
        results = analyzer.analyze_batch(articles)
        if options["action"] == "analyze":
            out = sys.stdout
            for row, result in zip(rows, results, strict=True):
                out.write(json.dumps({**row, **result.as_json()}, ensure_ascii=False) + "\n")
            return
        if any("labels" not in row for row in rows):
            raise ApplicationError("Mọi dòng cần có trường “labels” để chấm điểm")
        scores = score(rows, results)
        self.stdout.write(scores.result_line())


def _analyzer(province: str | None, places_path: str | None) -> Analyzer:
    places = None
    if places_path:
        try:
            places = json.loads(Path(places_path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ApplicationError(f"Không đọc được tệp địa danh {places_path}: {exc}") from exc
        if not isinstance(places, dict) or not all(isinstance(v, list) for v in places.values()):
            raise ApplicationError("Tệp địa danh phải là JSON dạng {tỉnh: [tên, ...]}")
    try:
        return Analyzer(province=province, places=places)
    except ValueError as exc:
        raise ApplicationError(str(exc)) from exc


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """All lines or nothing: a bad line stops before any output is written."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ApplicationError(f"Không đọc được tệp {path}: {exc}") from exc
    rows = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError as exc:
            raise ApplicationError(f"Dòng {number}: không phải JSON hợp lệ ({exc.msg})") from exc
        if not isinstance(row, dict) or "id" not in row or not isinstance(row.get("text"), str):
            raise ApplicationError(f"Dòng {number}: cần có “id” và “text”")
        rows.append(row)
    return rows
