"""The default report template (a .docx with Jinja placeholders for docxtpl), built in code with
python-docx in the format of Nghị định 30/2020/NĐ-CP, and the check of a template a province
uploads: unknown placeholders or broken XML are refused with a message naming the problem."""

from __future__ import annotations

import dataclasses
import io
import zipfile
from functools import lru_cache

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.text.paragraph import Paragraph
from docxtpl import DocxTemplate
from jinja2 import TemplateError, TemplateSyntaxError
from lxml.etree import XMLSyntaxError

from ttdn.core.errors import ValidationFailed
from ttdn.core.official_docx import (
    BODY_PT,
    CENTER,
    INDENT,
    JUSTIFY,
    Container,
    national_header,
    page_setup,
    paragraph,
    signature_block,
    title_block,
)
from ttdn.reporting.compiled.model import ReportData

CHART_KEYS = ("chart_sections", "chart_timeliness")
# The placeholders a template may use: ReportData's fields and the two charts.
CONTEXT_KEYS = frozenset(f.name for f in dataclasses.fields(ReportData)) | set(CHART_KEYS)

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


def _para(
    where: Container,
    text: str,
    size: int = BODY_PT,
    *,
    bold: bool = False,
    italic: bool = False,
    align: WD_ALIGN_PARAGRAPH | None = JUSTIFY,
    indent: bool = True,
) -> Paragraph:
    """A body paragraph: justified with the first-line indent unless told otherwise."""
    added = paragraph(where, text, size=size, bold=bold, italic=italic, align=align, after=6)
    added.paragraph_format.first_line_indent = INDENT if indent and align == JUSTIFY else 0
    return added


def _tag(where, tag: str) -> None:  # type: ignore[no-untyped-def]
    """A docxtpl paragraph tag ({%p … %}): the paragraph is replaced by the tag when rendering."""
    _para(where, tag, align=None, indent=False)


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
    _tag(document, "{%p if cases.total %}")
    _para(document, "Công tác đấu tranh, phản bác, cung cấp thông tin trên báo chí:", bold=True)
    _para(document, "{{ cases.text }}")
    _tag(document, "{%p endif %}")
    _tag(document, "{%p for case in cases.notable %}")
    _para(document, "- {{ case.text }}.")
    _tag(document, "{%p endfor %}")


def _text_block(document, heading: str, name: str) -> None:  # type: ignore[no-untyped-def]
    _para(document, heading, bold=True)
    _tag(document, f"{{%p for line in {name} %}}")
    _para(document, "{{ line }}")
    _tag(document, "{%p endfor %}")


def _signature(document) -> None:  # type: ignore[no-untyped-def]
    signature_block(
        document,
        recipients=("{%p for recipient in recipients %}", "- {{ recipient }}", "{%p endfor %}"),
        signer=("{{ signature.on_behalf }}", "{{ signature.deputy }}", "{{ signature.title }}"),
        name="{{ signature.name }}",
    )


@lru_cache(maxsize=1)
def default_template() -> bytes:
    """The default template as .docx bytes (administrators start from it to write their own)."""
    document = Document()
    page_setup(document)
    national_header(
        document,
        parent=("{{ issuer_parent }}",),
        issuer=("{{ issuer }}",),
        number="{{ number }}",
        place_date="{{ place_date }}",
    )
    title_block(document, "BÁO CÁO", ("{{ title }}",))
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
    _para(
        document,
        "Trên đây là báo cáo kết quả thực hiện công tác thông tin đối ngoại {{ period_label }} "
        "của {{ issuer_name }}./.",
    )
    _signature(document)  # kept with the closing sentence: never a signature alone on a page
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
