"""The browser preview of a generated .docx: its body read back with python-docx and written as
plain, escaped HTML (paragraphs with their alignment, bold, italic and size; tables as grids;
inline images as data URIs). Reading the document itself, not the data, means the preview shows
exactly what the download holds, whatever template a province uses."""

from __future__ import annotations

import base64
import io
from html import escape

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

_ALIGN = {
    WD_ALIGN_PARAGRAPH.CENTER: "center",
    WD_ALIGN_PARAGRAPH.RIGHT: "right",
    WD_ALIGN_PARAGRAPH.JUSTIFY: "justify",
}
_BLIP = qn("a:blip")
_EMBED = qn("r:embed")
_DOC_PR = qn("wp:docPr")


def docx_html(data: bytes) -> str:
    """The document's body as HTML; every text is escaped, so the result is safe to show."""
    document = Document(io.BytesIO(data))
    parts: list[str] = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            parts.append(_paragraph(Paragraph(child, document)))
        elif child.tag == qn("w:tbl"):
            parts.append(_table(Table(child, document)))
    return "\n".join(part for part in parts if part)


def _paragraph(paragraph: Paragraph) -> str:
    content = "".join(_run(run, paragraph) for run in paragraph.runs)
    if not content.strip():
        return '<p class="empty">&nbsp;</p>'
    styles = []
    align = _ALIGN.get(paragraph.alignment)  # type: ignore[call-overload]
    if align:
        styles.append(f"text-align:{align}")
    indent = paragraph.paragraph_format.first_line_indent
    styles.append(f"text-indent:{indent.mm:.1f}mm" if indent else "text-indent:0")
    return f'<p style="{";".join(styles)}">{content}</p>'


def _run(run, paragraph: Paragraph) -> str:  # type: ignore[no-untyped-def]
    described = [d.get("descr") or d.get("name") or "" for d in run._element.iter(_DOC_PR)]
    images = [
        _image(blip.get(_EMBED), paragraph, described[i] if i < len(described) else "")
        for i, blip in enumerate(run._element.iter(_BLIP))
    ]
    text = escape(run.text).replace("\n", "<br>")
    if run.bold:
        text = f"<strong>{text}</strong>"
    if run.italic:
        text = f"<em>{text}</em>"
    if run.font.size and text:
        text = f'<span style="font-size:{run.font.size.pt:g}pt">{text}</span>'
    return "".join(images) + text


def _image(rel_id: str | None, paragraph: Paragraph, description: str) -> str:
    part = paragraph.part.related_parts.get(rel_id or "")
    if part is None:
        return ""
    kind = part.content_type if part.content_type.startswith("image/") else "image/png"
    encoded = base64.b64encode(part.blob).decode("ascii")
    alt = escape(description or "Hình trong báo cáo", quote=True)
    return f'<img src="data:{kind};base64,{encoded}" alt="{alt}">'


def _table(table: Table) -> str:
    rows = []
    for row in table.rows:
        cells = []
        for cell in row.cells:
            inner = "".join(_paragraph(p) for p in cell.paragraphs)
            cells.append(f"<td>{inner}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return f'<table class="layout">{"".join(rows)}</table>'
