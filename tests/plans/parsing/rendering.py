"""Test helpers: render a plan in text form into a real .docx and a .pdf, the way offices make them.

The .docx uses Word's own machinery: printed labels become numbering (numbering.xml, numPr on the
paragraph, "- " bullets through the List Bullet style), `**`/`*` become bold/italic runs, "#"
lines heading styles, tab rows a real table, and the header block a borderless 2-column table.
Two kinds of .pdf: `render_pdf` draws one with fpdf2 (running header, page numbers, justified
paragraphs with a first-line indent, a ruled table), the same on every machine;
`render_office_pdf` exports the .docx with LibreOffice, as an office saves a plan as PDF (list
numbers and bullet glyphs set apart by tab stops, wrapped list lines under their text, appendix
tables on landscape pages, rows cut by page breaks, Times New Roman as Liberation Serif).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

Run = tuple[str, bool, bool]  # text, bold, italic

LABEL = re.compile(r"^(?:([IVXLC]{1,6})\.|(\d{1,2})\.|(\d{1,2})\)|(\d{1,2})-|([a-z])\)|([-+]))\s+")
_MARKS = re.compile(
    r"\*\*\*(?=\S)(.+?)(?<=\S)\*\*\*|\*\*(?=\S)(.+?)(?<=\S)\*\*|\*(?=[^\s*])(.+?)(?<=[^\s*])\*"
)
_HTML = re.compile(r"<(b|i)>(.*?)</\1>")
_HEADER_START = re.compile(r"^(CỘNG HÒA|Số\b)")
_DATE_LINE = re.compile(r"ngày .{0,12}tháng .{0,12}năm")
_BODY_START = re.compile(r"^(#+ )?\**(KẾ HOẠCH|CHƯƠNG TRÌNH|Căn cứ|Thực hiện|Kính gửi)")


@dataclass
class Para:
    runs: list[Run]
    label: tuple[str, int] | None = None  # (kind, value) of a numbering label, e.g. ("roman", 2)
    label_format: tuple[bool, bool] = (False, False)
    heading: int = 0
    space_before: bool = False

    @property
    def label_text(self) -> str:
        if self.label is None:
            return ""
        kind, value = self.label
        return {
            "roman": f"{_roman(value)}.",
            "decimal": f"{value}.",
            "paren": f"{value})",
            "dash": f"{value}-",
            "letter": f"{chr(96 + value)})",
            "bullet": "-",
            "plus": "+",
        }[kind]


@dataclass
class DataTable:
    rows: list[list[str]]


@dataclass
class LayoutTable:
    rows: list[list[list[Para]]] = field(default_factory=list)  # row -> cell -> paragraphs


Block = Para | DataTable | LayoutTable


# --- Text form -> blocks -------------------------------------------------------------------------


def source_paragraphs(text: str, *, headings: bool = True) -> list[str]:
    """The paragraphs of a text form, whitespace-normalised: every non-blank line is one; table
    rows keep their cells (trailing empty cells dropped); `headings=False` drops "#" marks."""
    out = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        if "\t" in line:
            cells = [" ".join(c.split()) for c in line.split("\t")]
            while cells and not cells[-1]:
                cells.pop()
            out.append("\t".join(cells))
            continue
        line = " ".join(line.split())
        if not headings:
            line = re.sub(r"^#+ ", "", line)
        out.append(line)
    return out


def plan_blocks(text: str) -> list[Block]:
    lines = [line.rstrip() for line in text.split("\n") if line.strip()]
    blocks: list[Block] = []
    header = _header_lines(lines)
    if header:
        blocks.append(_layout_table(header))
    for line in lines[len(header) :]:
        if "\t" in line:
            cells = [" ".join(c.split()) for c in line.split("\t")]
            if blocks and isinstance(blocks[-1], DataTable):
                blocks[-1].rows.append(cells)
            else:
                blocks.append(DataTable([cells]))
        else:
            blocks.append(paragraph(line))
    return blocks


def _header_lines(lines: list[str]) -> list[str]:
    for n, line in enumerate(lines[:14]):
        if _BODY_START.match(line.strip()):
            head = lines[:n]
            ok = any(_HEADER_START.match(h) or _DATE_LINE.search(h) for h in head)
            return head if ok else []
    return []


def _layout_table(lines: list[str]) -> LayoutTable:
    groups: list[list[str]] = [[]]
    for line in lines:
        if groups[-1] and (_HEADER_START.match(line) or _DATE_LINE.search(line)):
            groups.append([])
        groups[-1].append(line)
    table = LayoutTable()
    for r in range(0, len(groups), 2):
        cells = [[paragraph(line) for line in group] for group in groups[r : r + 2]]
        if r:
            for cell in cells:
                cell[0].space_before = True
        table.rows.append(cells + [[]] * (2 - len(cells)))
    return table


def paragraph(line: str) -> Para:
    """One text-form line -> a paragraph: heading marks, runs, and its label as numbering."""
    line = " ".join(line.split())
    heading = 0
    if m := re.match(r"^(#{1,6}) ", line):
        heading, line = len(m.group(1)), line[m.end() :]
    runs = parse_marks(line)
    para = Para(runs, heading=heading)
    first = runs[0][0] if runs else ""
    m = LABEL.match(first)
    if m and first[m.end() :].strip() + "".join(r[0] for r in runs[1:]).strip():
        para.label = _label_value(m)
        para.label_format = runs[0][1:]
        runs[0] = (first[m.end() :], *runs[0][1:])
        if not runs[0][0]:
            runs.pop(0)
        if runs:
            runs[0] = (runs[0][0].lstrip(), *runs[0][1:])
    return para


def _label_value(m: re.Match[str]) -> tuple[str, int]:
    roman, decimal, paren, dash, letter, bullet = m.groups()
    if roman:
        return "roman", _from_roman(roman)
    if decimal:
        return "decimal", int(decimal)
    if paren:
        return "paren", int(paren)
    if dash:
        return "dash", int(dash)
    if letter:
        return "letter", ord(letter) - 96
    return ("bullet" if bullet == "-" else "plus"), 0


def parse_marks(text: str, bold: bool = False, italic: bool = False) -> list[Run]:
    """`***x***`, `**x**`, `*x*` (and `<b>`/`<i>` in cells) -> runs; unmatched marks stay text."""
    runs: list[Run] = []
    pos = 0
    for m in _MARKS.finditer(text):
        if m.start() > pos:
            runs.append((text[pos : m.start()], bold, italic))
        both, strong, em = m.groups()
        if both is not None:
            runs.extend(parse_marks(both, True, True))
        elif strong is not None:
            runs.extend(parse_marks(strong, True, italic))
        else:
            runs.extend(parse_marks(em, bold, True))
        pos = m.end()
    if pos < len(text):
        runs.append((text[pos:], bold, italic))
    return [r for r in runs if r[0]]


def cell_paragraphs(cell: str) -> list[list[Run]]:
    """A table cell of the text form: `<p>` paragraphs with `<b>`/`<i>` runs."""
    parts = re.findall(r"<p>(.*?)</p>", cell) or [cell]
    out = []
    for part in parts:
        runs: list[Run] = []
        pos = 0
        for m in _HTML.finditer(part):
            runs.append((part[pos : m.start()], False, False))
            runs.append((m.group(2), m.group(1) == "b", m.group(1) == "i"))
            pos = m.end()
        runs.append((part[pos:], False, False))
        out.append([r for r in runs if r[0]])
    return out


def _roman(value: int) -> str:
    out = ""
    for amount, digits in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while value >= amount:
            out, value = out + digits, value - amount
    return out


def _from_roman(text: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for ch, nxt in zip(text, [*text[1:], ""], strict=True):
        total += -values[ch] if nxt and values[nxt] > values[ch] else values[ch]
    return total


# --- .docx ---------------------------------------------------------------------------------------

_ABSTRACT = {  # kind -> (abstractNumId, numFmt, lvlText)
    "roman": (901, "upperRoman", "%1."),
    "decimal": (902, "decimal", "%1."),
    "paren": (903, "decimal", "%1)"),
    "dash": (904, "decimal", "%1-"),
    "letter": (905, "lowerLetter", "%1)"),
    "plus": (906, "bullet", "+"),
    "bullet": (907, "bullet", "-"),
}


class _WordNumbering:
    """Adds our abstract lists to numbering.xml and hands out nums: a label that does not follow
    the running count gets a new num with a startOverride, as Word does on "Restart at"."""

    def __init__(self, document: object, typed: bool = False) -> None:
        from docx.oxml import parse_xml

        self.typed = typed  # labels typed as text, not Word numbering

        self.root = document.part.numbering_part.element  # type: ignore[attr-defined]
        self.parse_xml = parse_xml
        self.next_num = 900
        self.current: dict[str, tuple[str, int]] = {}
        first_num = self.root.find(_w("num"))
        for ab_id, fmt, text in _ABSTRACT.values():
            xml = (
                f'<w:abstractNum {_NS} w:abstractNumId="{ab_id}">'
                '<w:multiLevelType w:val="singleLevel"/>'
                f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
                '<w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl>'
                '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
                '<w:lvlText w:val="+"/><w:lvlJc w:val="left"/>'
                '<w:pPr><w:ind w:left="1080" w:hanging="360"/></w:pPr></w:lvl>'
                "</w:abstractNum>"
            )
            element = self.parse_xml(xml)
            if first_num is not None:
                first_num.addprevious(element)
            else:
                self.root.append(element)

    def num_for(self, kind: str, value: int) -> str:
        if kind in ("plus", "bullet"):
            value = 1
        current = self.current.get(kind)
        if current is not None and current[1] + 1 == value:
            self.current[kind] = (current[0], value)
            return current[0]
        self.next_num += 1
        num_id = str(self.next_num)
        override = (
            f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{value}"/></w:lvlOverride>'
            if kind not in ("plus", "bullet")
            else ""
        )
        self.root.append(
            self.parse_xml(
                f'<w:num {_NS} w:numId="{num_id}"><w:abstractNumId w:val="{_ABSTRACT[kind][0]}"/>'
                f"{override}</w:num>"
            )
        )
        self.current[kind] = (num_id, value)
        return num_id


_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _w(tag: str) -> str:
    return "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}" + tag


def render_docx(text: str, landscape_tables: bool = False, typed_labels: bool = False) -> bytes:
    """The plan as a Word document (see the module docstring); `landscape_tables` sets a table of
    six columns or more on landscape pages of its own, as offices print an appendix;
    `typed_labels` types "1.", "a)", "-" as text instead of Word numbering."""
    import docx
    from docx.shared import Cm, Pt

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    section.header.paragraphs[0].text = "Bản dựng kiểm thử – không phải văn bản thật"
    normal = document.styles["Normal"].font
    normal.name, normal.size = "Times New Roman", Pt(13)  # as NĐ 30/2020 asks; Liberation Serif
    for name in ("Title", *(f"Heading {n}" for n in range(1, 7))):
        document.styles[name].font.bold = False
        document.styles[name].font.italic = False
    numbering = _WordNumbering(document, typed=typed_labels)
    titled = 0
    for block in plan_blocks(text):
        if isinstance(block, Para):
            p = document.add_paragraph()
            _write_paragraph(p, block, numbering)
            if titled < 2 and _title_line(block, titled):  # the document's name and subject
                p.alignment = 1  # centred
                titled += 1
            elif titled == 1:
                titled = 2
        elif isinstance(block, DataTable) and landscape_tables and _columns(block) >= 6:
            _turn(document, landscape=True)
            _write_data_table(document, block, numbering, width_cm=25.7)
            _turn(document, landscape=False)
        elif isinstance(block, DataTable):
            _write_data_table(document, block, numbering)
        else:
            _write_layout_table(document, block, numbering)
    for paragraph_ in document.paragraphs:
        paragraph_.paragraph_format.space_after = paragraph_.paragraph_format.space_after or Pt(6)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _write_paragraph(p: object, para: Para, numbering: _WordNumbering) -> None:
    from docx.oxml import OxmlElement
    from docx.shared import Pt

    if para.heading:
        p.style = f"Heading {para.heading}"  # type: ignore[attr-defined]
    if para.label is not None and numbering.typed:
        bold, italic = para.label_format
        run = p.add_run(f"{para.label_text} ")  # type: ignore[attr-defined]
        run.bold, run.italic = bold or None, italic or None
    elif para.label is not None:
        kind, value = para.label
        ppr = p._p.get_or_add_pPr()  # type: ignore[attr-defined]
        if kind == "bullet":
            if not para.heading:
                p.style = "List Bullet"  # type: ignore[attr-defined]  # numbering from the style
            else:
                _num_pr(ppr, numbering.num_for(kind, value), 0)
        else:
            _num_pr(ppr, numbering.num_for(kind, value), 1 if kind == "plus" else 0)
        bold, italic = para.label_format
        if bold or italic:
            mark = OxmlElement("w:rPr")
            for flag, tag in ((bold, "w:b"), (italic, "w:i")):
                if flag:
                    mark.append(OxmlElement(tag))
            ppr.append(mark)
    if para.space_before:
        p.paragraph_format.space_before = Pt(6)  # type: ignore[attr-defined]
    for text, bold, italic in para.runs:
        run = p.add_run(text)  # type: ignore[attr-defined]
        run.bold, run.italic = bold or None, italic or None


def _num_pr(ppr: object, num_id: str, ilvl: int) -> None:
    num_pr = ppr.get_or_add_numPr()  # type: ignore[attr-defined]
    num_pr.get_or_add_ilvl().val = ilvl
    num_pr.get_or_add_numId().val = int(num_id)


def _title_line(para: Para, titled: int) -> bool:
    """ "KẾ HOẠCH" (or another kind of document) and, right after it, its bold subject line."""
    text = "".join(r[0] for r in para.runs).strip()
    if titled == 0:
        return bool(re.fullmatch(r"(KẾ HOẠCH|CHƯƠNG TRÌNH|BÁO CÁO|QUYẾT ĐỊNH)", text))
    return titled == 1 and bool(para.runs) and all(r[1] for r in para.runs if r[0].strip())


def _columns(table: DataTable) -> int:
    return max(len(r) for r in table.rows)


def _turn(document: object, landscape: bool) -> None:
    """A new section on a new page, A4 landscape or portrait, margins as the first section's."""
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.shared import Cm

    section = document.add_section(WD_SECTION.NEW_PAGE)  # type: ignore[attr-defined]
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    long, short = Cm(29.7), Cm(21)
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
    section.left_margin, section.right_margin = Cm(3), Cm(2)


def _write_data_table(
    document: object, table: DataTable, numbering: _WordNumbering, width_cm: float = 16
) -> None:
    width = _columns(table)
    grid = document.add_table(rows=len(table.rows), cols=width)  # type: ignore[attr-defined]
    grid.style = "Table Grid"
    _size_columns(grid, table.rows, width, width_cm)
    for row, cells in zip(grid.rows, table.rows, strict=True):
        if len(cells) < width:
            _end_row_early(row, width - len(cells))
        for cell, text in zip(row.cells, cells, strict=True):
            for n, runs in enumerate(cell_paragraphs(text)):
                p = cell.paragraphs[0] if n == 0 else cell.add_paragraph()
                line = "".join(r[0] for r in runs)
                m = LABEL.match(line)
                if m and len(runs) == 1 and line[m.end() :].strip():
                    para = Para([(line[m.end() :], runs[0][1], runs[0][2])], _label_value(m))
                    para.label_format = runs[0][1:]
                else:
                    para = Para(runs)
                _write_paragraph(p, para, numbering)


def _size_columns(grid: object, rows: list[list[str]], width: int, total: float) -> None:
    """Columns as wide as an author would make them: by the length of their longest words and of
    their text, on the `total` cm between the margins (python-docx makes them all equal)."""
    from docx.shared import Cm

    need, text = [], []  # cm: the longest word must fit; the rest goes by the amount of text
    for j in range(width):
        texts = [r[j] for r in rows if j < len(r)]
        indent = 1.3 if any(LABEL.match(p) for t in texts for p in re.split(r"</?p>\s*", t)) else 0
        need.append(
            max((len(w) for t in texts for w in t.split()), default=1) * 0.24 + 0.5 + indent
        )
        text.append(sum(len(t) for t in texts) / max(1, len(texts)) + 1)
    shrink = min(1.0, total / sum(need))
    spare = total - shrink * sum(need)
    widths = [Cm(n * shrink + spare * t / sum(text)) for n, t in zip(need, text, strict=True)]
    grid.autofit = False  # type: ignore[attr-defined]
    for j, column in enumerate(grid.columns):  # type: ignore[attr-defined]
        column.width = widths[j]
        for cell in column.cells:
            cell.width = widths[j]


def _end_row_early(row: object, missing: int) -> None:
    """A row with fewer cells than the grid, as Word writes it: w:gridAfter, no cells there."""
    from docx.oxml import parse_xml

    tr = row._tr  # type: ignore[attr-defined]
    for tc in tr.findall(_w("tc"))[-missing:]:
        tr.remove(tc)
    tr.insert(0, parse_xml(f'<w:trPr {_NS}><w:gridAfter w:val="{missing}"/></w:trPr>'))


def _write_layout_table(document: object, table: LayoutTable, numbering: _WordNumbering) -> None:
    """The header block: issuing body on the left (6 cm), national name on the right (10 cm),
    each line centred in its column, 12 pt as NĐ 30/2020 allows."""
    from docx.shared import Cm, Pt

    grid = document.add_table(rows=len(table.rows), cols=2)  # type: ignore[attr-defined]
    grid.autofit = False
    for column, width in zip(grid.columns, (Cm(6), Cm(10)), strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width
    for row, cells in zip(grid.rows, table.rows, strict=True):
        for cell, paras in zip(row.cells, cells, strict=True):
            for n, para in enumerate(paras):
                p = cell.paragraphs[0] if n == 0 else cell.add_paragraph()
                _write_paragraph(p, para, numbering)
                p.paragraph_format.space_after = Pt(0)
                p.alignment = 1
                for run in p.runs:
                    run.font.size = Pt(12)


# --- .pdf ----------------------------------------------------------------------------------------

_FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
_FONTS = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf",
          "BI": "DejaVuSans-BoldOblique.ttf"}  # fmt: skip
RUNNING_HEADER = "Bản dựng kiểm thử – không phải văn bản thật"


def render_pdf(text: str) -> bytes:
    """The plan as a PDF with a text layer, drawn with fpdf2 and DejaVu Sans (skips the test when
    that font is missing): the same rendering on every machine."""
    return PlanPdf().draw(plan_blocks(text))


def render_office_pdf(text: str) -> bytes:
    """The plan's .docx (appendix tables on landscape pages) exported to PDF by LibreOffice;
    skips the test when LibreOffice is not installed (`make system-packages` installs it)."""
    from ttdn.core.office import docx_to_pdf, pdf_available

    if not pdf_available():
        pytest.skip(
            "chưa cài LibreOffice (make system-packages cài đặt): bỏ qua bản PDF xuất từ Word"
        )
    return docx_to_pdf(render_docx(text, landscape_tables=True))


def pdf_fonts_or_skip() -> None:
    missing = [name for name in _FONTS.values() if not (_FONT_DIR / name).exists()]
    if missing:
        pytest.skip(f"không có phông Unicode DejaVu Sans ({', '.join(missing)}) để vẽ PDF thử")


class PlanPdf:
    """Draws blocks on A4 with our own line layout, so runs keep their fonts and justification
    is real: every word is placed where a word processor would put it."""

    SIZE = 11.0
    LINE = 6.0  # mm
    INDENT = 10.0

    def __init__(self, running_header: str = RUNNING_HEADER, footer: str = "Trang {n}") -> None:
        pdf_fonts_or_skip()
        from fpdf import FPDF

        header_text, footer_text = running_header, footer

        class _Doc(FPDF):  # type: ignore[misc]
            def header(self) -> None:
                if header_text:
                    self.set_font("DV", "I", 8)
                    self.text(30, 12, header_text)

            def footer(self) -> None:
                if footer_text:
                    self.set_font("DV", "", 9)
                    label = footer_text.format(n=self.page_no())
                    self.text(105 - self.get_string_width(label) / 2, 287, label)

        self.pdf = _Doc(format="A4")
        self.pdf.set_auto_page_break(False)
        self.pdf.set_margins(30, 20, 20)
        for style, name in _FONTS.items():
            self.pdf.add_font("DV", style, str(_FONT_DIR / name))
        self.pdf.add_page()
        self.y = 22.0

    @property
    def width(self) -> float:
        return 210 - 30 - 20

    def draw(self, blocks: list[Block]) -> bytes:
        for block in blocks:
            if isinstance(block, Para):
                self.paragraph(block)
            elif isinstance(block, DataTable):
                self.table(block)
            else:
                self.layout(block)
        return bytes(self.pdf.output())

    def _font(self, bold: bool, italic: bool, size: float | None = None) -> None:
        self.pdf.set_font("DV", ("B" if bold else "") + ("I" if italic else ""), size or self.SIZE)

    def _tokens(self, para: Para) -> list[list[Run]]:
        runs = list(para.runs)
        if para.label is not None:
            runs.insert(0, (para.label_text + " ", *para.label_format))
        tokens: list[list[Run]] = [[]]
        for text, bold, italic in runs:
            for piece in re.split(r"(\s+)", text):
                if not piece:
                    continue
                if piece.isspace():
                    tokens.append([])
                else:
                    tokens[-1].append((piece, bold, italic))
        return [t for t in tokens if t]

    def _width(self, token: list[Run], size: float) -> float:
        total = 0.0
        for text, bold, italic in token:
            self._font(bold, italic, size)
            total += self.pdf.get_string_width(text)
        return total

    def wrap(self, para: Para, width: float, indent: float, size: float) -> list[list[list[Run]]]:
        self._font(False, False, size)
        space = self.pdf.get_string_width(" ")
        lines: list[list[list[Run]]] = [[]]
        used = indent
        for token in self._tokens(para):
            w = self._width(token, size)
            if lines[-1] and used + space + w > width:
                lines.append([])
                used = 0.0
            used += (space if lines[-1] else 0) + w
            lines[-1].append(token)
        return lines

    def paragraph(self, para: Para, x: float = 30, width: float | None = None, *,
                  size: float | None = None, indent: float | None = None, centre: bool = False,
                  after: float = 2.5) -> None:  # fmt: skip
        size = size or self.SIZE
        width = width or self.width
        indent = self.INDENT if indent is None else indent
        line_h = self.LINE * size / self.SIZE
        lines = self.wrap(para, width, indent, size)
        self._font(False, False, size)
        space = self.pdf.get_string_width(" ")
        for n, tokens in enumerate(lines):
            if self.y + line_h > 297 - 25:
                self.pdf.add_page()
                self.y = 22.0
            start = x + (indent if n == 0 else 0)
            widths = [self._width(t, size) for t in tokens]
            free = width - (indent if n == 0 else 0) - sum(widths) - space * (len(tokens) - 1)
            gap = space
            if centre:
                start += free / 2
            elif n < len(lines) - 1 and len(tokens) > 1:
                gap += free / (len(tokens) - 1)
            cursor = start
            for token, w in zip(tokens, widths, strict=True):
                piece_x = cursor
                for text, bold, italic in token:
                    self._font(bold, italic, size)
                    self.pdf.text(piece_x, self.y + line_h * 0.75, text)
                    piece_x += self.pdf.get_string_width(text)
                cursor += w + gap
            self.y += line_h
        self.y += after

    def lines(self, texts: list[str], *, after: float = 2.5) -> None:
        """One paragraph broken exactly at the given lines (e.g. after a hyphen), justified."""
        self._font(False, False, self.SIZE)
        space = self.pdf.get_string_width(" ")
        for n, text in enumerate(texts):
            words = text.split()
            indent = self.INDENT if n == 0 else 0
            widths = [self.pdf.get_string_width(w) for w in words]
            gap = space
            if n < len(texts) - 1 and len(words) > 1:
                gap = (self.width - indent - sum(widths)) / (len(words) - 1)
            x = 30 + indent
            for word, w in zip(words, widths, strict=True):
                self.pdf.text(x, self.y + self.LINE * 0.75, word)
                x += w + gap
            self.y += self.LINE
        self.y += after

    def layout(self, table: LayoutTable) -> None:
        """The header block: two borderless columns of centred lines, row after row."""
        columns = ((30, self.width * 0.44), (30 + self.width * 0.44, self.width * 0.56))
        for r, cells in enumerate(table.rows):
            top = self.y + (2.5 if r else 0)
            bottom = top
            for (x, w), paras in zip(columns, cells, strict=True):
                self.y = top
                for para in paras:
                    self.paragraph(para, x, w, size=9.5, indent=0, centre=True, after=0)
                bottom = max(bottom, self.y)
            self.y = bottom
        self.y += 4

    def table(self, table: DataTable) -> None:
        from fpdf.fonts import FontFace

        width = max(len(r) for r in table.rows)
        first_short = all(len(r[0]) <= 4 for r in table.rows if r)
        cols = [0.6 if first_short else 1.0] + [1.0] * (width - 1)
        self.pdf.set_y(self.y)
        self.pdf.set_auto_page_break(True, margin=25)
        self._font(False, False, 8)
        plain = FontFace(emphasis="")
        with self.pdf.table(col_widths=cols, text_align="LEFT", line_height=4, markdown=True,
                            headings_style=plain, repeat_headings=1,
                            padding=1) as grid:  # fmt: skip
            for cells in table.rows:
                row = grid.row()
                for text in cells:  # a short row ends early, like a Word row with gridAfter
                    row.cell("\n".join(_markdown(runs) for runs in cell_paragraphs(text)))
        self.pdf.set_auto_page_break(False)
        self.y = self.pdf.get_y() + 4


def _markdown(runs: list[Run]) -> str:
    """fpdf2's own markdown for a table cell: **bold**, __italic__."""
    out = []
    for text, bold, italic in runs:
        core = text.strip()
        marks = ("**" if bold else "") + ("__" if italic else "")
        out.append(text.replace(core, f"{marks}{core}{marks[::-1]}") if core and marks else text)
    return "".join(out)
