"""From the text form to blocks: one block per paragraph, its printed label and its hints.

The text form (what the readers produce, and what .md/.txt plans already are) has one paragraph
per line, markdown-ish emphasis (`**bold**`, `*italic*`, `#` headings) and table rows as
tab-separated cells. A paragraph broken in two by a page break ("… Kế hoạch" / "số 127-KH/TU …")
is joined back here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ttdn.text.normalize import nfc

LabelKind = str  # "roman", "num1", "num2", "num3", "letter", "paren", "bullet-", "bullet+", …

ROMAN = [
    "I",
    "II",
    "III",
    "IV",
    "V",
    "VI",
    "VII",
    "VIII",
    "IX",
    "X",
    "XI",
    "XII",
    "XIII",
    "XIV",
    "XV",
]
LETTERS = [
    "a",
    "b",
    "c",
    "d",
    "đ",
    "e",
    "ê",
    "g",
    "h",
    "i",
    "k",
    "l",
    "m",
    "n",
    "o",
    "ô",
    "ơ",
    "p",
    "q",
    "r",
    "s",
    "t",
    "u",
    "ư",
    "v",
    "x",
    "y",
]

_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_LINK = re.compile(r"\[([^\]\n]+)\]\([^)\n]*\)")
_HTML_TAG = re.compile(r"</?(?:i|b|em|strong|u|span|br)\s*/?>", re.IGNORECASE)
_EMPH = re.compile(r"(\*{1,3}|_{2,3})")
_SPACES = re.compile(r"[ \u00a0\u2002\u2003\u2009\u200b]+")
_BULLET = re.compile(r"^([-–—+•●○◦▪■►✓❖*])\s*(?=\S)")
_ROMAN_LABEL = re.compile(r"^(X{0,3}(?:IX|IV|V?I{0,3}))\s*[.\-/:)]\s*(?=\S)")
_UPPER_LABEL = re.compile(r"^(?:PHẦN\s+(?:THỨ\s+)?)?([A-HJ-UWYZ]|[IVX]{1,4})\s*[.\-:)]\s*(?=\S)")
_NUM_LABEL = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})(?:\.|\s?-|\))(?=\s|\S)\s*(?=\S)")
_NUM_BARE = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){1,3})\s+(?=\S)")
_LETTER_LABEL = re.compile(r"^([a-zđêôơư])\)\s*(?=\S)")
_LETTER_DOT = re.compile(r"^([a-zđ])\.\s+(?=\S)")
_PAREN_LABEL = re.compile(r"^\((\d{1,2}|[a-zđ])\)\s*(?=\S)")
_TERMINAL = re.compile(r"[.;:!?…”\"')]$")


@dataclass
class Block:
    """A paragraph: `text` is clean (no emphasis marks); `label` as printed without punctuation."""

    line: int
    text: str
    label: str = ""
    kind: LabelKind = ""
    bold: bool = False
    italic: bool = False
    heading: int = 0  # markdown heading level, 0 if none
    cells: tuple[str, ...] | None = None  # a table row
    raw: str = ""

    @property
    def is_row(self) -> bool:
        return self.cells is not None


def clean_inline(text: str) -> str:
    """Drop emphasis marks, html-ish tags and markdown links; collapse spaces."""
    text = _MD_LINK.sub(r"\1", text)
    text = text.replace("<p>", " ").replace("</p>", " ")
    text = _HTML_TAG.sub("", text)
    text = _EMPH.sub("", text)
    text = text.replace("\\", "")
    return _SPACES.sub(" ", text).strip()


def _emphasis(line: str) -> tuple[bool, bool]:
    """Whether most of the paragraph is bold / italic."""
    plain = clean_inline(line)
    if not plain:
        return False, False
    bold_chars = sum(len(clean_inline(m)) for m in re.findall(r"\*\*(.+?)\*\*", line))
    ital = re.sub(r"\*\*(.+?)\*\*", r"\1", line)
    italic_chars = sum(
        len(clean_inline(m)) for m in re.findall(r"(?<![*\w])\*([^*\n]+?)\*(?![*\w])", ital)
    )
    italic_chars += sum(len(clean_inline(m)) for m in re.findall(r"<i>(.+?)</i>", line))
    return bold_chars >= 0.6 * len(plain), italic_chars >= 0.6 * len(plain)


def split_label(text: str) -> tuple[str, LabelKind, str]:
    """(label, kind, rest) of a clean paragraph; ("", "", text) when it carries no label."""
    m = _BULLET.match(text)
    if m and not (m.group(1) == "*" and text[1:2] != " "):
        rest = text[m.end() :]
        # "- a) Xuất bản …": a lettered item written as a bullet is a lettered item.
        inner = _LETTER_LABEL.match(rest)
        if inner:
            return inner.group(1), "letter", rest[inner.end() :]
        kind = "bullet+" if m.group(1) == "+" else "bullet-"
        if m.group(1) in "•●○◦▪■►✓❖*":
            kind = "bullet•"
        return m.group(1), kind, rest
    m = _ROMAN_LABEL.match(text)
    if m and m.group(1) and _roman_ok(m, text):
        return m.group(1), "roman", text[m.end() :]
    m = _UPPER_LABEL.match(text)
    if m and text[m.end() : m.end() + 2].isupper():  # "A. MỤC ĐÍCH", "PHẦN II. NHIỆM VỤ"
        return m.group(1), "upper", text[m.end() :]
    m = _NUM_LABEL.match(text) or _NUM_BARE.match(text)
    if m and not _looks_like_date_or_amount(text):
        label = m.group(1)
        return label, f"num{label.count('.') + 1}", text[m.end() :]
    m = _LETTER_LABEL.match(text) or _LETTER_DOT.match(text)
    if m:
        return m.group(1), "letter", text[m.end() :]
    m = _PAREN_LABEL.match(text)
    if m:
        return m.group(1), "paren", text[m.end() :]
    return "", "", text


def _roman_ok(m: re.Match[str], text: str) -> bool:
    # "V/v …" (về việc) and "I-" inside words are not section numbers.
    rest = text[m.end() :]
    if text.startswith(("V/v", "V/V")):
        return False
    return bool(rest) and (rest[0].isupper() or rest[0].isdigit() or rest[0] in '“"(')


def _looks_like_date_or_amount(text: str) -> bool:
    return bool(re.match(r"^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|^\d{1,3}(\.\d{3})+\b", text))


def to_blocks(text: str) -> list[Block]:
    """Blocks of the text form, with broken paragraphs joined back."""
    blocks: list[Block] = []
    for number, raw in enumerate(nfc(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")):
        line_no = number + 1
        if not raw.strip():
            continue
        if "\t" in raw:
            cells = tuple(clean_inline(c) for c in raw.split("\t"))
            if sum(1 for c in cells if c) >= 1 and len(cells) >= 3:
                blocks.append(Block(line_no, " | ".join(c for c in cells if c), cells=cells))
                continue
        heading = 0
        m = _MD_HEADING.match(raw)
        body = raw
        if m:
            heading = raw[: m.end()].count("#")
            body = raw[m.end() :]
        if re.match(r"^\s*\*\s+\S", body):  # a markdown "* item" bullet, not emphasis
            body = "• " + body.lstrip()[1:].lstrip()
        bold, italic = _emphasis(body)
        clean = clean_inline(body)
        if not clean or set(clean) <= set("*-_=~. "):
            continue
        label, kind, rest = split_label(clean)
        block = Block(line_no, rest.strip(), label, kind, bold, italic, heading, raw=body)
        if blocks and _continues(blocks[-1], block):
            prev = blocks[-1]
            glue = "" if prev.text.endswith("-") and block.text[:1].isupper() else " "
            prev.text = f"{prev.text}{glue}{block.text}"
            continue
        blocks.append(block)
    return blocks


def _continues(prev: Block, block: Block) -> bool:
    """A paragraph split by a page break: no label, starts in lower case, prev unfinished."""
    if prev.is_row or block.label or block.heading or not block.text:
        return False
    if prev.text.endswith("-") and re.match(r"[A-ZĐ]{2,}/", block.text):
        return True  # "Kết luận số 57-" / "KL/TW ngày …"
    first = block.text[0]
    if not (first.islower() and first.isalpha()):
        return False
    return not _TERMINAL.search(prev.text)


def is_terminal(text: str) -> bool:
    return bool(_TERMINAL.search(text))
