"""The press digest as a Word document in the format of Nghị định 30/2020/NĐ-CP, the same as the
compiled reports (`core.official_docx`): header table, BÁO CÁO and the period, five numbered
parts (I. general situation with two charts, II. notable stories, III. foreign press, IV. the
response cases by status, V. proposals), the closing sentence, "Nơi nhận" and the signature."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

from django.utils import translation
from docx import Document
from docx.document import Document as DocxDocument
from docx.shared import Mm

from ttdn.core.official_docx import (
    CENTER,
    national_header,
    page_setup,
    paragraph,
    signature_block,
    title_block,
)
from ttdn.monitoring.digest import Digest, StoryLine, language_name, summary_rows
from ttdn.monitoring.models import CaseStatus
from ttdn.reporting.compiled.charts import sentiment_chart, volume_chart

CHART_WIDTH = Mm(150)
DAILY_BARS = 62
PARTS = (
    "I. TÌNH HÌNH CHUNG",
    "II. CÁC VẤN ĐỀ NỔI BẬT",
    "III. DƯ LUẬN BÁO CHÍ NƯỚC NGOÀI",
    "IV. CÔNG TÁC XỬ LÝ, PHẢN BÁC",
    "V. ĐỀ XUẤT, KIẾN NGHỊ",
)


def _body(document: DocxDocument, text: str, *, bold: bool = False, italic: bool = False) -> None:
    paragraph(document, text, bold=bold, italic=italic, indent=True, after=6)


def _chart(document: DocxDocument, png: bytes, caption: str) -> None:
    picture = paragraph(document, align=CENTER)
    picture.add_run().add_picture(io.BytesIO(png), width=CHART_WIDTH)
    picture.paragraph_format.keep_with_next = True  # the caption stays under its chart
    paragraph(document, caption, size=12, italic=True, align=CENTER, after=6)


def _counted(pairs: Sequence[tuple[str, int]], measure: str) -> str:
    return "; ".join(f"{name}: {n} {measure}" for name, n in pairs)


def _volume(digest: Digest) -> tuple[str, list[tuple[str, int]]]:
    """Articles per day of the period, days without any included; per month beyond two
    months, so the bars stay readable."""
    counts = {row["day"]: row["n"] for row in digest.board["by_day"]}
    length = (digest.until - digest.since).days + 1
    days = [digest.since + dt.timedelta(days=n) for n in range(length)]
    if len(days) <= DAILY_BARS:
        return "Số tin, bài theo ngày", [(f"{day:%d/%m}", counts.get(day, 0)) for day in days]
    months: dict[str, int] = {}
    for day in days:
        months[f"{day:%m/%Y}"] = months.get(f"{day:%m/%Y}", 0) + counts.get(day, 0)
    return "Số tin, bài theo tháng", list(months.items())


def _general(document: DocxDocument, digest: Digest) -> None:
    board, t = digest.board, digest.board["totals"]
    _body(document, PARTS[0], bold=True)
    since = digest.period[0].upper() + digest.period[1:]
    _body(
        document,
        f"{since}, hệ thống giám sát báo chí ghi nhận {t['total']} tin, bài "
        f"trên {digest.outlets_count} cơ quan báo chí, trang tin, thuộc {digest.stories_count} "
        "câu chuyện (các bản đăng lại của cùng một tin được tính là một câu chuyện).",
    )
    for label, value in summary_rows(board):
        _body(document, f"- {label}: {value}.")
    topics = digest.topic_rows()
    if topics:
        _body(document, f"- Theo chủ đề: {_counted(topics, 'tin')}.")
    languages = [(language_name(row["language"]), row["n"]) for row in board["languages"]]
    if languages:
        _body(document, f"- Theo ngôn ngữ: {_counted(languages, 'tin')}.")
    outlets = [(row["source__name"], row["n"]) for row in board["outlets"]]
    if outlets:
        _body(document, f"- Cơ quan báo chí đăng nhiều nhất: {_counted(outlets, 'tin')}.")
    title, bars = _volume(digest)
    _chart(document, volume_chart(bars, title=title), f"Biểu đồ 1. {title}")
    foreign = digest.foreign
    groups = [
        (
            "Trong nước",
            t["positive"] - foreign.positive,
            t["neutral"] - foreign.neutral,
            t["negative"] - foreign.negative,
        ),
        ("Nước ngoài", foreign.positive, foreign.neutral, foreign.negative),
    ]
    title = "Sắc thái tin, bài trong nước và nước ngoài"
    _chart(document, sentiment_chart(groups, title=title), f"Biểu đồ 2. {title}")


def _stories(document: DocxDocument, heading: str, stories: tuple[StoryLine, ...]) -> None:
    if heading:
        _body(document, heading, italic=True)
    for number, story in enumerate(stories, start=1):
        _body(document, f"{number}. {story.text}.")


def _notable(document: DocxDocument, digest: Digest) -> None:
    _body(document, PARTS[1], bold=True)
    if not digest.stories:
        _body(document, "Trong kỳ chưa ghi nhận câu chuyện nào.")
        return
    _stories(
        document,
        f"Các câu chuyện được đăng nhiều nhất trong kỳ (số lần xuất hiện; các cơ quan báo chí "
        f"đã đăng), {len(digest.stories)} câu chuyện:",
        digest.stories,
    )


def _abroad(document: DocxDocument, digest: Digest) -> None:
    foreign, total = digest.foreign, digest.board["totals"]["total"]
    _body(document, PARTS[2], bold=True)
    if not foreign.total:
        _body(document, "Trong kỳ chưa ghi nhận tin, bài nào của báo chí nước ngoài.")
        return
    share = f"{foreign.total * 100 / total:.1f}%".replace(".", ",")
    _body(
        document,
        f"Báo chí nước ngoài đăng {foreign.total} tin, bài ({share} tổng số), trong đó "
        f"{foreign.positive} tích cực, {foreign.neutral} trung lập, {foreign.negative} tiêu cực.",
    )
    _body(document, f"- Các cơ quan báo chí nước ngoài: {_counted(foreign.outlets, 'tin')}.")
    _body(document, f"- Theo ngôn ngữ: {_counted(foreign.languages, 'tin')}.")
    _stories(document, "Các câu chuyện được báo chí nước ngoài đăng nhiều nhất:", foreign.stories)


def _cases(document: DocxDocument, digest: Digest) -> None:
    cases = digest.cases
    _body(document, PARTS[3], bold=True)
    if not cases.total:
        _body(document, "Trong kỳ không có hồ sơ xử lý thông tin nào được mở.")
        return
    _body(document, cases.text)
    with translation.override("vi"):
        statuses = [str(label) for _, label in CaseStatus.choices]
    for status in statuses:  # the lines by status, in the order of the flow
        lines = [line for line in cases.lines if line.status == status]
        if not lines:
            continue
        _body(document, f"{status} ({len(lines)} hồ sơ):", italic=True)
        for line in lines:
            _body(document, f"- {line.text}.")


def digest_docx(digest: Digest) -> bytes:
    issuer = digest.issuer
    document = Document()
    page_setup(document)
    national_header(
        document,
        parent=issuer.parent,
        issuer=issuer.lines,
        number=issuer.number,
        place_date=f"{issuer.province}, ngày … tháng … năm …",
    )
    title_block(document, "BÁO CÁO", ("Tổng hợp dư luận báo chí", f"({digest.period})"))
    _general(document, digest)
    _notable(document, digest)
    _abroad(document, digest)
    _cases(document, digest)
    _body(document, PARTS[4], bold=True)
    for line in digest.proposals:
        _body(document, f"- {line}")
    _body(
        document,
        f"Trên đây là báo cáo tổng hợp dư luận báo chí {digest.period} của {issuer.name}./.",
    )
    signature_block(document, recipients=issuer.recipients, signer=issuer.signer)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
