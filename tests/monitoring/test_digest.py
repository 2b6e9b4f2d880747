"""The "Báo cáo tổng hợp dư luận báo chí" digest: the Word document read back (the NĐ 30/2020
header, the five parts, the figures of a known set of articles and cases, the signature block
kept together), the Excel workbook, the downloads (PDF or a clear 503, 403, 404, 400) and the
fixed number of queries."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from docx import Document
from docx.shared import Pt
from openpyxl import load_workbook

from tests.conftest import World
from ttdn.monitoring.cases import case_move, case_open
from ttdn.monitoring.digest import digest_data, digest_xlsx
from ttdn.monitoring.digest_docx import PARTS, _volume, digest_docx
from ttdn.monitoring.models import Article, CaseKind, Source, SourceKind, Story
from ttdn.units.models import Role

pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")
SINCE, UNTIL = dt.date(2026, 11, 1), dt.date(2026, 11, 22)
TODAY = UNTIL
FESTIVAL = "Lễ hội biển Quảng Trị thu hút du khách"
DISTORTED = "Bài viết xuyên tạc về tự do tôn giáo"
FISHERMEN = "Ngư dân bị tấn công gần Hoàng Sa"
INVESTMENT = "Quảng Trị thu hút đầu tư"


def at(month: int, day: int, hour: int = 9) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, tzinfo=VN)


@dataclass
class Press:
    world: World
    sources: dict[str, Source]
    stories: dict[str, Story]


def _article(source: Source, story: Story, n: int, fetched: dt.datetime, **fields: object) -> None:
    url = f"https://tin.example/{source.pk}/{story.pk}/{n}"
    article = Article.objects.create(
        source=source, story=story, url=url, canonical_url=url, title=story.title,
        text=f"Nội dung {n} của {story.title}.", analyzed_at=fetched, foreign=source.foreign,
        language=source.language, content_hash=hashlib.sha256(url.encode()).hexdigest(),
        **fields,
    )  # fmt: skip
    Article.objects.filter(pk=article.pk).update(fetched_at=fetched)


def _press(world: World) -> Press:
    """Seven articles of the period about four stories on four outlets (three foreign), one
    marked irrelevant and one of October (both left out); three cases of the period (answered
    on time, overdue, still due) and one of October."""
    sources = {
        name: Source.objects.create(
            name=name, kind=SourceKind.MANUAL, foreign=foreign, language=lang
        )
        for name, foreign, lang in (
            ("Báo Quảng Trị", False, "vi"),
            ("Báo Nhân Dân", False, "vi"),
            ("Le Monde", True, "fr"),
            ("Radio Free Asia", True, "en"),
        )
    }
    stories = {
        title: Story.objects.create(title=title, priority=priority)
        for title, priority in (
            (FESTIVAL, False), (DISTORTED, True), (FISHERMEN, True), (INVESTMENT, False)
        )
    }  # fmt: skip
    qt, nd, lm, rfa = sources.values()
    s = stories
    for n, (source, story, sentiment, topic, priority) in enumerate(
        (
            (qt, s[FESTIVAL], "positive", "du-lich", False),
            (nd, s[FESTIVAL], "positive", "du-lich", False),
            (lm, s[FESTIVAL], "neutral", "du-lich", False),
            (rfa, s[DISTORTED], "negative", "ton-giao-dan-toc", True),
            (rfa, s[DISTORTED], "negative", "ton-giao-dan-toc", True),
            (qt, s[FISHERMEN], "negative", "chu-quyen-bien-dao", True),
            (qt, s[INVESTMENT], "positive", "kinh-te-dau-tu", False),
        )
    ):
        fields = {"sentiment": sentiment, "topics": [topic], "priority": priority}
        _article(source, story, n, at(11, 2 + n), **fields)
    _article(qt, s[FISHERMEN], 90, at(11, 12), sentiment="negative", status="irrelevant")
    _article(qt, s[INVESTMENT], 91, at(10, 20), sentiment="positive")
    coordinator = world.users[Role.COORDINATOR]

    def opened(story: str, unit, kind: str, when: dt.datetime, hours: int):  # type: ignore[no-untyped-def]
        with time_machine.travel(when, tick=False):
            return case_open(
                actor=coordinator, story=s[story], unit=unit, kind=kind,
                due_at=when + dt.timedelta(hours=hours),
            )  # fmt: skip

    answered = opened(DISTORTED, world.foreign_affairs, CaseKind.REBUT, at(11, 5), 24)
    with time_machine.travel(at(11, 5, 15), tick=False):
        answered = case_move(actor=coordinator, case=answered, status="in_progress")
        case_move(
            actor=coordinator, case=answered, status="responded", response_url="https://qt.vn/pb"
        )
    opened(FISHERMEN, world.police, CaseKind.INFORM, at(11, 10), 24)
    still_due = opened(DISTORTED, world.foreign_affairs, CaseKind.REBUT, at(11, 20), 24 * 5)
    with time_machine.travel(at(11, 21), tick=False):
        case_move(actor=coordinator, case=still_due, status="in_progress")
    opened(FISHERMEN, world.police, CaseKind.REBUT, at(10, 20), 24)
    return Press(world, sources, stories)


@pytest.fixture
def press(world: World) -> Press:
    return _press(world)


def _digest(press: Press, role: str = Role.COORDINATOR):  # type: ignore[no-untyped-def]
    user = press.world.users[role]
    return digest_data(user=user, since=SINCE, until=UNTIL, today=TODAY)


def _lines(cell) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.text for p in cell.paragraphs if p.text]


def test_the_word_digest_has_the_official_header_and_title(press: Press) -> None:
    document = Document(io.BytesIO(digest_docx(_digest(press))))
    section = document.sections[0]
    margins = ("top_margin", "bottom_margin", "left_margin", "right_margin")
    measured = [
        round(getattr(section, name).mm) for name in ("page_width", "page_height", *margins)
    ]
    assert measured == [210, 297, 20, 20, 30, 15]
    assert section.different_first_page_header_footer  # page numbers from page 2
    header = document.tables[0]
    left, right = header.cell(0, 0), header.cell(0, 1)
    assert _lines(left) == ["UBND TỈNH QUẢNG TRỊ", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"]
    assert [p.runs[0].bold for p in left.paragraphs if p.text] == [False, True]
    assert _lines(right) == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    rules = [p for p in (*left.paragraphs, *right.paragraphs) if not p.text]
    assert len(rules) == 2 and all("w:pBdr" in p._p.xml for p in rules)  # the two short lines
    assert _lines(header.cell(1, 0)) == ["Số: …/BC-SVHTTDL"]
    [place] = header.cell(1, 1).paragraphs
    assert (place.text, place.runs[0].italic) == ("Quảng Trị, ngày … tháng … năm …", True)
    body = [p for p in document.paragraphs if p.text]
    assert [p.text for p in body[:3]] == [
        "BÁO CÁO",
        "Tổng hợp dư luận báo chí",
        "(từ ngày 01/11/2026 đến ngày 22/11/2026)",
    ]
    runs = [r for p in body for r in p.runs]
    assert {r.font.name for r in runs} == {"Times New Roman"}
    assert {r.font.size for r in runs if not r.italic} == {Pt(14)}
    headings = [p.text for p in body if p.runs[0].bold and p.text[:2] in ("I.", "II", "IV", "V.")]
    assert headings == list(PARTS)
    assert len(document.inline_shapes) == 2  # volume by day, sentiment share


def test_the_parts_give_the_figures_of_the_period(press: Press) -> None:
    document = Document(io.BytesIO(digest_docx(_digest(press))))
    lines = [p.text for p in document.paragraphs if p.text]
    part = {heading: lines.index(heading) for heading in PARTS}
    general = lines[part[PARTS[0]] + 1 : part[PARTS[1]]]
    assert general[0] == (
        "Từ ngày 01/11/2026 đến ngày 22/11/2026, hệ thống giám sát báo chí ghi nhận 7 tin, bài "
        "trên 4 cơ quan báo chí, trang tin, thuộc 4 câu chuyện (các bản đăng lại của cùng một tin "
        "được tính là một câu chuyện)."
    )
    assert general[1:8] == [
        "- Tổng số tin: 7.",
        "- Tích cực: 3 (42,9%).",
        "- Trung lập: 1 (14,3%).",
        "- Tiêu cực: 3 (42,9%).",
        "- Báo nước ngoài: 3 (42,9%).",
        "- Báo trong nước: 4.",
        "- Tin ưu tiên: 3.",
    ]
    assert general[8].startswith("- Theo chủ đề: Du lịch: 3 tin; ")
    assert general[9] == "- Theo ngôn ngữ: tiếng Việt: 4 tin; tiếng Anh: 2 tin; tiếng Pháp: 1 tin."
    assert general[10].startswith("- Cơ quan báo chí đăng nhiều nhất: Báo Quảng Trị: 3 tin; ")
    assert general[11:] == [
        "Biểu đồ 1. Số tin, bài theo ngày",
        "Biểu đồ 2. Sắc thái tin, bài trong nước và nước ngoài",
    ]
    assert lines[part[PARTS[1]] + 2 : part[PARTS[2]]] == [
        f"1. {FESTIVAL} (3 lần xuất hiện): Báo Nhân Dân, Báo Quảng Trị, Le Monde.",
        f"2. {DISTORTED} (2 lần xuất hiện, tin ưu tiên): Radio Free Asia.",
        f"3. {INVESTMENT} (1 lần xuất hiện): Báo Quảng Trị.",
        f"4. {FISHERMEN} (1 lần xuất hiện, tin ưu tiên): Báo Quảng Trị.",
    ]
    assert lines[part[PARTS[2]] + 1 : part[PARTS[3]]] == [
        "Báo chí nước ngoài đăng 3 tin, bài (42,9% tổng số), trong đó 0 tích cực, 1 trung lập, "
        "2 tiêu cực.",
        "- Các cơ quan báo chí nước ngoài: Radio Free Asia: 2 tin; Le Monde: 1 tin.",
        "- Theo ngôn ngữ: tiếng Anh: 2 tin; tiếng Pháp: 1 tin.",
        "Các câu chuyện được báo chí nước ngoài đăng nhiều nhất:",
        f"1. {DISTORTED} (2 lần xuất hiện, tin ưu tiên): Radio Free Asia.",
        f"2. {FESTIVAL} (1 lần xuất hiện): Báo Nhân Dân, Báo Quảng Trị, Le Monde.",
    ]
    assert lines[part[PARTS[3]] + 1 : part[PARTS[4]]] == [
        "Trong kỳ, 3 hồ sơ xử lý thông tin trên báo chí được mở (2 đấu tranh, phản bác; 1 cung "
        "cấp thông tin); 1 hồ sơ đã phản hồi, trong đó 1 đúng hạn và 0 muộn; 1 hồ sơ quá hạn "
        "chưa phản hồi; 1 hồ sơ đang xử lý, chưa đến hạn; 0 hồ sơ không cần xử lý. Trạng thái "
        "hiện tại: 1 mới; 1 đang xử lý; 1 đã phản hồi.",
        "Mới (1 hồ sơ):",
        f"- “{FISHERMEN}” — Cung cấp thông tin; Công an tỉnh Quảng Trị; Mới (quá hạn chưa phản "
        "hồi; hạn 09:00 11/11/2026).",
        "Đang xử lý (1 hồ sơ):",
        f"- “{DISTORTED}” — Đấu tranh, phản bác; Sở Ngoại vụ; Đang xử lý (đang xử lý, chưa đến "
        "hạn; hạn 09:00 25/11/2026).",
        "Đã phản hồi (1 hồ sơ):",
        f"- “{DISTORTED}” — Đấu tranh, phản bác; Sở Ngoại vụ; Đã phản hồi (phản hồi đúng hạn, "
        "ngày 05/11/2026; hạn 09:00 06/11/2026); phản hồi: https://qt.vn/pb.",
    ]
    proposals = lines[part[PARTS[4]] + 1 :]
    assert proposals[0].startswith("- Đề nghị các đơn vị được giao khẩn trương xử lý 1 hồ sơ")
    assert proposals[1].startswith("- Tiếp tục theo dõi sát 3 tin ưu tiên và 2 tin, bài tiêu cực")
    assert proposals[3] == (
        "Trên đây là báo cáo tổng hợp dư luận báo chí từ ngày 01/11/2026 đến ngày 22/11/2026 của "
        "Sở Văn hóa, Thể thao và Du lịch./."
    )


def test_the_signature_block_is_kept_together(press: Press) -> None:
    document = Document(io.BytesIO(digest_docx(_digest(press))))
    signature = document.tables[-1]
    assert len(document.tables) == 2
    assert signature.rows[0]._tr.trPr.xml.count("w:cantSplit") == 1  # the row never splits
    # The closing sentence and the spacer before the table are kept with it.
    closing, spacer = document.paragraphs[-2:]
    assert closing.text.startswith("Trên đây là báo cáo") and spacer.text == ""
    assert closing.paragraph_format.keep_with_next and spacer.paragraph_format.keep_with_next
    received, signer = signature.cell(0, 0), signature.cell(0, 1)
    assert _lines(received) == [
        "Nơi nhận:",
        "- Ủy ban nhân dân tỉnh (để báo cáo);",
        "- Ban Tuyên giáo và Dân vận Tỉnh ủy;",
        "- Công an tỉnh;",
        "- Các sở, ban, ngành liên quan;",
        "- Lưu: VT.",
    ]
    first = received.paragraphs[0].runs[0]
    assert (first.bold, first.italic, first.font.size) == (True, True, Pt(12))
    assert _lines(signer) == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]


def test_an_official_of_the_committee_issues_it_as_the_committee(press: Press) -> None:
    document = Document(io.BytesIO(digest_docx(_digest(press, Role.VIEWER))))
    header, signature = document.tables
    assert _lines(header.cell(0, 0)) == ["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG TRỊ"]
    assert _lines(header.cell(1, 0)) == ["Số: …/BC-UBND"]
    assert _lines(signature.cell(0, 1)) == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]


def test_the_volume_chart_counts_every_day_or_month_of_the_period(press: Press) -> None:
    days = _volume(_digest(press))
    assert days[0] == "Số tin, bài theo ngày"
    assert len(days[1]) == 22
    assert days[1][:4] == [("01/11", 0), ("02/11", 1), ("03/11", 1), ("04/11", 1)]
    assert sum(n for _, n in days[1]) == 7
    user = press.world.users[Role.COORDINATOR]
    year = digest_data(user=user, since=dt.date(2026, 1, 1), until=UNTIL, today=TODAY)
    assert _volume(year) == (
        "Số tin, bài theo tháng",
        [(f"{m:02d}/2026", 0) for m in range(1, 10)] + [("10/2026", 1), ("11/2026", 7)],
    )


def test_an_empty_period_says_so_in_each_part(world: World) -> None:
    user = world.users[Role.COORDINATOR]
    digest = digest_data(user=user, since=SINCE, until=UNTIL, today=TODAY)
    lines = [p.text for p in Document(io.BytesIO(digest_docx(digest))).paragraphs if p.text]
    for empty in (
        "Trong kỳ chưa ghi nhận câu chuyện nào.",
        "Trong kỳ chưa ghi nhận tin, bài nào của báo chí nước ngoài.",
        "Trong kỳ không có hồ sơ xử lý thông tin nào được mở.",
    ):
        assert empty in lines
    assert "- Tổng số tin: 0." in lines


def test_the_workbook_has_the_figures_of_the_period(press: Press) -> None:
    book = load_workbook(io.BytesIO(digest_xlsx(_digest(press))))
    assert book.sheetnames == [
        "Tổng hợp", "Theo ngày", "Theo chủ đề", "Câu chuyện", "Báo nước ngoài", "Hồ sơ xử lý",
    ]  # fmt: skip
    summary = [[c.value for c in row] for row in book["Tổng hợp"].iter_rows(min_row=3)]
    assert summary[:2] == [["Tổng số tin", "7"], ["Tích cực", "3 (42,9%)"]]
    stories = [[c.value for c in row] for row in book["Câu chuyện"].iter_rows(min_row=2)]
    assert stories[0] == [FESTIVAL, 3, None, "Báo Nhân Dân, Báo Quảng Trị, Le Monde"]
    foreign = [[c.value for c in row] for row in book["Báo nước ngoài"].iter_rows(min_row=2)]
    assert foreign == [["Radio Free Asia", 2], ["Le Monde", 1]]
    cases = [[c.value for c in row] for row in book["Hồ sơ xử lý"].iter_rows(min_row=2)]
    assert [(row[0], row[4], row[5]) for row in cases] == [
        (DISTORTED, "Đã phản hồi", "phản hồi đúng hạn"),
        (FISHERMEN, "Mới", "quá hạn chưa phản hồi"),
        (DISTORTED, "Đang xử lý", "đang xử lý, chưa đến hạn"),
    ]


def test_the_data_reads_a_fixed_number_of_queries(press: Press) -> None:
    with CaptureQueriesContext(connection) as few:
        _digest(press)
    qt, story = press.sources["Báo Quảng Trị"], press.stories[FISHERMEN]
    for n in range(20):
        _article(qt, Story.objects.create(title=f"Tin thêm {n}"), n, at(11, 3), sentiment="neutral")
        _article(qt, story, 100 + n, at(11, 4), sentiment="negative")
        with time_machine.travel(at(11, 15), tick=False):
            case_open(
                actor=press.world.users[Role.COORDINATOR], story=story, kind=CaseKind.REBUT,
                unit=press.world.police, due_at=at(11, 16),
            )  # fmt: skip
    with CaptureQueriesContext(connection) as many:
        digest = _digest(press)
    assert (digest.board["totals"]["total"], digest.cases.total) == (47, 23)
    # The dashboard's 6, the spread, the foreign press (3) and its stories, the stories'
    # outlets, the cases (2) and the issuer's unit.
    assert len(many) == len(few) == 15


def _client(press: Press, role: str) -> Client:
    client = Client()
    client.force_login(press.world.users[role])
    return client


QUERY = {"since": SINCE.isoformat(), "until": UNTIL.isoformat()}


def test_downloads_and_refusals(press: Press, monkeypatch: pytest.MonkeyPatch) -> None:
    coordinator = _client(press, Role.COORDINATOR)
    word = coordinator.get("/monitoring/digest.docx", QUERY)
    assert word["Content-Disposition"] == (
        'attachment; filename="tong-hop-du-luan-20261101-20261122.docx"'
    )
    assert Document(io.BytesIO(word.content)).paragraphs[0].text == "BÁO CÁO"
    assert coordinator.get("/monitoring/digest.xlsx", QUERY).status_code == 200
    assert coordinator.get("/monitoring/digest.odt", QUERY).status_code == 404
    backwards = coordinator.get("/monitoring/digest.docx", {"since": UNTIL, "until": SINCE})
    assert backwards.status_code == 400
    assert "Ngày bắt đầu của bản tổng hợp phải trước" in backwards.content.decode()
    decade = coordinator.get("/monitoring/digest.xlsx", {"since": "2016-11-01", "until": UNTIL})
    assert decade.status_code == 400
    assert "tối đa 3 năm" in decade.content.decode()
    officer = _client(press, Role.UNIT_OFFICER)
    assert officer.get("/monitoring/digest.docx", QUERY).status_code == 403
    assert officer.get("/monitoring/digest.pdf", QUERY).status_code == 403

    monkeypatch.setenv("TTDN_LIBREOFFICE", "/khong/co/soffice")
    page = coordinator.get("/monitoring/dashboard/", QUERY)
    assert "Xuất PDF cần LibreOffice trên máy chủ (chưa cài)." in page.content.decode()
    refused = coordinator.get("/monitoring/digest.pdf", QUERY)
    assert refused.status_code == 503
    assert "Máy chủ chưa cài LibreOffice" in refused.content.decode()
