"""The building blocks of an administrative document in the format of Nghị định 30/2020/NĐ-CP,
shared by every .docx the system writes (KẾ HOẠCH, the compiled reports' default template, the
press digest): A4 page and margins, Times New Roman, the header table (issuing body, quốc hiệu
and tiêu ngữ with their rules, số/ký hiệu, place and date), the title, and the signature block
with "Nơi nhận" that never splits across pages; plus the issuer's abbreviation and signer."""

from __future__ import annotations

import re
from collections.abc import Sequence

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

from ttdn.text.normalize import fold

FONT = "Times New Roman"
BODY_PT, HEADER_PT = 14, 13
MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO_2 = "Độc lập - Tự do - Hạnh phúc"
CENTER, JUSTIFY, LEFT = (
    WD_ALIGN_PARAGRAPH.CENTER,
    WD_ALIGN_PARAGRAPH.JUSTIFY,
    WD_ALIGN_PARAGRAPH.LEFT,
)
INDENT = Cm(1.27)
HEADER_CM = (6.5, 10.0)  # the issuer's column and the motto's: the motto fits on one line
SIGNATURE_CM = (8.0, 8.5)
TEXT_CM = 16.5  # 210 mm less the 30 + 15 mm margins
_UBND = re.compile(r"^(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s*", re.IGNORECASE)

Container = DocxDocument | _Cell


def page_setup(document: DocxDocument) -> None:
    """A4 portrait, margins 20/20/30/15 mm, Times New Roman 14 pt, page numbers from page 2."""
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = document.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(BODY_PT)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    style.paragraph_format.space_after = Pt(0)
    page_numbers(section)


def page_numbers(section: DocxSection) -> None:
    """Page numbers centred in the top margin from page 2 (the first page has none)."""
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.alignment = CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    header._p.append(field)


def font(run, size: int, *, bold: bool = False, italic: bool = False) -> None:  # type: ignore[no-untyped-def]
    run.font.name, run.font.size = FONT, Pt(size)
    run.font.bold, run.font.italic = bold, italic
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)


def paragraph(
    where: Container,
    text: str = "",
    *,
    size: int = BODY_PT,
    bold: bool = False,
    italic: bool = False,
    align: WD_ALIGN_PARAGRAPH | None = JUSTIFY,
    indent: bool = False,
    after: int = 0,
) -> Paragraph:
    """One paragraph of one run (none when `text` is empty); `indent`: the 1.27 cm first line."""
    added = where.add_paragraph()
    added.alignment = align
    added.paragraph_format.space_after = Pt(after)
    if indent:
        added.paragraph_format.first_line_indent = INDENT
    if text:
        font(added.add_run(text), size, bold=bold, italic=italic)
    return added


def rule(where: Container, *, width_cm: float, cell_cm: float) -> Paragraph:
    """A short horizontal line under a centred heading: an empty paragraph narrowed by its
    indents, with a bottom border."""
    line = paragraph(where, align=CENTER, after=6)
    side = Cm(max(0.0, (cell_cm - width_cm) / 2))
    line.paragraph_format.left_indent = side
    line.paragraph_format.right_indent = side
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "auto")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    line._p.get_or_add_pPr().append(borders)
    return line


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


def borderless(table: Table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def layout_table(
    document: DocxDocument, widths_cm: Sequence[float], *, rows: int = 1, unbroken: bool = False
) -> Table:
    """A borderless table used for layout, its cells emptied of their first paragraph."""
    table: Table = document.add_table(rows=rows, cols=len(widths_cm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    borderless(table)
    table_widths(table, widths_cm)
    if unbroken:
        rows_unbroken(table)
    for row in table.rows:
        for cell in row.cells:
            cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    return table


def national_header(
    document: DocxDocument,
    *,
    parent: Sequence[str],
    issuer: Sequence[str],
    number: str,
    place_date: str,
    number_row: bool = True,
) -> Table:
    """The header table: on the left the governing body (`parent` lines, regular) and the
    issuing body (`issuer` lines, bold), a rule and "Số: `number`"; on the right the quốc hiệu,
    the tiêu ngữ, a rule and the italic place and date. `number_row`: the number and the date
    in a second row, so they share a line however many lines the issuer's name takes."""
    table = layout_table(document, HEADER_CM, rows=2 if number_row else 1)
    left, right = table.cell(0, 0), table.cell(0, 1)
    for line in parent:
        paragraph(left, line, size=HEADER_PT, align=CENTER)
    for line in issuer:
        paragraph(left, line, size=HEADER_PT, bold=True, align=CENTER)
    rule(left, width_cm=2.5, cell_cm=HEADER_CM[0])
    paragraph(right, MOTTO, size=HEADER_PT, bold=True, align=CENTER)
    paragraph(right, MOTTO_2, size=BODY_PT, bold=True, align=CENTER)
    rule(right, width_cm=5.5, cell_cm=HEADER_CM[1])
    below = (table.cell(1, 0), table.cell(1, 1)) if number_row else (left, right)
    paragraph(below[0], f"Số: {number}", size=HEADER_PT, align=CENTER)
    paragraph(below[1], place_date, size=BODY_PT, italic=True, align=CENTER)
    return table


def title_block(document: DocxDocument, kind: str, lines: Sequence[str]) -> None:
    """The document's kind ("BÁO CÁO", "KẾ HOẠCH") and its summary lines, bold and centred,
    over a short rule."""
    heading = paragraph(document, kind.upper(), bold=True, align=CENTER)
    heading.paragraph_format.space_before = Pt(12)
    for line in lines:
        paragraph(document, line, bold=True, align=CENTER)
    rule(document, width_cm=4.0, cell_cm=TEXT_CM)


def signature_block(
    document: DocxDocument,
    *,
    recipients: Sequence[str],
    signer: Sequence[str],
    name: str = "",
) -> Table:
    """ "Nơi nhận:" (bold italic 12 pt, the lines in 11 pt) beside the signer's authority and
    title (bold) and name, in one row that never splits; the paragraph before it is kept with
    it, so the block never starts a page alone."""
    if document.paragraphs:
        document.paragraphs[-1].paragraph_format.keep_with_next = True
    paragraph(document).paragraph_format.keep_with_next = True
    table = layout_table(document, SIGNATURE_CM, unbroken=True)
    left, right = table.cell(0, 0), table.cell(0, 1)
    paragraph(left, "Nơi nhận:", size=12, bold=True, italic=True, align=LEFT)
    for line in recipients:
        paragraph(left, line, size=11, align=LEFT)
    for line in signer:
        paragraph(right, line, size=HEADER_PT, bold=True, align=CENTER)
    for _ in range(4):
        paragraph(right, align=CENTER)
    paragraph(right, name, bold=True, align=CENTER)
    return table


def recipient_lines(recipients: Sequence[str]) -> list[str]:
    """ "- name;" for each recipient and "- Lưu: VT, …." last (the archive line the list names,
    else a default one)."""
    names = [r.strip().rstrip(";.") for r in recipients if r.strip()]
    kept = [n for n in names if not fold(n).startswith("luu")]
    archive = next((n for n in names if fold(n).startswith("luu")), "Lưu: VT, …")
    return [f"- {name};" for name in kept] + [f"- {archive}."]


def issuer_full_name(issuer: str) -> str:
    """ "UBND tỉnh Quảng Trị" → "Ủy ban nhân dân tỉnh Quảng Trị" (the header prints it in full)."""
    issuer = " ".join(issuer.split())
    return _UBND.sub("Ủy ban nhân dân ", issuer).strip() if _UBND.match(issuer) else issuer


def issuer_lines(issuer: str) -> list[str]:
    """The issuing body as printed in the header: "ỦY BAN NHÂN DÂN" / "TỈNH QUẢNG TRỊ"."""
    issuer = issuer_full_name(issuer)
    if issuer.startswith("Ủy ban nhân dân "):
        return ["ỦY BAN NHÂN DÂN", issuer.removeprefix("Ủy ban nhân dân ").upper()]
    return [issuer.upper()]


def parent_line(parent: str) -> str:
    """The governing body above the issuer, abbreviated as the header prints it:
    "Ủy ban nhân dân tỉnh Quảng Trị" → "UBND TỈNH QUẢNG TRỊ"."""
    return _UBND.sub("UBND ", " ".join(parent.split())).upper()


def issuer_abbreviation(issuer: str) -> str:
    """The issuer's part of a document number: "UBND" for a People's Committee, else the
    initials of its name before the locality ("Sở Văn hóa, Thể thao và Du lịch" → "SVHTTDL")."""
    if _UBND.match(issuer):
        return "UBND"
    name = re.split(r"\s+(?:tỉnh|thành phố)\s+", issuer, maxsplit=1)[0]
    words = [w for w in re.split(r"[\s,]+", name) if w and w != "và"]
    return "".join(fold(w)[:1].upper() for w in words) or "UBND"


def signer_lines(issuer: str) -> list[str]:
    """Who signs for the issuer (the deputy, by default): "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH /
    PHÓ CHỦ TỊCH" for a People's Committee, "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC" for a department."""
    issuer = issuer_full_name(issuer)
    if issuer.startswith("Ủy ban nhân dân"):
        return ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    if issuer.startswith("Sở "):
        return ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]
    return ["THỦ TRƯỞNG CƠ QUAN"]
