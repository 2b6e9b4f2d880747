"""Compiled reports: the province report and a unit's report as .docx (NĐ 30/2020 format, values
from the data, charts), the .xlsx appendix, the template check, `ttdn report build`, and the
query count of the data gathering."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

import pytest
import time_machine
from docx import Document

from tests.reporting.conftest import Tracked, at
from ttdn.reporting.compiled.data import province_report_data
from ttdn.reporting.compiled.render import report_docx
from ttdn.reporting.models import Indicator, ReportingPeriod
from ttdn.reporting.services import report_open, report_save, report_transition, task_update_save

TODAY = dt.date(2026, 11, 22)
YEAR = "Năm 2026"


@dataclass
class Built:
    tracked: Tracked
    period: ReportingPeriod


def _save(tracked: Tracked, user: str, ref: str, unit: str, **kw: object) -> None:
    item = tracked.item(ref, unit, seq=int(kw.pop("seq", 1)))  # type: ignore[call-overload]
    task_update_save(
        user=tracked.world.users[user],
        item=item,
        period=tracked.periods[YEAR],
        version=0,
        **{"narrative": "", "progress": 50, **kw},  # type: ignore[arg-type]
    )


@pytest.fixture
def built(tracked: Tracked) -> Built:
    """The year 2026 as of 22/11: II.1 done on time by both units (news 14 + 6, training 2),
    II.3's first quarter done, the rest open; Sở Ngoại vụ sent its report with a proposal."""
    news = Indicator.objects.get(code="tin-bai").pk
    classes = Indicator.objects.get(code="lop-tap-huan").pk
    with time_machine.travel(at(2026, 5, 10), tick=False):
        _save(
            tracked,
            "unit_officer",
            "II.1",
            "T-SNGV",
            status="done",
            spent_vnd=12_500_000,
            narrative="Đã phát hành 02 số bản tin song ngữ.",
            values={news: 14, classes: 2},
        )
        _save(
            tracked,
            "coordinator",
            "II.1",
            "T-SVHTTDL",
            status="done",
            spent_vnd=3_000_000,
            narrative="Cung cấp 06 tin, bài cho bản tin.",
            values={news: 6},
        )
    with time_machine.travel(at(2026, 3, 20), tick=False):
        _save(
            tracked,
            "unit_officer",
            "II.3",
            "T-SNGV",
            status="done",
            narrative="Bản tin quý I đã phát hành.",
        )
    officer, leader = tracked.world.users["unit_officer"], tracked.world.users["unit_leader"]
    period = tracked.periods[YEAR]
    with time_machine.travel(at(2026, 11, 10), tick=False):
        report = report_open(user=officer, period=period, unit=tracked.world.foreign_affairs)
        report = report_save(
            user=officer,
            report=report,
            summary="Hoàn thành phần lớn nhiệm vụ.",
            difficulties="Thiếu biên dịch viên tiếng Anh.",
            proposals="Đề nghị bổ sung kinh phí biên dịch.",
            version=report.version,
        )
        report = report_transition(user=leader, report=report, action="approve")
        report_transition(user=officer, report=report, action="submit")
    return Built(tracked, period)


def _texts(document) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.text for p in document.paragraphs]


def test_province_report_smoke(built: Built, tmp_path: Path) -> None:
    data = province_report_data(period=built.period, today=TODAY)
    content = report_docx(data)
    document = Document(io.BytesIO(content))
    assert len(document.inline_shapes) == 2
