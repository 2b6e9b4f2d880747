"""How a plan cites each document it names, read from the lead-in before its first section:
"Căn cứ …" → based_on, "Thực hiện …" / "Triển khai …" → implements (also the plan's title)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ttdn.documents.models import CitationRelation
from ttdn.documents.numbers import document_number_key
from ttdn.text.normalize import fold, nfc

_LEAD_INS = (
    ("can cu", CitationRelation.BASED_ON),
    ("thuc hien", CitationRelation.IMPLEMENTS),
    ("trien khai", CitationRelation.IMPLEMENTS),
    ("tiep tuc thuc hien", CitationRelation.IMPLEMENTS),
)
# The lead-in ends at the first section: "I. MỤC ĐÍCH, YÊU CẦU" (with or without markup).
_FIRST_SECTION = re.compile(r"^[#*\s]*I\s*[.\-–]\s", re.IGNORECASE)
_MARKUP = " \t-–*•#_>"


def citation_relations(text: str, numbers: Iterable[str]) -> dict[str, str]:
    """Relation per printed number, for the numbers the lead-in introduces; a number introduced
    both ways implements. Numbers it does not introduce are left out (callers use implements)."""
    patterns = {number: _number_pattern(number) for number in numbers}
    found: dict[str, str] = {}
    for paragraph in _lead_in(text):
        relation = _relation(paragraph)
        if relation is None:
            continue
        body = _searchable(paragraph)
        for number, pattern in patterns.items():
            if pattern is not None and pattern.search(body) and found.get(number) != "implements":
                found[number] = relation
    return found


def _lead_in(text: str) -> list[str]:
    paragraphs = []
    for block in re.split(r"\n\s*\n", nfc(text)):
        paragraph = " ".join(block.split())
        if _FIRST_SECTION.match(paragraph):
            break
        if paragraph:
            paragraphs.append(paragraph)
    return paragraphs


def _relation(paragraph: str) -> str | None:
    head = fold(paragraph.lstrip(_MARKUP))
    for words, relation in _LEAD_INS:
        if head.startswith(words):
            return str(relation)
    return None


def _searchable(text: str) -> str:
    return nfc(text).replace("–", "-").replace("—", "-").upper().replace("Đ", "D")


def _number_pattern(number: str) -> re.Pattern[str] | None:
    key = document_number_key(number)
    if not key:
        return None
    spaced = r"\s*".join(re.escape(ch) for ch in key)
    return re.compile(rf"(?<![\w/-]){spaced}(?![\w/-])")
