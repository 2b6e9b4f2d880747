"""The "Báo cáo tổng hợp dư luận báo chí" digest of a period: what it says (`digest_data`, a
fixed number of queries on top of the dashboard's) and its Excel workbook (`digest_xlsx`); the
Word document in the official format is `digest_docx`.

The digest is issued by the unit of the official who makes it (the coordinating agency), or by
the provincial People's Committee for an official of the committee or of no unit."""

from __future__ import annotations

import datetime as dt
import io
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Count, Q
from openpyxl import Workbook

from ttdn.core.official_docx import (
    issuer_abbreviation,
    issuer_lines,
    parent_line,
    recipient_lines,
    signer_lines,
)
from ttdn.monitoring import selectors
from ttdn.monitoring.analysis import current_analyzer
from ttdn.monitoring.case_figures import as_of, case_figures
from ttdn.monitoring.nlp.topics import default_taxonomy
from ttdn.reporting.compiled.cases import cases_worded
from ttdn.reporting.compiled.model import Cases
from ttdn.units.models import Unit, UnitKind

TITLE = "BÁO CÁO TỔNG HỢP DƯ LUẬN BÁO CHÍ"
LANGUAGE_NAMES = {
    "vi": "tiếng Việt",
    "en": "tiếng Anh",
    "fr": "tiếng Pháp",
    "zh": "tiếng Trung",
    "lo": "tiếng Lào",
    "km": "tiếng Khmer",
}
FOREIGN_STORIES_SHOWN = 5
DEPARTMENT_RECIPIENTS = (
    "Ủy ban nhân dân tỉnh (để báo cáo)",
    "Ban Tuyên giáo và Dân vận Tỉnh ủy",
    "Công an tỉnh",
    "Các sở, ban, ngành liên quan",
    "Lưu: VT",
)
COMMITTEE_RECIPIENTS = (
    "Thường trực Tỉnh ủy",
    "Thường trực Hội đồng nhân dân tỉnh",
    "Ban Tuyên giáo và Dân vận Tỉnh ủy",
    "Các sở, ban, ngành, địa phương",
    "Lưu: VT",
)


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code or "—")


def _share(part: int, total: int) -> str:
    return f"{part * 100 / total:.1f}%".replace(".", ",") if total else "0%"


def summary_rows(data: dict[str, Any]) -> list[tuple[str, str]]:
    t = data["totals"]
    return [
        ("Tổng số tin", str(t["total"])),
        ("Tích cực", f"{t['positive']} ({_share(t['positive'], t['total'])})"),
        ("Trung lập", f"{t['neutral']} ({_share(t['neutral'], t['total'])})"),
        ("Tiêu cực", f"{t['negative']} ({_share(t['negative'], t['total'])})"),
        ("Báo nước ngoài", f"{t['foreign']} ({_share(t['foreign'], t['total'])})"),
        ("Báo trong nước", str(t["total"] - t["foreign"])),
        ("Tin ưu tiên", str(t["priority"])),
    ]


@dataclass(frozen=True)
class Issuer:
    parent: tuple[str, ...]  # the governing body's line ("UBND TỈNH QUẢNG TRỊ"), or none
    lines: tuple[str, ...]  # the issuing body as printed in the header
    name: str  # in a sentence: "Sở Văn hóa, Thể thao và Du lịch"
    number: str  # "…/BC-SVHTTDL"
    province: str  # the place of the date line
    signer: tuple[str, ...]
    recipients: tuple[str, ...]


@dataclass(frozen=True)
class StoryLine:
    title: str
    appearances: int
    priority: bool
    outlets: tuple[str, ...]

    @property
    def text(self) -> str:
        flag = ", tin ưu tiên" if self.priority else ""
        where = f": {', '.join(self.outlets)}" if self.outlets else ""
        return f"{self.title} ({self.appearances} lần xuất hiện{flag}){where}"


@dataclass(frozen=True)
class Foreign:
    total: int
    positive: int
    neutral: int
    negative: int
    outlets: tuple[tuple[str, int], ...]
    languages: tuple[tuple[str, int], ...]  # (language name, number)
    stories: tuple[StoryLine, ...]


@dataclass(frozen=True)
class Digest:
    board: dict[str, Any]  # selectors.dashboard: totals, by_day, topics, languages, outlets
    since: dt.date
    until: dt.date
    issuer: Issuer
    outlets_count: int
    stories_count: int
    stories: tuple[StoryLine, ...]
    foreign: Foreign
    cases: Cases
    proposals: tuple[str, ...]

    @property
    def period(self) -> str:
        return f"từ ngày {self.since:%d/%m/%Y} đến ngày {self.until:%d/%m/%Y}"

    def topic_rows(self) -> list[tuple[str, int]]:
        # The names of the taxonomy in use, as on the dashboard; a topic since removed keeps
        # its default name.
        names = {t.code: t.name for t in default_taxonomy()}
        names.update((t.code, t.name) for t in current_analyzer().taxonomy)
        return [(names.get(code, code), count) for code, count in self.board["topics"]]


def _issuer(user: Any) -> Issuer:
    unit = Unit.objects.select_related("parent").filter(pk=user.unit_id).first()
    province = (unit.province if unit else "") or settings.TTDN_PROVINCE
    if unit is None or unit.kind == UnitKind.UBND:
        name = f"Ủy ban nhân dân tỉnh {province}"
        parent: tuple[str, ...] = ()
        lines = tuple(issuer_lines(name))
        recipients = COMMITTEE_RECIPIENTS
    else:
        name = unit.name
        parent = (parent_line(unit.parent.name),) if unit.parent else ()
        lines = (unit.name.upper(),)
        recipients = DEPARTMENT_RECIPIENTS
    return Issuer(
        parent, lines, name, f"…/BC-{issuer_abbreviation(name)}", province,
        tuple(signer_lines(name)), tuple(recipient_lines(recipients)),
    )  # fmt: skip


def _foreign(rows: Any) -> tuple[dict[str, int], list[tuple[str, int]], list[tuple[str, int]]]:
    foreign = rows.filter(foreign=True)
    counts = foreign.aggregate(
        total=Count("pk"),
        positive=Count("pk", filter=Q(sentiment="positive")),
        neutral=Count("pk", filter=Q(sentiment="neutral")),
        negative=Count("pk", filter=Q(sentiment="negative")),
    )
    outlets = list(
        foreign.values_list("source__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "source__name")[:10]
    )
    languages = list(
        foreign.values_list("language").annotate(n=Count("pk")).order_by("-n", "language")
    )
    return counts, outlets, [(language_name(c), n) for c, n in languages]


StoryKey = tuple[int, str, int, bool]  # story id, title, appearances, priority


def _outlets_of(rows: Any, *groups: list[StoryKey]) -> list[tuple[StoryLine, ...]]:
    """Each group's stories with the outlets they appeared on in the period (one query)."""
    ids = {key[0] for group in groups for key in group}
    outlets: dict[int, list[str]] = defaultdict(list)
    for story_id, name in (
        rows.filter(story_id__in=ids)
        .values_list("story_id", "source__name")
        .distinct()
        .order_by("story_id", "source__name")
    ):
        outlets[story_id].append(name)
    return [
        tuple(StoryLine(title, n, priority, tuple(outlets[pk])) for pk, title, n, priority in group)
        for group in groups
    ]


def _proposals(totals: dict[str, int], foreign_negative: int, cases: Cases) -> tuple[str, ...]:
    """Part V: our own sentences, following the figures (the officer rewrites them in Word)."""
    lines = []
    if cases.overdue:
        lines.append(
            f"Đề nghị các đơn vị được giao khẩn trương xử lý {cases.overdue} hồ sơ quá hạn chưa "
            "phản hồi nêu tại Mục IV và báo cáo kết quả về cơ quan đầu mối."
        )
    if totals["priority"] or foreign_negative:
        lines.append(
            f"Tiếp tục theo dõi sát {totals['priority']} tin ưu tiên và {foreign_negative} tin, "
            "bài tiêu cực của báo chí nước ngoài; kịp thời cung cấp thông tin chính thống, đấu "
            "tranh, phản bác thông tin sai sự thật về tỉnh."
        )
    lines.append(
        "Các cơ quan, đơn vị tăng cường cung cấp thông tin về tình hình kinh tế - xã hội, tiềm "
        "năng, thế mạnh của tỉnh cho báo chí trong nước và nước ngoài."
    )
    return tuple(lines)


def digest_data(
    *, user: Any, since: dt.date, until: dt.date, today: dt.date | None = None
) -> Digest:
    """What the digest of `since`–`until` says; the dashboard's right is checked first."""
    board = selectors.dashboard(user=user, since=since, until=until)
    rows = selectors.period_articles(since, until)
    spread = rows.aggregate(
        outlets=Count("source", distinct=True), stories=Count("story", distinct=True)
    )
    counts, foreign_outlets, languages = _foreign(rows)
    foreign_stories = list(
        rows.filter(foreign=True, story__isnull=False)
        .values("story_id", "story__title", "story__priority")
        .annotate(n=Count("pk"))
        .order_by("-n", "-story_id")[:FOREIGN_STORIES_SHOWN]
    )
    top = [(s["pk"], s["title"], s["n"], s["priority"]) for s in board["stories"]]
    abroad = [
        (s["story_id"], s["story__title"], s["n"], s["story__priority"]) for s in foreign_stories
    ]
    top_lines, foreign_lines = _outlets_of(rows, top, abroad)
    cases = cases_worded(case_figures(starts=since, ends=until, now=as_of(today)))
    issuer = _issuer(user)
    return Digest(
        board=board,
        since=since,
        until=until,
        issuer=issuer,
        outlets_count=spread["outlets"],
        stories_count=spread["stories"],
        stories=top_lines,
        foreign=Foreign(
            total=counts["total"],
            positive=counts["positive"],
            neutral=counts["neutral"],
            negative=counts["negative"],
            outlets=tuple(foreign_outlets),
            languages=tuple(languages),
            stories=foreign_lines,
        ),
        cases=cases,
        proposals=_proposals(board["totals"], counts["negative"], cases),
    )


def digest_xlsx(digest: Digest) -> bytes:
    """The digest's figures: the summary, then a sheet per table."""
    board = digest.board
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Tổng hợp"
    sheet.append([TITLE])
    sheet.append([f"Từ ngày {digest.since:%d/%m/%Y} đến ngày {digest.until:%d/%m/%Y}"])
    for label, value in summary_rows(board):
        sheet.append([label, value])
    tables: list[tuple[str, list[str], list[list[Any]]]] = [
        ("Theo ngày", ["Ngày", "Số tin"], [[f"{r['day']:%d/%m/%Y}", r["n"]]
                                           for r in board["by_day"]]),
        ("Theo chủ đề", ["Chủ đề", "Số tin"], [list(row) for row in digest.topic_rows()]),
        (
            "Câu chuyện",
            ["Câu chuyện", "Số lần xuất hiện", "Ưu tiên", "Cơ quan báo chí"],
            [[s.title, s.appearances, "có" if s.priority else "", ", ".join(s.outlets)]
             for s in digest.stories],
        ),
        (
            "Báo nước ngoài",
            ["Cơ quan báo chí nước ngoài", "Số tin"],
            [list(row) for row in digest.foreign.outlets],
        ),
        (
            "Hồ sơ xử lý",
            ["Câu chuyện", "Loại", "Đơn vị xử lý", "Hạn xử lý", "Trạng thái", "Đúng hạn",
             "Ngày phản hồi", "Đường dẫn phản hồi"],
            [[c.story, c.kind, c.unit, c.due, c.status, c.timeliness, c.answered, c.link]
             for c in digest.cases.lines],
        ),
    ]  # fmt: skip
    for title, heading, rows in tables:
        table = book.create_sheet(title)
        table.append(heading)
        for row in rows:
            table.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
