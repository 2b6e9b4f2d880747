"""File readers: a plan's bytes (.docx, .pdf, .md, .txt) -> the parser's text form.

Text form: paragraphs one per line, separated by a blank line; Word numbering printed as its label
("I. ", "1. ", "a) ", "- "); `**bold**`/`*italic*` hints (`<b>`/`<i>` inside table cells); Word
heading styles as "#" marks; data-table rows as tab-separated cells, one row per line. The type
is told by content; the name only words the (Vietnamese) error messages and tells a damaged
.docx/.pdf from a text file.
"""

from __future__ import annotations

import io
import itertools
import re
import statistics
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ttdn.plans.parsing import MAX_FILE_BYTES
from ttdn.plans.parsing.model import PlanParseError
from ttdn.text.legacy_encodings import LegacyEncodingError, decode_vietnamese

__all__ = ["MAX_UNZIPPED_BYTES", "read_document"]

MAX_UNZIPPED_BYTES = 100 * 1024 * 1024
_MAX_ZIP_ENTRIES = 2000
_MAX_ZIP_RATIO = 200  # deflate reaches ~1000:1 only on degenerate input; Word XML stays under 50

Segment = tuple[str, bool, bool]  # text, bold, italic


def read_document(data: bytes, filename: str) -> str:
    """Return the text form of a plan file; raise PlanParseError (Vietnamese message, `code`)."""
    name = Path(filename).name or "đã chọn"
    if not data:
        raise PlanParseError(
            f"Tệp {name} rỗng (0 byte), không có nội dung để đọc. Hãy kiểm tra lại tệp kế hoạch "
            "trên máy rồi tải lên lại.",
            code="empty",
        )
    if len(data) > MAX_FILE_BYTES:
        raise PlanParseError(
            f"Tệp {name} quá lớn ({len(data) / 1048576:.1f} MB); giới hạn là "
            f"{MAX_FILE_BYTES // 1048576} MB. Hãy bỏ bớt hình ảnh hoặc phụ lục không cần thiết "
            "rồi tải lên lại.",
            code="too_large",
        )
    if data.startswith(b"PK\x03\x04"):
        text = _read_docx(data, name)
    elif data.startswith(b"%PDF"):
        text = _read_pdf(data, name)
    elif data.startswith(b"\xd0\xcf\x11\xe0"):
        raise _ole_error(data, name)
    else:
        text = _read_text(data, name)
    return _clean(text)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\u200b]")


def _clean(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\v", "\n")
    text = _CONTROL.sub(lambda m: "\n" if m.group() in "\u2028\u2029\x0c" else "", text)
    return unicodedata.normalize("NFC", text)


def _damaged(name: str, kind: str) -> PlanParseError:
    return PlanParseError(
        f"Tệp {name} bị hỏng hoặc không phải tệp {kind} thật nên không đọc được. Hãy mở thử tệp "
        "trên máy; nếu mở được, lưu lại thành .docx (hoặc xuất PDF từ Word) rồi tải lên lại.",
        code="damaged",
    )


# --- Sniffing: OLE, text ------------------------------------------------------------------------


def _ole_error(data: bytes, name: str) -> PlanParseError:
    """Office 97-2003 containers: a password-protected .docx is one too (EncryptionInfo)."""
    if "EncryptionInfo".encode("utf-16-le") in data:
        return PlanParseError(
            f"Tệp {name} được đặt mật khẩu nên không đọc được. Hãy mở tệp trong Word, gỡ mật "
            "khẩu (Tệp → Thông tin → Bảo vệ tài liệu → Mã hóa bằng mật khẩu, xóa mật khẩu), lưu "
            "lại rồi tải lên.",
            code="encrypted",
        )
    if "Workbook".encode("utf-16-le") in data or "PowerPoint".encode("utf-16-le") in data:
        return PlanParseError(
            f"Tệp {name} là bảng tính hoặc trình chiếu Office 97–2003, không phải văn bản kế "
            "hoạch. Hãy tải lên tệp kế hoạch dạng .docx hoặc .pdf.",
            code="unsupported",
        )
    return PlanParseError(
        f"Tệp {name} là định dạng Word 97–2003 (.doc) cũ, hệ thống chưa đọc được. Hãy mở tệp "
        "trong Word, chọn Tệp → Lưu thành (Save As) → Word Document (.docx) — “Lưu thành .docx” "
        "— rồi tải tệp .docx lên.",
        code="legacy_doc",
    )


_BINARY_MAGIC = {
    b"\x89PNG": "ảnh PNG",
    b"\xff\xd8\xff": "ảnh JPEG",
    b"GIF8": "ảnh GIF",
    b"II*\x00": "ảnh TIFF",
    b"MM\x00*": "ảnh TIFF",
    b"{\\rtf": "văn bản RTF",
}


def _read_text(data: bytes, name: str) -> str:
    suffix = Path(name).suffix.lower()
    for magic, kind in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise PlanParseError(
                f"Tệp {name} là {kind}, hệ thống chưa đọc được loại tệp này (chưa hỗ trợ nhận "
                "dạng chữ trong ảnh). Hãy tải lên tệp .docx gốc hoặc bản PDF xuất từ Word.",
                code="unsupported",
            )
    if suffix in (".docx", ".pdf", ".doc", ".xlsx", ".zip"):
        raise _damaged(name, suffix)
    try:
        text, _encoding = decode_vietnamese(data)
    except LegacyEncodingError as exc:
        raise PlanParseError(f"Tệp {name}: {exc.message}", code="encoding") from exc
    controls = sum(1 for ch in text[:20000] if ch < " " and ch not in "\t\n\r\f\v")
    if controls > max(3, len(text[:20000]) // 100):
        raise PlanParseError(
            f"Tệp {name} không phải văn bản, .docx hay .pdf nên không đọc được. Hãy tải lên tệp "
            "kế hoạch dạng .docx, .pdf, .md hoặc .txt.",
            code="unsupported",
        )
    return text


# --- .docx ---------------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_FALSE = ("0", "false", "off", "none")


def _read_docx(data: bytes, name: str) -> str:
    _check_zip(data, name)
    import docx  # python-docx is slow to import: only .docx files pay for it

    try:
        document = docx.Document(io.BytesIO(data))
        styles = _Styles(document.styles.element)
        try:
            numbering_el = document.part.numbering_part.element
        except (NotImplementedError, KeyError):
            numbering_el = None
        reader = _DocxReader(styles, _Numbering(numbering_el, styles))
        blocks = list(reader.blocks(document.element.body))
    except PlanParseError:
        raise
    except Exception as exc:  # python-docx, lxml and zipfile raise many kinds on broken input
        raise _damaged(name, ".docx") from exc
    return "\n\n".join(blocks)


def _check_zip(data: bytes, name: str) -> None:
    """Refuse zip bombs from the directory alone, before anything is decompressed."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except Exception as exc:  # BadZipFile, EOFError, NotImplementedError (odd versions), ...
        raise PlanParseError(
            f"Tệp {name} không trọn vẹn hoặc bị hỏng (cấu trúc tệp nén .docx không đọc được, có "
            "thể do tải lên bị ngắt giữa chừng). Hãy mở thử tệp trên máy, lưu lại rồi tải lên lại.",
            code="damaged",
        ) from exc
    unzipped = sum(e.file_size for e in entries)
    wild = any(
        e.file_size > 1048576 and e.file_size > _MAX_ZIP_RATIO * max(e.compress_size, 1)
        for e in entries
    )
    if len(entries) > _MAX_ZIP_ENTRIES or unzipped > MAX_UNZIPPED_BYTES or wild:
        raise PlanParseError(
            f"Tệp {name} có cấu trúc nén bất thường (giải nén ra {unzipped / 1048576:.0f} MB, "
            f"{len(entries)} thành phần; giới hạn {MAX_UNZIPPED_BYTES // 1048576} MB và tỉ lệ nén "
            "hợp lý) nên bị từ chối để bảo vệ hệ thống. Hãy mở tệp trong Word, lưu thành tệp "
            ".docx mới rồi tải lên.",
            code="zip_bomb",
        )
    names = {e.filename for e in entries}
    if "word/document.xml" not in names:
        kind = "bảng tính Excel" if "xl/workbook.xml" in names else "tệp nén không phải .docx"
        if "ppt/presentation.xml" in names:
            kind = "trình chiếu PowerPoint"
        raise PlanParseError(
            f"Tệp {name} là {kind}, không phải văn bản Word. Hãy tải lên tệp kế hoạch dạng .docx "
            "hoặc .pdf (văn bản OpenDocument .odt: mở bằng Word và “Lưu thành .docx”).",
            code="unsupported",
        )


def _flag(props: Any, tag: str) -> bool | None:
    """Tri-state toggle property (w:b, w:i, w:vanish) of an rPr element."""
    if props is None:
        return None
    el = props.find(_W + tag)
    if el is None:
        return None
    return el.get(_W + "val", "true").lower() not in _FALSE


@dataclass(frozen=True)
class _StyleInfo:
    bold: bool | None = None
    italic: bool | None = None
    num_id: str | None = None
    ilvl: int | None = None
    heading: int = 0


class _Styles:
    """styles.xml: run formatting, numbering and heading level, following basedOn chains."""

    def __init__(self, root: Any) -> None:
        self._raw: dict[str, tuple[str | None, _StyleInfo]] = {}
        self._resolved: dict[str, _StyleInfo] = {}
        self.default_para: str | None = None
        for style in root.iter(_W + "style"):
            style_id = style.get(_W + "styleId")
            if not style_id:
                continue
            if style.get(_W + "type") == "paragraph" and style.get(_W + "default") in ("1", "true"):
                self.default_para = style_id
            based = style.find(_W + "basedOn")
            self._raw[style_id] = (
                based.get(_W + "val") if based is not None else None,
                self._own(style),
            )
        defaults = root.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr")
        self.doc_bold = bool(_flag(defaults, "b"))
        self.doc_italic = bool(_flag(defaults, "i"))

    @staticmethod
    def _own(style: Any) -> _StyleInfo:
        rpr = style.find(_W + "rPr")
        num = style.find(f"{_W}pPr/{_W}numPr")
        num_id = ilvl = None
        if num is not None:
            num_el, ilvl_el = num.find(_W + "numId"), num.find(_W + "ilvl")
            num_id = num_el.get(_W + "val") if num_el is not None else None
            ilvl = int(ilvl_el.get(_W + "val", "0")) if ilvl_el is not None else None
        name_el = style.find(_W + "name")
        name = (name_el.get(_W + "val", "") if name_el is not None else "").lower()
        match = re.fullmatch(r"heading ([1-6])", name)
        heading = int(match.group(1)) if match else (1 if name == "title" else 0)
        return _StyleInfo(_flag(rpr, "b"), _flag(rpr, "i"), num_id, ilvl, heading)

    def get(self, style_id: str | None) -> _StyleInfo:
        if not style_id or style_id not in self._raw:
            return _StyleInfo()
        if style_id not in self._resolved:
            self._resolved[style_id] = _StyleInfo()  # guards against basedOn cycles
            based, own = self._raw[style_id]
            parent = self.get(based)
            self._resolved[style_id] = _StyleInfo(
                own.bold if own.bold is not None else parent.bold,
                own.italic if own.italic is not None else parent.italic,
                own.num_id if own.num_id is not None else parent.num_id,
                own.ilvl if own.ilvl is not None else parent.ilvl,
                own.heading or parent.heading,
            )
        return self._resolved[style_id]


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    restart: int | None = None
    legal: bool = False
    bold: bool | None = None
    italic: bool | None = None
    style: str | None = None


def _val(el: Any, path: str, default: str | None = None) -> str | None:
    found = el.find(path)
    return found.get(_W + "val", default) if found is not None else default


def _parse_level(lvl: Any) -> _Level:
    restart = _val(lvl, _W + "lvlRestart")
    rpr = lvl.find(_W + "rPr")
    return _Level(
        fmt=_val(lvl, _W + "numFmt", "decimal") or "decimal",
        text=_val(lvl, _W + "lvlText", "") or "",
        start=int(_val(lvl, _W + "start", "1") or 1),
        restart=int(restart) if restart is not None else None,
        legal=_flag(lvl, "isLgl") is True,
        bold=_flag(rpr, "b"),
        italic=_flag(rpr, "i"),
        style=_val(lvl, _W + "pStyle"),
    )


@dataclass
class _Num:
    abstract: str
    starts: dict[int, int] = field(default_factory=dict)
    levels: dict[int, _Level] = field(default_factory=dict)


class _Numbering:
    """numbering.xml and the running counters: one set per abstract list (Word continues a list
    across nums sharing an abstractNum); a num's startOverride restarts a level at first use."""

    def __init__(self, root: Any, styles: _Styles) -> None:
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.links: dict[str, str] = {}
        self.nums: dict[str, _Num] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[tuple[str, int]] = set()
        self.styles = styles
        if root is None:
            return
        for ab in root.iter(_W + "abstractNum"):
            ab_id = ab.get(_W + "abstractNumId", "")
            levels = {int(lv.get(_W + "ilvl", "0")): _parse_level(lv) for lv in ab.iter(_W + "lvl")}
            self.abstract[ab_id] = levels
            link = _val(ab, _W + "numStyleLink")
            if link:
                self.links[ab_id] = link
        for num in root.iter(_W + "num"):
            self.nums[num.get(_W + "numId", "")] = self._parse_num(num)

    @staticmethod
    def _parse_num(num: Any) -> _Num:
        parsed = _Num(_val(num, _W + "abstractNumId", "") or "")
        for override in num.iter(_W + "lvlOverride"):
            ilvl = int(override.get(_W + "ilvl", "0"))
            start = _val(override, _W + "startOverride")
            if start is not None:
                parsed.starts[ilvl] = int(start)
            lvl = override.find(_W + "lvl")
            if lvl is not None:
                parsed.levels[ilvl] = _parse_level(lvl)
        return parsed

    def _abstract_of(self, num: _Num) -> str:
        ab_id = num.abstract
        link = self.links.get(ab_id)
        if link:  # a list style: its own numPr points at the num holding the real levels
            linked = self.nums.get(self.styles.get(link).num_id or "")
            if linked is not None and linked.abstract != ab_id:
                return linked.abstract
        return ab_id

    def level_for_style(self, num_id: str, style_id: str | None) -> int:
        num = self.nums.get(num_id)
        levels = self.abstract.get(self._abstract_of(num), {}) if num else {}
        return next((i for i, lv in levels.items() if style_id and lv.style == style_id), 0)

    def label(self, num_id: str, ilvl: int) -> tuple[str, _Level] | None:
        """Advance the counters for a paragraph of (num_id, ilvl) and return its printed label."""
        num = self.nums.get(num_id)
        if num is None:
            return None
        ab_id = self._abstract_of(num)
        levels = {**self.abstract.get(ab_id, {}), **num.levels}
        lvl = levels.get(ilvl)
        if lvl is None:
            return None
        counters = self.counters.setdefault(ab_id, {})
        if ilvl in num.starts and (num_id, ilvl) not in self.started:
            counters[ilvl] = num.starts[ilvl]
        else:
            counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else lvl.start
        self.started.add((num_id, ilvl))
        for deeper in [k for k in counters if k > ilvl]:
            restart = levels[deeper].restart if deeper in levels else None
            if restart is None or (restart != 0 and ilvl < restart):
                del counters[deeper]
        return self._render(lvl, ilvl, levels, counters), lvl

    def _render(
        self, lvl: _Level, ilvl: int, levels: dict[int, _Level], counters: dict[int, int]
    ) -> str:
        if lvl.fmt == "bullet":
            return _bullet(lvl.text, ilvl)
        if lvl.fmt == "none":
            return lvl.text if "%" not in lvl.text else ""

        def number(match: re.Match[str]) -> str:
            k = int(match.group(1)) - 1
            level = levels.get(k, _Level())
            value = counters.get(k, level.start)
            return _format_number(value, "decimal" if lvl.legal and k != ilvl else level.fmt)

        return re.sub(r"%([1-9])", number, lvl.text).strip()


def _bullet(glyph: str, ilvl: int) -> str:
    glyph = glyph.strip()
    if glyph == "+" or (ilvl >= 1 and glyph in ("o", "◦", "○", "\uf06f")):
        return "+"
    return "-"


_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
          (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))  # fmt: skip


def _format_number(value: int, fmt: str) -> str:
    if fmt in ("lowerRoman", "upperRoman") and value > 0:
        out, rest = "", value
        for amount, digits in _ROMAN:
            while rest >= amount:
                out, rest = out + digits, rest - amount
        return out.upper() if fmt == "upperRoman" else out
    if fmt in ("lowerLetter", "upperLetter") and value > 0:
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


_RUN_CONTAINERS = {
    _W + tag
    for tag in ("hyperlink", "ins", "smartTag", "sdt", "sdtContent", "customXml", "fldSimple",
                "moveTo", "dir", "bdo")
}  # fmt: skip
_BLOCK_CONTAINERS = {_W + "sdt", _W + "sdtContent", _W + "customXml"}


class _DocxReader:
    def __init__(self, styles: _Styles, numbering: _Numbering) -> None:
        self.styles = styles
        self.numbering = numbering

    def blocks(self, container: Any, in_cell: bool = False) -> Iterator[str]:
        """Paragraph lines and table blocks of a body, cell, text box or content control."""
        for child in container:
            if child.tag == _W + "p":
                text = self.paragraph(child, in_cell)
                if text:
                    yield text
                for box in child.iter(_W + "txbxContent"):
                    if not any(a.tag == _MC_FALLBACK for a in box.iterancestors()):
                        yield from self.blocks(box, in_cell)
            elif child.tag == _W + "tbl":
                yield from self.table(child, in_cell)
            elif child.tag in _BLOCK_CONTAINERS:
                yield from self.blocks(child, in_cell)

    def paragraph(self, p: Any, in_cell: bool) -> str:
        ppr = p.find(_W + "pPr")
        style_id = _val(ppr, _W + "pStyle") if ppr is not None else None
        style = self.styles.get(style_id or self.styles.default_para)
        segments: list[Segment] = []
        label = self._label(ppr, style, style_id)
        if label is not None:
            text, lvl = label
            mark = ppr.find(_W + "rPr") if ppr is not None else None
            bold = _first(lvl.bold, _flag(mark, "b"), style.bold, self.styles.doc_bold)
            italic = _first(lvl.italic, _flag(mark, "i"), style.italic, self.styles.doc_italic)
            if text:
                segments.append((text + " ", bold, italic))
        body = list(self._runs(p, style))
        if not "".join(s[0] for s in body).strip():
            return ""
        text = _format_segments(segments + body, html=in_cell)
        if style.heading and not in_cell:
            text = "#" * style.heading + " " + text
        return text

    def _label(
        self, ppr: Any, style: _StyleInfo, style_id: str | None
    ) -> tuple[str, _Level] | None:
        num_pr = ppr.find(_W + "numPr") if ppr is not None else None
        num_id = _val(num_pr, _W + "numId") if num_pr is not None else None
        ilvl_text = _val(num_pr, _W + "ilvl") if num_pr is not None else None
        if num_id is None:
            num_id = style.num_id
        if not num_id or num_id == "0":
            return None
        if ilvl_text is not None:
            ilvl = int(ilvl_text)
        elif style.ilvl is not None:
            ilvl = style.ilvl
        else:
            ilvl = self.numbering.level_for_style(num_id, style_id)
        return self.numbering.label(num_id, ilvl)

    def _runs(self, parent: Any, style: _StyleInfo) -> Iterator[Segment]:
        for child in parent:
            if child.tag == _W + "r":
                yield from self._run(child, style)
            elif child.tag in _RUN_CONTAINERS:
                yield from self._runs(child, style)

    def _run(self, run: Any, style: _StyleInfo) -> Iterator[Segment]:
        rpr = run.find(_W + "rPr")
        if _flag(rpr, "vanish"):
            return
        char = self.styles.get(_val(rpr, _W + "rStyle") if rpr is not None else None)
        bold = _first(_flag(rpr, "b"), char.bold, style.bold, self.styles.doc_bold)
        italic = _first(_flag(rpr, "i"), char.italic, style.italic, self.styles.doc_italic)
        parts: list[str] = []
        for child in run:
            tag = child.tag
            if tag == _W + "t":
                parts.append(child.text or "")
            elif tag in (_W + "tab", _W + "ptab"):
                parts.append(" ")
            elif tag == _W + "br":
                parts.append(" " if child.get(_W + "type") in ("page", "column") else "\n")
            elif tag == _W + "cr":
                parts.append("\n")
            elif tag == _W + "noBreakHyphen":
                parts.append("-")
        if parts:
            yield "".join(parts), bold, italic

    def table(self, tbl: Any, in_cell: bool) -> Iterator[str]:
        rows = list(_children(tbl, "tr"))
        width = len(tbl.findall(f"{_W}tblGrid/{_W}gridCol"))
        width = max([width] + [sum(_span(tc) for tc in _children(tr, "tc")) for tr in rows])
        if width < 3:  # a layout table (header block, signature): its cells are plain paragraphs
            for tr in rows:
                for tc in _children(tr, "tc"):
                    yield from self.blocks(tc, in_cell)
            return
        lines = [line for line in (self._data_row(tr) for tr in rows) if line.strip("\t ")]
        if not lines:
            return
        if in_cell:  # a table nested in a data cell becomes text of that cell
            yield " ".join(line.replace("\t", " ") for line in lines)
        else:
            yield "\n".join(lines)

    def _data_row(self, tr: Any) -> str:
        """Cells of a row; a row that starts late keeps empty places, one that ends early
        (gridAfter: no cells there at all) simply ends."""
        trpr = tr.find(_W + "trPr")
        before = int(_val(trpr, _W + "gridBefore", "0") or 0) if trpr is not None else 0
        cells = [""] * before
        for tc in _children(tr, "tc"):
            merge = tc.find(f"{_W}tcPr/{_W}vMerge")
            continued = merge is not None and merge.get(_W + "val", "continue") != "restart"
            cells.append("" if continued else self._cell_text(tc))
            cells.extend([""] * (_span(tc) - 1))
        return "\t".join(cells)

    def _cell_text(self, tc: Any) -> str:
        paragraphs = [" ".join(b.split()) for b in self.blocks(tc, in_cell=True)]
        paragraphs = [p for p in paragraphs if p]
        if len(paragraphs) > 1:
            return " ".join(f"<p>{p}</p>" for p in paragraphs)
        return paragraphs[0] if paragraphs else ""


def _children(el: Any, tag: str) -> Iterator[Any]:
    """Direct children with `tag`, looking through content controls (w:sdt) and custom XML."""
    for child in el:
        if child.tag == _W + tag:
            yield child
        elif child.tag in _BLOCK_CONTAINERS:
            yield from _children(child, tag)


def _span(tc: Any) -> int:
    return max(1, int(_val(tc, f"{_W}tcPr/{_W}gridSpan", "1") or 1))


def _first(*values: bool | None) -> bool:
    return next((v for v in values if v is not None), False)


# --- Formatting hints -----------------------------------------------------------------------


def _format_segments(segments: Sequence[Segment], *, html: bool = False) -> str:
    """Join (text, bold, italic) runs into one paragraph with `**`/`*` (or `<b>`/`<i>`) marks.

    Same-format neighbours merge, whitespace-only runs join their neighbour, spaces stay outside
    the marks; a line break inside the paragraph closes the marks (a cell keeps one line).
    """
    lines: list[list[Segment]] = [[]]
    for text, bold, italic in segments:
        pieces = text.replace("\n", " ").split("\n") if html else text.split("\n")
        for i, piece in enumerate(pieces):
            if i:
                lines.append([])
            if piece:
                lines[-1].append((piece, bold, italic))
    out = [_format_line(line, html) for line in lines]
    return "\n".join(line for line in out if line)


def _format_line(segments: list[Segment], html: bool) -> str:
    merged: list[list[Any]] = []
    for text, bold, italic in segments:
        if merged and (not text.strip() or merged[-1][1:] == [bold, italic]):
            merged[-1][0] += text
        elif merged and not merged[-1][0].strip():
            merged[-1] = [merged[-1][0] + text, bold, italic]
        else:
            merged.append([text, bold, italic])
    parts = []
    for text, bold, italic in merged:
        core = text.strip()
        if not core or not (bold or italic):
            parts.append(text)
            continue
        lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
        parts.append(lead + _mark(core, bold, italic, html) + trail)
    return " ".join("".join(parts).split())


def _mark(core: str, bold: bool, italic: bool, html: bool) -> str:
    if html:
        inner = f"<i>{core}</i>" if italic else core
        return f"<b>{inner}</b>" if bold else inner
    marks = ("**" if bold else "") + ("*" if italic else "")
    return f"{marks}{core}{marks}"


# --- .pdf ---------------------------------------------------------------------------------------


def _read_pdf(data: bytes, name: str) -> str:
    if b"%%EOF" not in data[-2048:]:
        raise PlanParseError(
            f"Tệp PDF {name} không trọn vẹn (thiếu phần kết thúc, có thể bị cắt ngang khi tải lên "
            "hoặc sao chép). Hãy tải lên lại bản đầy đủ.",
            code="damaged",
        )
    import pdfplumber  # heavy: only PDFs pay for it
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [_pdf_page(page) for page in pdf.pages]
    except PlanParseError:
        raise
    except Exception as exc:  # pdfminer raises many kinds on broken files, some wrapped
        cause = exc.__cause__ or exc.__context__ or exc
        if isinstance(exc, PDFPasswordIncorrect | PDFEncryptionError) or isinstance(
            cause, PDFPasswordIncorrect | PDFEncryptionError
        ):
            raise PlanParseError(
                f"Tệp PDF {name} được bảo vệ bằng mật khẩu nên không đọc được. Hãy gỡ mật khẩu "
                "(mở tệp, lưu lại bản không đặt mật khẩu) hoặc gửi tệp .docx gốc.",
                code="encrypted",
            ) from exc
        raise _damaged(name, ".pdf") from exc
    glyphs = sum(p.glyphs for p in pages)
    if glyphs < max(20, 5 * len(pages)):
        raise PlanParseError(
            f"Tệp {name} là bản PDF scan (ảnh chụp trang giấy), không có lớp chữ nên không đọc "
            "được nội dung. Hệ thống chưa hỗ trợ nhận dạng chữ (OCR). Hãy gửi tệp .docx gốc hoặc "
            "bản PDF xuất trực tiếp từ Word (Tệp → Lưu thành → PDF).",
            code="scan",
        )
    return _PdfLayout(pages).text()


@dataclass(eq=False)
class _Line:
    """One printed line, or one column's part of it; words are pdfplumber word dicts."""

    words: list[dict[str, Any]]
    page: int = 0

    @property
    def x0(self) -> float:
        return float(self.words[0]["x0"])

    @property
    def x1(self) -> float:
        return float(self.words[-1]["x1"])

    @property
    def top(self) -> float:
        return min(float(w["top"]) for w in self.words)

    @property
    def bottom(self) -> float:
        return max(float(w["bottom"]) for w in self.words)

    @property
    def size(self) -> float:
        return statistics.median(float(w["size"]) for w in self.words)

    @property
    def text(self) -> str:
        return " ".join(w["text"] for w in self.words)


@dataclass(eq=False)
class _Row:
    """A printed line as found on the page: one part, or several separated by a wide gap."""

    parts: list[_Line]

    @property
    def top(self) -> float:
        return min(p.top for p in self.parts)

    @property
    def bottom(self) -> float:
        return max(p.bottom for p in self.parts)


@dataclass
class _Table:
    top: float
    bottom: float
    rows: list[list[list[_Line] | None]]  # row -> cell -> lines; None: no cell drawn there


@dataclass
class _Page:
    number: int
    height: float
    glyphs: int  # printed characters: almost none means a scan
    items: list[_Row | _Table]  # top to bottom


_PDF_BOLD = re.compile(r"bold|black|heavy|demi|semibold|[-,]bd\b", re.IGNORECASE)
_PDF_ITALIC = re.compile(r"italic|oblique|[-,]it\b", re.IGNORECASE)


def _pdf_page(page: Any) -> _Page:
    glyphs = sum(1 for ch in page.chars if not ch["text"].isspace())
    tables = page.find_tables() if glyphs else []
    boxes = [t.bbox for t in tables]
    words = page.extract_words(extra_attrs=["fontname", "size"], use_text_flow=False)
    free = [w for w in words if w.get("upright", True) and not _inside_any(w, boxes)]
    items: list[_Row | _Table] = [_Row(parts) for parts in _rows(free, page.page_number)]
    for table in tables:
        items.append(_pdf_table(table, words, page.page_number))
    items.sort(key=lambda item: item.top)
    return _Page(page.page_number, float(page.height), glyphs, items)


def _inside_any(word: dict[str, Any], boxes: Iterable[tuple[float, float, float, float]]) -> bool:
    cx = (word["x0"] + word["x1"]) / 2
    cy = (word["top"] + word["bottom"]) / 2
    return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)


def _rows(words: list[dict[str, Any]], page: int) -> Iterator[list[_Line]]:
    """Group words into printed lines (by vertical overlap), then split at wide gaps."""
    lines: list[list[dict[str, Any]]] = []
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        if lines:
            last = lines[-1]
            top = min(w["top"] for w in last)
            bottom = max(w["bottom"] for w in last)
            height = min(bottom - top, word["bottom"] - word["top"]) or 1
            if min(bottom, word["bottom"]) - max(top, word["top"]) > 0.5 * height:
                last.append(word)
                continue
        lines.append([word])
    for line in lines:
        line.sort(key=lambda w: w["x0"])
        yield _split_columns(line, page)


# A list glyph as Word and LibreOffice print it (Symbol/Wingdings private-use code points or
# Unicode bullets), read like the .docx reader reads list bullets: "+" for a hollow one, else "-".
_PDF_BULLETS = dict.fromkeys(
    "\uf0b7\uf0a7\uf0a8\uf0d8\uf0e8\uf0fc\uf076\uf0ae\u2022\u25aa\u25cf\u25a0\u27a2", "-"
)
_PDF_BULLETS.update(dict.fromkeys("\uf06f\u25e6\u25cb", "+"))
# A numbering label printed as a word of its own, the text after it at the list's tab stop.
# The printed numbering labels: "II.", "1.", "1.2.", "1)", "1-", "a)".
_NUMBERING = r"[IVXLC]{1,6}\.|\d{1,2}(?:\.\d{1,2})*[.)]|\d{1,2}-|[a-zđ]\)"
_LABEL_WORD = re.compile(rf"^(?:{_NUMBERING}|\(\d{{1,2}}\)|[-–+])$")

_GLUED_LABEL = re.compile(r"^(?:[IVXLC]{1,6}\.|\d{1,2}\.|[a-zđ]\))(?=[A-ZĐÀ-Ỹ][^\W\d_]{1,})")


def _split_columns(line: list[dict[str, Any]], page: int) -> list[_Line]:
    """Cut a printed line at gaps wider than two font sizes (two columns side by side), unless
    every space of the line is wide alike: that is a justified line stretched by a long word.
    A list label keeps the text after its tab stop ("I.", "a)", a bullet glyph)."""
    first = line[0]["text"]
    if first in _PDF_BULLETS:
        line[0] = {**line[0], "text": _PDF_BULLETS[first]}
    glued = _GLUED_LABEL.match(first)
    if glued:  # "III.KINH PHÍ": a label wider than its hanging indent, printed without a gap
        word, cut = line[0], glued.end()
        x = word["x0"] + (word["x1"] - word["x0"]) * cut / len(first)
        gap = 0.3 * float(word["size"])
        label = {**word, "text": first[:cut], "x1": x - gap}
        line[:1] = [label, {**word, "text": first[cut:], "x0": x}]
    labelled = len(line) > 1 and bool(_LABEL_WORD.match(line[0]["text"]))
    size = statistics.median(float(w["size"]) for w in line)
    gaps = [b["x0"] - a["x1"] for a, b in itertools.pairwise(line)]
    if labelled:
        gaps[0] = 0.0  # the label and its text are one part, whatever the tab stop
    spaces = [gap for gap in gaps[labelled:] if gap > 0.1 * size]
    wide = [gap for gap in gaps[labelled:] if gap > 2.0 * size]
    if wide and len(wide) == len(spaces) and max(wide) - min(wide) < 0.1 * max(wide) + 1:
        return [_Line(line, page)]
    parts, current = [], [line[0]]
    for word, gap in zip(line[1:], gaps, strict=True):
        if gap > 2.0 * size:
            parts.append(_Line(current, page))
            current = []
        current.append(word)
    parts.append(_Line(current, page))
    return parts


def _pdf_table(table: Any, words: list[dict[str, Any]], page: int) -> _Table:
    """A ruled table: each cell's words as lines. A place without a cell of its own is empty
    when another cell covers it (merged across or down) and None when nothing is drawn there."""
    middles: dict[int, float] = {}  # x of each column's middle
    for row in table.rows:
        for j, bbox in enumerate(row.cells):
            if bbox:
                middles.setdefault(j, (bbox[0] + bbox[2]) / 2)
    rows: list[list[list[_Line] | None]] = []
    for row in table.rows:
        y = (row.bbox[1] + row.bbox[3]) / 2
        cells: list[list[_Line] | None] = []
        for j, bbox in enumerate(row.cells):
            if bbox is None:
                x = middles.get(j, -1.0)
                covered = any(c[0] < x < c[2] and c[1] < y < c[3] for c in table.cells)
                cells.append([] if covered else None)
                continue
            inside = [w for w in words if _inside_any(w, [bbox])]
            cells.append([_Line([w for part in parts for w in part.words], page)
                          for parts in _rows(inside, page)])  # fmt: skip
        rows.append(cells)
    return _Table(float(table.bbox[1]), float(table.bbox[3]), rows)


_LABEL = re.compile(rf"^(?:{_NUMBERING}|[-+•–▪●○◦*])(?=\s)")
_DASH_LABEL = re.compile(r"^[-–+]\s")
_PAGE_NUMBER = re.compile(
    r"""^(?: [-–]\s*\d{1,4}\s*[-–]                          # - 2 -
           | (?:trang|page)\s*\d{1,4}(?:\s*/\s*\d{1,4})?    # Trang 2, Trang 2/10
           | \d{1,4}(?:\s*/\s*\d{1,4})?                     # 2, 2/10
         )$""",
    re.IGNORECASE | re.VERBOSE,
)


class _PdfLayout:
    """Reading order and paragraphs of a whole PDF: drops running headers/footers, reads two-column
    blocks column by column, joins wrapped lines and merges tables split across pages."""

    def __init__(self, pages: list[_Page]) -> None:
        self.pages = pages
        self.pitch = _line_pitch(pages)
        _drop_running_lines(pages, self.pitch)
        lines = [p for page in pages for item in page.items if isinstance(item, _Row)
                 for p in item.parts]  # fmt: skip
        self.left = _percentile([ln.x0 for ln in lines], 0.05) if lines else 0.0
        self.right = _percentile([ln.x1 for ln in lines], 0.95) if lines else 0.0

    def text(self) -> str:
        blocks: list[str | list[str]] = []  # a list is a data table, still open for more rows
        paragraph: list[_Line] = []
        for page in self.pages:
            i = 0
            while i < len(page.items):
                item = page.items[i]
                if isinstance(item, _Row) and len(item.parts) == 1:
                    line = item.parts[0]
                    if paragraph and self.breaks(paragraph, line):
                        blocks.append(_join_lines(paragraph))
                        paragraph = []
                    paragraph.append(line)
                    i += 1
                    continue
                if paragraph:
                    blocks.append(_join_lines(paragraph))
                    paragraph = []
                if isinstance(item, _Row):
                    zone, i = self.zone(page.items, i)
                    blocks.extend(zone)
                    continue
                self.add_table(blocks, item)
                i += 1
        if paragraph:
            blocks.append(_join_lines(paragraph))
        return "\n\n".join("\n".join(b) if isinstance(b, list) else b for b in blocks)

    def add_table(self, blocks: list[str | list[str]], table: _Table) -> None:
        """Data rows continue the previous block's table when it was cut by a page break (a
        repeated heading row is dropped); a 1-2 column table is read as plain paragraphs."""
        rows = self.table_rows(table)
        if not rows:
            blocks.extend(self.flat_cells(table))
            return
        previous = blocks[-1] if blocks else None
        width = previous[0].count("\t") if isinstance(previous, list) else -1
        if rows[0].startswith("\t") and rows[0].count("\t") < width:
            rows[0] += "\t" * (width - rows[0].count("\t"))  # a cut row, its last cells empty
        if isinstance(previous, list) and width == rows[0].count("\t"):
            previous.extend(rows[1:] if rows[0] == previous[0] else rows)
        else:
            blocks.append(rows)

    def breaks(self, paragraph: list[_Line], nxt: _Line) -> bool:
        """Does `nxt` start a new paragraph? Yes after a gap wider than the line spacing, after a
        line that ended early (the next word would have fitted), before a numbering label or
        bullet (unless a "- " merely wraps a full line), and before an indented first line."""
        prev = paragraph[-1]
        size = max(prev.size, nxt.size)
        if prev.page == nxt.page and nxt.top - prev.top > max(self.pitch, 1.05 * size) * 1.25:
            return True
        head = paragraph[0].words  # a list item's wrapped lines start under its text
        listed = len(head) > 1 and bool(_LABEL_WORD.match(head[0]["text"]))
        room = self.room(prev, centred=not listed)
        first = nxt.words[0]
        if room > (first["x1"] - first["x0"]) + 0.6 * size:
            return True
        full = room < 1.5 * size
        hanging = (
            listed
            and nxt.x0 > head[0]["x0"] + 0.5 * size
            and abs(nxt.x0 - head[1]["x0"]) < 0.5 * size
        )
        if _LABEL.match(nxt.text):
            wraps = nxt.x0 < paragraph[0].x0 - 2 or hanging
            return not (_DASH_LABEL.match(nxt.text) and full and wraps)
        if hanging:
            return False
        starts_lower = nxt.text[:1].islower()
        indented = nxt.x0 > prev.x0 + 0.8 * size and abs(prev.x0 - self.left) < 0.5 * size
        return bool(indented and full and not starts_lower)

    def room(self, line: _Line, centred: bool = True) -> float:
        """How much of the line's width is left empty: the next word would have fitted there.
        A centred line counts both sides (`centred=False`: a list item's line is never centred)."""
        right = max(self.right, line.x1)
        middle = (self.left + self.right) / 2
        width = self.right - self.left
        centred = centred and abs((line.x0 + line.x1) / 2 - middle) < 0.02 * width
        if centred and line.x0 - self.left > 0.05 * (self.right - self.left):
            return (line.x0 - self.left) + (right - line.x1)
        return right - line.x1

    def zone(self, items: list[_Row | _Table], i: int) -> tuple[list[str], int]:
        """A two-column block (header, signature): column by column, band by band."""
        middle = (self.left + self.right) / 2
        bands: list[list[_Row]] = [[]]
        prev: _Row | None = None
        while i < len(items):
            row = items[i]
            if not isinstance(row, _Row):
                break
            single = row.parts[0] if len(row.parts) == 1 else None
            if single is not None and single.x0 < middle < single.x1:
                break
            if prev is not None:
                gap = row.top - prev.top
                if gap > 3 * max(self.pitch, row.parts[0].size):
                    break
                if gap > 1.25 * max(self.pitch, 1.05 * row.parts[0].size):
                    bands.append([])
            bands[-1].append(row)
            prev = row
            i += 1
        out: list[str] = []
        for band in bands:
            parts = [p for row in band for p in row.parts]
            left = [p for p in parts if (p.x0 + p.x1) / 2 < middle]
            right = [p for p in parts if (p.x0 + p.x1) / 2 >= middle]
            for column in (left, right):
                out.extend(_join_lines(lines) for lines in _column_lines(column))
        return out, i

    def table_rows(self, table: _Table) -> list[str]:
        if not table.rows or max(len(r) for r in table.rows) < 3:
            return []
        lines = []
        for row in table.rows:
            while row and row[-1] is None:  # the row ends early, as a Word row with gridAfter
                row = row[:-1]
            cells = [self.cell_text(cell or []) for cell in row]
            if any(cells):
                lines.append("\t".join(cells))
        return lines

    def flat_cells(self, table: _Table) -> list[str]:
        return [p for row in table.rows for cell in row for p in self.cell_paragraphs(cell or [])]

    def cell_paragraphs(self, lines: list[_Line], html: bool = False) -> list[str]:
        if not lines:
            return []
        right = max(line.x1 for line in lines)
        paragraphs: list[list[_Line]] = [[lines[0]]]
        for prev, nxt in itertools.pairwise(lines):
            first = nxt.words[0]
            short = right - prev.x1 > (first["x1"] - first["x0"]) + 0.6 * nxt.size
            if short or _LABEL.match(nxt.text):
                paragraphs.append([])
            paragraphs[-1].append(nxt)
        return [_join_lines(p, html=html) for p in paragraphs]

    def cell_text(self, lines: list[_Line]) -> str:
        paragraphs = [p for p in self.cell_paragraphs(lines, html=True) if p]
        if len(paragraphs) > 1:
            return " ".join(f"<p>{p}</p>" for p in paragraphs)
        return paragraphs[0] if paragraphs else ""


_WRAPPED_YEAR = re.compile(r"\b(?:năm|tháng|ngày)$")


def _column_lines(parts: list[_Line]) -> list[list[_Line]]:
    """A header or signature column's lines, each its own paragraph (as offices type them, one
    line each), except what a narrow column wrapped: the end of a date ("…tháng 11 năm" /
    "2023") and of the national name ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA" / "VIỆT NAM")."""
    out: list[list[_Line]] = []
    for part in parts:
        above = out[-1][-1].text if out else ""
        date = part.text[:1].isdigit() and _WRAPPED_YEAR.search(above)
        nation = part.text.upper() == "VIỆT NAM" and above.upper().endswith("CHỦ NGHĨA")
        if date or nation:
            out[-1].append(part)
        else:
            out.append([part])
    return out


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _line_pitch(pages: list[_Page]) -> float:
    """The usual distance between lines of one paragraph: the lower quartile of line steps."""
    steps = []
    for page in pages:
        rows = [item for item in page.items if isinstance(item, _Row)]
        for a, b in itertools.pairwise(rows):
            size = a.parts[0].size
            step = b.top - a.top
            if 0.9 * size <= step <= 3 * size:
                steps.append(step)
    return _percentile(steps, 0.25) if steps else 12.0


def _drop_running_lines(pages: list[_Page], pitch: float) -> None:
    """Remove page headers and footers: lines set apart at a page edge that repeat (digits aside)
    on most pages, and page numbers ("2", "- 2 -", "Trang 2", "2/10")."""
    edges = {page.number: _edge_rows(page, pitch) for page in pages}
    counts = Counter(key for rows in edges.values() for key in {_running_key(r) for r in rows})
    need = max(2, (len(pages) + 1) // 2)
    for page in pages:
        for row in edges[page.number]:
            key = _running_key(row)
            repeated = len(pages) > 1 and counts[key] >= need
            if repeated or _PAGE_NUMBER.match(key.replace("#", "1")):
                page.items.remove(row)


def _edge_rows(page: _Page, pitch: float) -> list[_Row]:
    """Up to two lines at each edge of the page, set apart from the body by a wider gap."""
    found: list[_Row] = []
    for ordered, at_top in ((page.items, True), (page.items[::-1], False)):
        group: list[_Row] = []
        for n, row in enumerate(ordered[:2]):
            in_band = row.bottom < 0.15 * page.height if at_top else row.top > 0.85 * page.height
            if not isinstance(row, _Row) or not in_band:
                break
            group.append(row)
            nxt = ordered[n + 1] if n + 1 < len(ordered) else None
            gap = 1e9 if nxt is None else (nxt.top - row.bottom if at_top else row.top - nxt.bottom)
            if gap > 1.2 * pitch:
                found.extend(group)
                break
    return list(dict.fromkeys(found))


def _running_key(row: _Row) -> str:
    text = " ".join(p.text for p in row.parts)
    return re.sub(r"\d+", "#", " ".join(text.split()))


def _join_lines(lines: list[_Line], html: bool = False) -> str:
    """One paragraph from its printed lines: runs by font, spaces by gaps, hyphens mended."""
    segments: list[Segment] = []
    for n, line in enumerate(lines):
        if n:
            _mend_line_end(segments, line)
        prev: dict[str, Any] | None = None
        for word in line.words:
            if prev is not None and word["x0"] - prev["x1"] > 0.12 * float(word["size"]):
                segments.append((" ", False, False))
            font = str(word.get("fontname", ""))
            segments.append(
                (word["text"], bool(_PDF_BOLD.search(font)), bool(_PDF_ITALIC.search(font)))
            )
            prev = word
    return _format_segments(segments, html=html)


def _mend_line_end(segments: list[Segment], nxt: _Line) -> None:
    """Decide what joins the previous line to `nxt`: a space, nothing, or a dropped hyphen."""
    text, bold, italic = segments[-1]
    start = nxt.words[0]["text"]
    if text.endswith("-") and len(text) > 1 and text[-2].isalnum():
        if start[:1].islower() and text[-2].isalpha():
            segments[-1] = (text[:-1], bold, italic)  # "commu-" + "nication"
            return
        if start[:1].isupper() or start[:1].isdigit():
            return  # "57-" + "KL/TW"
    segments.append((" ", False, False))
