"""Read an uploaded plan file: the parser's ParsedPlan plus how its lead-in cites each reference.

Bytes are capped before anything reads them; a parse failure becomes a ValidationFailed with the
parser's Vietnamese message, so callers (CLI, API, web draft) map it like any bad input.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from ttdn.core.errors import ValidationFailed
from ttdn.documents.citations import citation_relations
from ttdn.plans.parsing import MAX_FILE_BYTES, ParsedPlan, PlanParseError, parse_text


@dataclass(frozen=True)
class PlanReading:
    parsed: ParsedPlan
    relations: dict[str, str]  # printed reference number → "implements" | "based_on"
    source_name: str
    source_sha256: str


def plan_size_check(size: int, filename: str) -> None:
    """Refuse a file over the parser's limit before reading it."""
    if size > MAX_FILE_BYTES:
        raise ValidationFailed(
            f"Tệp {Path(filename).name} quá lớn ({size / 1048576:.1f} MB); giới hạn là "
            f"{MAX_FILE_BYTES // 1048576} MB."
        )


def plan_read(*, data: bytes, filename: str) -> PlanReading:
    """`parse_bytes` in two steps, so the text the parser read also gives the citations'
    relations ("Căn cứ …" / "Thực hiện …"), which the plan schema does not carry."""
    plan_size_check(len(data), filename)
    name = Path(filename).name
    # Imported when a file is read, as parse_bytes does.
    from ttdn.plans.parsing.readers import read_document

    try:
        text = read_document(data, name)
        parsed = parse_text(text, source=name, province=settings.TTDN_PROVINCE or None)
    except PlanParseError as exc:
        raise ValidationFailed(exc.message, details={"code": exc.code}) from exc
    relations = citation_relations(text, (reference.number for reference in parsed.references))
    return PlanReading(parsed, relations, name, hashlib.sha256(data).hexdigest())


def plan_file_bytes(path: Path) -> bytes:
    """A plan file's bytes, its size checked before it is read."""
    try:
        plan_size_check(path.stat().st_size, path.name)
        return path.read_bytes()
    except OSError as exc:
        raise ValidationFailed(f"Không mở được tệp {path.name}: {exc.strerror}.") from exc
