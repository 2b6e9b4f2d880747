"""The default report template (a .docx with Jinja placeholders for docxtpl), built in code with
python-docx in the format of Nghị định 30/2020/NĐ-CP, and the check of a template a province
uploads: unknown placeholders or broken XML are refused with a message naming the problem."""

from __future__ import annotations

import dataclasses
import io
import zipfile
from functools import lru_cache

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from docxtpl import DocxTemplate
from jinja2 import TemplateError, TemplateSyntaxError
from lxml.etree import XMLSyntaxError

from ttdn.core.errors import ValidationFailed
from ttdn.plans.plan_docx import rows_unbroken, table_widths
from ttdn.reporting.compiled.model import ReportData

FONT = "Times New Roman"
BODY_PT, HEADER_PT = 14, 13
CHART_KEYS = ("chart_sections", "chart_timeliness")
# The placeholders a template may use: ReportData's fields and the two charts.
CONTEXT_KEYS = frozenset(f.name for f in dataclasses.fields(ReportData)) | set(CHART_KEYS)
CENTER, JUSTIFY = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY
RULE = "\u2015" * 6

SUMMARY = (
    "Trong kỳ, {{ summary.tasks }} nhiệm vụ được triển khai; {{ summary.due }} lần thực hiện "
    "đến hạn, trong đó {{ summary.done_on_time }} hoàn thành đúng hạn, {{ summary.done_late }} "
    "hoàn thành muộn, {{ summary.overdue }} quá hạn chưa hoàn thành và {{ summary.pending }} "
    "chưa đến hạn. {% if kind == 'province' %}{{ summary.reports_submitted }}/"
    "{{ summary.units_expected }} đơn vị đã gửi báo cáo, trong đó {{ summary.reports_on_time }} "
    "đơn vị gửi đúng hạn (tỷ lệ đúng hạn {{ summary.timeliness }}). {% endif %}Kinh phí dự kiến "
    "của các nhiệm vụ {{ budget_total }}, đã chi {{ spent_total }}. Số liệu tính đến ngày "
    "{{ as_of }}."
)
TASK_LINE = (
    "{% if task.lead %}Đơn vị chủ trì: {{ task.lead }}. {% endif %}{% if task.support %}Đơn vị "
    "phối hợp: {{ task.support }}. {% endif %}Tình trạng: {{ task.status }}{% if task.due %}, "
    "hạn {{ task.due }}{% endif %}."
)
ISSUE_LINE = (
    "- Nhiệm vụ {{ issue.ref }} “{{ issue.text }}”: {{ issue.status }}{% if issue.due %} "
    "(hạn {{ issue.due }}){% endif %}; đơn vị: {{ issue.units }}."
)


def _font(run, size: int, *, bold: bool = False, italic: bool = False) -> None:  # type: ignore[no-untyped-def]
    run.font.name, run.font.size = FONT, Pt(size)
    run.font.bold, run.font.italic = bold, italic
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)


def _para(
    where,  # type: ignore[no-untyped-def]
    text: str,
    size: int = BODY_PT,
    *,
    bold: bool = False,
    italic: bool = False,
    align: int | None = JUSTIFY,
    indent: bool = True,
) -> Paragraph:
    paragraph = where.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.first_line_indent = Cm(1.27) if indent and align == JUSTIFY else 0
    paragraph.paragraph_format.space_after = Pt(6)
    _font(paragraph.add_run(text), size, bold=bold, italic=italic)
    return paragraph


def _centred(cell: _Cell, text: str, size: int, **style: bool) -> Paragraph:
    paragraph = _para(cell, text, size, align=CENTER, indent=False, **style)
    paragraph.paragraph_format.space_after = Pt(0)
    return paragraph


def _tag(where, tag: str) -> None:  # type: ignore[no-untyped-def]
    """A docxtpl paragraph tag ({%p … %}): the paragraph is replaced by the tag when rendering."""
    _para(where, tag, align=None, indent=False)


def _page_setup(document) -> None:  # type: ignore[no-untyped-def]
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = document.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(BODY_PT)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    # Page numbers centred in the top margin from page 2 (NĐ 30/2020).
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _borderless(table) -> None:  # type: ignore[no-untyped-def]
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _national_header(document) -> None:  # type: ignore[no-untyped-def]
    table = document.add_table(rows=2, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _borderless(table)
    table_widths(table, (6.5, 10.0))
    left, right = table.cell(0, 0), table.cell(0, 1)
    left.paragraphs[0]._p.getparent().remove(left.paragraphs[0]._p)
    right.paragraphs[0]._p.getparent().remove(right.paragraphs[0]._p)
    _centred(left, "{{ issuer_parent }}", HEADER_PT)
    _centred(left, "{{ issuer }}", HEADER_PT, bold=True)
    _centred(left, RULE, HEADER_PT)
    _centred(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", HEADER_PT, bold=True)
    _centred(right, "Độc lập - Tự do - Hạnh phúc", BODY_PT, bold=True)
    _centred(right, RULE * 2, HEADER_PT)
    number, place = table.cell(1, 0), table.cell(1, 1)
    for cell in (number, place):
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    _centred(number, "Số: {{ number }}", HEADER_PT)
    _centred(place, "{{ place_date }}", BODY_PT, italic=True)


def _part_one(document) -> None:  # type: ignore[no-untyped-def]
    _para(document, "I. KẾT QUẢ THỰC HIỆN", bold=True)
    _tag(document, "{%p for section in sections %}")
    _para(document, "{{ section.number }}. {{ section.title }}", bold=True)
    _tag(document, "{%p for task in section.tasks %}")
    _para(document, "{{ task.number }}. {{ task.text }}", italic=True)
    _para(document, TASK_LINE)
    _tag(document, "{%p for n in task.narratives %}")
    _para(document, "- {{ n.unit }}: {{ n.text }}")
    _tag(document, "{%p endfor %}")
    _tag(document, "{%p if task.figures %}")
    _para(document, "- Số liệu: {{ task.figures_text }}.")
    _tag(document, "{%p endif %}")
    _tag(document, "{%p endfor %}")
    _tag(document, "{%p endfor %}")
    _tag(document, "{%p if figures %}")
    _para(document, "Tổng hợp số liệu kết quả trong kỳ:", bold=True)
    _tag(document, "{%p endif %}")
    _tag(document, "{%p for figure in figures %}")
    _para(document, "- {{ figure.text }}.")
    _tag(document, "{%p endfor %}")
    _tag(document, "{%p if activities %}")
    _para(document, "Các hoạt động đã tổ chức trong kỳ: {{ activity_counts }}.", bold=True)
    _tag(document, "{%p endif %}")
    _tag(document, "{%p for activity in activities %}")
    _para(document, "- {{ activity.text }}.")
    _tag(document, "{%p endfor %}")
    _para(document, "{{ chart_sections }}", align=CENTER, indent=False)
    _para(
        document,
        "Biểu đồ 1. Tình hình thực hiện nhiệm vụ theo lĩnh vực",
        12,
        italic=True,
        align=CENTER,
    )
    _para(document, "{{ chart_timeliness }}", align=CENTER, indent=False)
    _para(document, "Biểu đồ 2. {{ timeliness_chart_title }}", 12, italic=True, align=CENTER)


def _text_block(document, heading: str, name: str) -> None:  # type: ignore[no-untyped-def]
    _para(document, heading, bold=True)
    _tag(document, f"{{%p for line in {name} %}}")
    _para(document, "{{ line }}")
    _tag(document, "{%p endfor %}")


def _signature(document) -> None:  # type: ignore[no-untyped-def]
    table = document.add_table(rows=1, cols=2)
    _borderless(table)
    table_widths(table, (8.5, 8.0))
    rows_unbroken(table)
    left, right = table.cell(0, 0), table.cell(0, 1)
    for cell in (left, right):
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    received = _para(left, "Nơi nhận:", 12, bold=True, italic=True, align=None, indent=False)
    received.paragraph_format.space_after = Pt(0)
    _tag(left, "{%p for recipient in recipients %}")
    _para(
        left, "- {{ recipient }}", 11, align=None, indent=False
    ).paragraph_format.space_after = Pt(0)
    _tag(left, "{%p endfor %}")
    _centred(right, "{{ signature.on_behalf }}", HEADER_PT, bold=True)
    _centred(right, "{{ signature.deputy }}", HEADER_PT, bold=True)
    _centred(right, "{{ signature.title }}", HEADER_PT, bold=True)
    for _ in range(4):
        _centred(right, "", HEADER_PT)
    _centred(right, "{{ signature.name }}", BODY_PT, bold=True)


@lru_cache(maxsize=1)
def default_template() -> bytes:
    """The default template as .docx bytes (administrators start from it to write their own)."""
    document = Document()
    _page_setup(document)
    _national_header(document)
    _para(document, "BÁO CÁO", bold=True, align=CENTER).paragraph_format.space_before = Pt(12)
    _para(document, "{{ title }}", bold=True, align=CENTER)
    _para(document, RULE, align=CENTER)
    _para(
        document,
        "Thực hiện {{ plan_reference }}, {{ issuer_name }} báo cáo kết quả thực hiện công tác "
        "thông tin đối ngoại {{ period_label }} (từ ngày {{ period_starts }} đến ngày "
        "{{ period_ends }}) như sau:",
    )
    _para(document, SUMMARY)
    _part_one(document)
    _para(document, "II. TỒN TẠI, HẠN CHẾ", bold=True)
    _tag(document, "{%p for issue in issues %}")
    _para(document, ISSUE_LINE)
    _tag(document, "{%p endfor %}")
    _tag(document, "{%p if not issues %}")
    _para(document, "Các nhiệm vụ trong kỳ đều đã hoàn thành.")
    _tag(document, "{%p endif %}")
    _tag(document, "{%p for line in difficulties %}")
    _para(document, "- {{ line }}")
    _tag(document, "{%p endfor %}")
    _text_block(document, "III. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI", "next_steps")
    _text_block(document, "IV. ĐỀ XUẤT, KIẾN NGHỊ", "proposals")
    closing = _para(
        document,
        "Trên đây là báo cáo kết quả thực hiện công tác thông tin đối ngoại {{ period_label }} "
        "của {{ issuer_name }}./.",
    )
    closing.paragraph_format.keep_with_next = True  # never a signature alone on a page
    _signature(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def template_validate(data: bytes) -> None:
    """Refuse a template docxtpl cannot render with our data: not a .docx, broken XML, a Jinja
    syntax error, or a placeholder that is not one of `CONTEXT_KEYS` (named in the message)."""
    try:
        names = DocxTemplate(io.BytesIO(data)).get_undeclared_template_variables()
    except TemplateSyntaxError as exc:
        raise ValidationFailed(
            f"Mẫu báo cáo có lỗi cú pháp trường dữ liệu (dòng {exc.lineno}): {exc.message}"
        ) from exc
    except (zipfile.BadZipFile, KeyError, XMLSyntaxError, ValueError, TemplateError) as exc:
        raise ValidationFailed(
            f"Tệp mẫu không phải tệp Word (.docx) hợp lệ hoặc có nội dung XML hỏng: {exc}"
        ) from exc
    unknown = sorted(set(names) - CONTEXT_KEYS)
    if unknown:
        shown = ", ".join(f"“{name}”" for name in unknown)
        raise ValidationFailed(
            f"Mẫu báo cáo dùng trường không có trong dữ liệu báo cáo: {shown}. Các trường dùng "
            f"được: {', '.join(sorted(CONTEXT_KEYS))}.",
            details={"unknown": unknown},
        )
