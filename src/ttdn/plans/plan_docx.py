"""The KẾ HOẠCH writer: a `ParsedPlan` printed as .docx in the format of Nghị định 30/2020/NĐ-CP
(A4, margins 20/20/30/15 mm, Times New Roman, the header table, signature block and Nơi nhận).

Tasks are printed in a layout the plan parser reads back field for field: under "II. NHIỆM VỤ"
one numbered group per section ("1. …"), each task "1.2. …" followed by labelled lines
("- Đơn vị chủ trì: …", "- Đơn vị phối hợp: …", "- Thời gian thực hiện: …", "- Kinh phí: …").
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section as DocxSection
from docx.shared import Cm, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from ttdn.plans.parsing import ParsedPlan, Task
from ttdn.plans.parsing.model import Section
from ttdn.plans.parsing.timeline import parse_timeline
from ttdn.text.normalize import fold

FONT = "Times New Roman"
BODY_PT = 14
HEADER_PT = 13
MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO_2 = "Độc lập - Tự do - Hạnh phúc"
_UBND = re.compile(r"^(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s*", re.IGNORECASE)

Container = DocxDocument | _Cell


def plan_docx(parsed: ParsedPlan, *, province: str, issuer: str) -> bytes:
    """The plan as .docx bytes. `issuer` is the issuing body as printed ("UBND tỉnh Quảng Trị"),
    `province` the place of the date line when the plan does not name one."""
    issuer = issuer_full_name(issuer)
    doc = Document()
    _page_setup(doc)
    _header(doc, parsed, province=province, issuer=issuer)
    _title(doc, parsed)
    _lead_in(doc, parsed, issuer=issuer)
    _purpose(doc, parsed, province=province)
    _tasks(doc, parsed)
    _organisation(doc, parsed)
    _signature(doc, parsed, issuer=issuer)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def draft_docx(parsed: ParsedPlan, *, province: str) -> bytes:
    """A plan draft (next year's, or any draft under review) issued by the body it names."""
    return plan_docx(parsed, province=province, issuer=parsed.document.issuer or "Ủy ban nhân dân")


def issuer_full_name(issuer: str) -> str:
    """ "UBND tỉnh Quảng Trị" → "Ủy ban nhân dân tỉnh Quảng Trị" (the header prints it in full)."""
    issuer = " ".join(issuer.split())
    return _UBND.sub("Ủy ban nhân dân ", issuer).strip() if _UBND.match(issuer) else issuer


def issuer_abbreviation(issuer: str) -> str:
    """The issuer's part of a document number: "UBND" for a People's Committee, else the
    initials of its name before the locality ("Sở Văn hóa, Thể thao và Du lịch" → "SVHTTDL")."""
    if _UBND.match(issuer):
        return "UBND"
    name = re.split(r"\s+(?:tỉnh|thành phố)\s+", issuer, maxsplit=1)[0]
    words = [w for w in re.split(r"[\s,]+", name) if w and w != "và"]
    return "".join(fold(w)[:1].upper() for w in words) or "UBND"


def task_groups(parsed: ParsedPlan) -> list[tuple[str, list[Task]]]:
    """Tasks grouped by the section they sit in (the nearest heading above them below the top
    level, else the top-level section), groups in the plan's order."""
    titles = _section_titles(parsed.sections)
    groups: list[tuple[str, list[Task]]] = []
    for task in parsed.tasks:
        title = _group_title(task, titles)
        if groups and groups[-1][0] == title:
            groups[-1][1].append(task)
        else:
            groups.append((title, [task]))
    return groups


# --- page and text helpers -------------------------------------------------------------------


def _page_setup(doc: DocxDocument) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(BODY_PT)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    style.paragraph_format.space_after = Pt(0)
    _page_numbers(section)


def _page_numbers(section: DocxSection) -> None:
    """Page numbers centred in the top margin from page 2 (the first page has none)."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    paragraph._p.append(field)


def _para(
    where: Container,
    text: str = "",
    *,
    bold: bool = False,
    italic: bool = False,
    size: int = BODY_PT,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY,
    indent: bool = False,
    after: int = 0,
) -> Paragraph:
    paragraph = where.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(after)
    if indent:
        paragraph.paragraph_format.first_line_indent = Cm(1.27)
    if text:
        run = paragraph.add_run(text)
        run.bold, run.italic = bold, italic
        run.font.name, run.font.size = FONT, Pt(size)
    return paragraph


def _body(doc: DocxDocument, text: str, *, bold: bool = False) -> Paragraph:
    return _para(doc, text, bold=bold, indent=True, after=6)


def _rule(where: Container, *, width_cm: float, cell_cm: float) -> None:
    """A short horizontal line under a centred heading: an empty paragraph narrowed by its
    indents, with a bottom border."""
    paragraph = _para(where, align=WD_ALIGN_PARAGRAPH.CENTER)
    side = Cm(max(0.0, (cell_cm - width_cm) / 2))
    paragraph.paragraph_format.left_indent = side
    paragraph.paragraph_format.right_indent = side
    paragraph.paragraph_format.space_after = Pt(6)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "auto")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def table_widths(table: Table, widths_cm: Sequence[float]) -> None:
    """Fixed column widths, in the grid (what LibreOffice reads) and in every cell (what Word
    reads): with only the cells' widths, LibreOffice splits the page evenly and wraps the
    national motto."""
    table.autofit = False
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(width)


def rows_unbroken(table: Table) -> None:
    """Never split a row across pages: a signature block must not leave its last line of
    "Nơi nhận" alone on a page of its own."""
    for row in table.rows:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _layout_table(
    doc: DocxDocument, widths_cm: tuple[float, float], *, unbroken: bool = False
) -> list[_Cell]:
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table_widths(table, widths_cm)
    if unbroken:
        rows_unbroken(table)
    cells = list(table.rows[0].cells)
    for cell in cells:
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    return cells


# --- the parts of the plan -------------------------------------------------------------------

LEFT_CM, RIGHT_CM = 6.5, 10.0


def _header(doc: DocxDocument, parsed: ParsedPlan, *, province: str, issuer: str) -> None:
    left, right = _layout_table(doc, (LEFT_CM, RIGHT_CM))
    centre = WD_ALIGN_PARAGRAPH.CENTER
    for line in _issuer_lines(issuer):
        _para(left, line, bold=True, size=HEADER_PT, align=centre)
    _rule(left, width_cm=2.5, cell_cm=LEFT_CM)
    number = parsed.document.number or f"…/KH-{issuer_abbreviation(issuer)}"
    _para(left, f"Số: {number}", size=HEADER_PT, align=centre)
    _para(right, MOTTO, bold=True, size=HEADER_PT, align=centre)
    _para(right, MOTTO_2, bold=True, size=BODY_PT, align=centre)
    _rule(right, width_cm=5.5, cell_cm=RIGHT_CM)
    _para(right, _date_line(parsed, province), italic=True, align=centre)
    _para(doc)


def _issuer_lines(issuer: str) -> list[str]:
    if issuer.startswith("Ủy ban nhân dân "):
        return ["ỦY BAN NHÂN DÂN", issuer.removeprefix("Ủy ban nhân dân ").upper()]
    return [issuer.upper()]


def _date_line(parsed: ParsedPlan, province: str) -> str:
    document = parsed.document
    place = document.place or province
    if document.date:
        day = document.date
        return f"{place}, ngày {day:%d} tháng {day:%m} năm {day.year}"
    return f"{place}, ngày … tháng … năm {document.year or ''}".rstrip()


def _title(doc: DocxDocument, parsed: ParsedPlan) -> None:
    centre = WD_ALIGN_PARAGRAPH.CENTER
    _para(doc, (parsed.document.kind or "Kế hoạch").upper(), bold=True, align=centre)
    if parsed.document.title:
        _para(doc, parsed.document.title, bold=True, align=centre)
    _rule(doc, width_cm=4.0, cell_cm=16.5)


def _lead_in(doc: DocxDocument, parsed: ParsedPlan, *, issuer: str) -> None:
    for ref in parsed.references:
        kind = f"{ref.kind} số" if ref.kind else "Văn bản số"
        day = f" ngày {ref.date:%d/%m/%Y}" if ref.date else ""
        by = f" của {issuer_full_name(ref.issuer)}" if ref.issuer else ""
        _body(doc, f"Căn cứ {kind} {ref.number}{day}{by};")
    title = _lower_first(parsed.document.title or "")
    _body(doc, f"{issuer} ban hành Kế hoạch {title} như sau:".replace("  ", " "))


def _purpose(doc: DocxDocument, parsed: ParsedPlan, *, province: str) -> None:
    year = parsed.document.year or ""
    _body(doc, "I. MỤC ĐÍCH, YÊU CẦU", bold=True)
    _body(doc, "1. Mục đích", bold=True)
    _body(
        doc,
        f"Triển khai đồng bộ, hiệu quả công tác thông tin đối ngoại năm {year}; giới thiệu "
        f"hình ảnh, tiềm năng và thế mạnh của {_locality(province)} với bạn bè trong nước và "
        "quốc tế; tiếp tục các nhiệm vụ thường xuyên, định kỳ và hoàn thành các nhiệm vụ còn "
        "dở dang.",
    )
    _body(doc, "2. Yêu cầu", bold=True)
    demand = (
        "Mỗi nhiệm vụ có đơn vị chủ trì, đơn vị phối hợp, thời gian thực hiện và sản phẩm rõ "
        "ràng; thông tin cung cấp chính xác, kịp thời, giữ nghiêm nguyên tắc bảo vệ bí mật nhà "
        "nước."
    )
    if parsed.report_deadline:
        demand += (
            " Các cơ quan, đơn vị báo cáo kết quả thực hiện về cơ quan thường trực công tác "
            f"thông tin đối ngoại trước ngày {parsed.report_deadline:%d/%m/%Y} để tổng hợp."
        )
    _body(doc, demand)


def _tasks(doc: DocxDocument, parsed: ParsedPlan) -> None:
    _body(doc, "II. NHIỆM VỤ", bold=True)
    for g, (title, tasks) in enumerate(task_groups(parsed), start=1):
        _body(doc, f"{g}. {title}", bold=True)
        for k, task in enumerate(tasks, start=1):
            _body(doc, f"{g}.{k}. {' '.join(task.text.split())}")
            for line in _task_lines(task):
                _body(doc, f"- {line}")


def _task_lines(task: Task) -> Iterable[str]:
    if task.lead:
        yield f"Đơn vị chủ trì: {'; '.join(task.lead)}."
    if task.support:
        yield f"Đơn vị phối hợp: {'; '.join(task.support)}."
    time = time_phrase(task)
    if time:
        yield f"Thời gian thực hiện: {time}."
    if task.budget_vnd:
        yield f"Kinh phí: {task.budget_vnd:,} đồng.".replace(",", ".")
    if task.outputs:
        yield f"Kết quả/sản phẩm: {'; '.join(o.rstrip('.; ') for o in task.outputs)}."


def time_phrase(task: Task) -> str | None:
    """The task's time as printed, so the parser reads its due date back: the timeline when it
    says that date; with ", hoàn thành trước ngày …" when the due date is later; the due date
    alone when it is earlier (a deadline set on the draft is more precise than "Quý II")."""
    timeline = (task.timeline or "").rstrip(". ") or None
    if task.due is None:
        return timeline
    deadline = f"trước ngày {task.due:%d/%m/%Y}"
    if timeline is None:
        return deadline
    said = parse_timeline(timeline, plan_year=task.due.year)
    if said.due == task.due or said.recurrence:
        return timeline
    if said.due is not None and said.due < task.due:
        return f"{timeline}, hoàn thành {deadline}"
    return deadline


def _organisation(doc: DocxDocument, parsed: ParsedPlan) -> None:
    _body(doc, "III. TỔ CHỨC THỰC HIỆN", bold=True)
    title = _lower_first(parsed.document.title or "")
    _body(
        doc,
        f"Trên đây là Kế hoạch {title}. Yêu cầu các cơ quan, đơn vị được giao nhiệm vụ "
        "nghiêm túc triển khai thực hiện./.".replace("  ", " "),
    )


def _signature(doc: DocxDocument, parsed: ParsedPlan, *, issuer: str) -> None:
    doc.paragraphs[-1].paragraph_format.keep_with_next = True  # never a signature alone
    _para(doc).paragraph_format.keep_with_next = True
    left, right = _layout_table(doc, (8.0, 8.5), unbroken=True)
    _para(left, "Nơi nhận:", bold=True, italic=True, size=12, align=WD_ALIGN_PARAGRAPH.LEFT)
    for line in _recipient_lines(parsed.recipients):
        _para(left, line, size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    centre = WD_ALIGN_PARAGRAPH.CENTER
    for line in _signer_lines(issuer):
        _para(right, line, bold=True, align=centre)
    for _ in range(4):
        _para(right)
    _para(right, parsed.document.signer or "", bold=True, align=centre)


def _recipient_lines(recipients: Iterable[str]) -> list[str]:
    names = [r.strip().rstrip(";.") for r in recipients if r.strip()]
    kept = [n for n in names if not fold(n).startswith("luu")]
    archive = next((n for n in names if fold(n).startswith("luu")), "Lưu: VT, …")
    return [f"- {name};" for name in kept] + [f"- {archive}."]


def _signer_lines(issuer: str) -> list[str]:
    if issuer.startswith("Ủy ban nhân dân"):
        return ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    if issuer.startswith("Sở "):
        return ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]
    return ["THỦ TRƯỞNG CƠ QUAN"]


# --- groups ----------------------------------------------------------------------------------


def _section_titles(sections: Iterable[Section], depth: int = 0) -> dict[str, tuple[str, int]]:
    titles: dict[str, tuple[str, int]] = {}
    for section in sections:
        titles[section.ref] = (section.title, depth)
        titles.update(_section_titles(section.children, depth + 1))
    return titles


def _group_title(task: Task, titles: dict[str, tuple[str, int]]) -> str:
    ref = task.ref
    while (cut := max(ref.rfind("."), ref.rfind("-"))) > 0:
        ref = ref[:cut]
        title, depth = titles.get(ref, ("", 0))
        if title and depth >= 1:
            return " ".join(title.split()).rstrip(".:; ")
    return _top_level_title(task.section)


def _top_level_title(section: str) -> str:
    key = fold(section)
    if key.startswith("phu luc") or not key:
        return "Các nhiệm vụ, đề án cụ thể"
    if key.startswith("to chuc thuc hien"):
        return "Nhiệm vụ của các cơ quan, đơn vị"
    return section[:1].upper() + section[1:].lower()


def _lower_first(text: str) -> str:
    text = " ".join(text.split())
    # Keep acronyms and proper names ("UBND", "Quảng Trị") as printed.
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def _locality(province: str) -> str:
    province = " ".join(province.split())
    if not province:
        return "địa phương"
    if fold(province).startswith(("tinh ", "thanh pho ")):
        return province[:1].lower() + province[1:]
    return f"tỉnh {province}"
