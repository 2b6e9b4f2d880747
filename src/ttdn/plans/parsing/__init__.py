"""PURE plan parser: a KẾ HOẠCH file (.docx, .pdf, .md, .txt) -> `ParsedPlan`.

No Django, no app imports (a test enforces it). Readers turn a file into the parser's text form
(paragraphs separated by blank lines, printed numbering labels, `**bold**`/`*italic*` hints,
table rows as tab-separated cells); `parse_text` turns that text into the plan.
"""

from __future__ import annotations

from pathlib import Path

from ttdn.plans.parsing.model import (
    DocumentInfo,
    ParsedPlan,
    ParseWarning,
    PlanParseError,
    Reference,
    Section,
    Task,
)

__all__ = [
    "MAX_FILE_BYTES",
    "DocumentInfo",
    "ParseWarning",
    "ParsedPlan",
    "PlanParseError",
    "Reference",
    "Section",
    "Task",
    "parse_bytes",
    "parse_file",
    "parse_text",
]

MAX_FILE_BYTES = 20 * 1024 * 1024


def parse_text(text: str, *, source: str = "", province: str | None = None) -> ParsedPlan:
    """Parse the text form of a plan; raises PlanParseError when it is not a plan."""
    from ttdn.plans.parsing.parser import parse

    return parse(text, source=source, province=province)


def parse_bytes(data: bytes, filename: str, *, province: str | None = None) -> ParsedPlan:
    """Read a file's bytes (type told by content, the name only for the message) and parse."""
    from ttdn.plans.parsing.readers import read_document

    return parse_text(read_document(data, filename), source=Path(filename).name, province=province)


def parse_file(path: str | Path, *, province: str | None = None) -> ParsedPlan:
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise PlanParseError(f"Không mở được tệp {path.name}: {exc.strerror}.", code="io") from exc
    if size > MAX_FILE_BYTES:
        raise PlanParseError(
            f"Tệp {path.name} quá lớn ({size / 1048576:.1f} MB); giới hạn là "
            f"{MAX_FILE_BYTES // 1048576} MB.",
            code="too_large",
        )
    return parse_bytes(path.read_bytes(), path.name, province=province)
