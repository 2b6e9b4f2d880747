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
        try:
            text = read_document(data, name)
        except PlanParseError as exc:
            text = _read_converted(data, name, exc)
        parsed = parse_text(text, source=name, province=settings.TTDN_PROVINCE or None)
    except PlanParseError as exc:
        raise ValidationFailed(exc.message, details={"code": exc.code}) from exc
    relations = citation_relations(text, (reference.number for reference in parsed.references))
    return PlanReading(parsed, relations, name, hashlib.sha256(data).hexdigest())


def _older_format(data: bytes, error: PlanParseError) -> str | None:
    """The suffix LibreOffice needs for a format offices still send and the parser does not read:
    Word 97–2003 (.doc), RTF, OpenDocument text (.odt); None for anything else."""
    if error.code == "legacy_doc":
        return "doc"
    if data.startswith(b"{\\rtf"):
        return "rtf"
    if data.startswith(b"PK\x03\x04") and data[30:38] == b"mimetype" and _ODT in data[38:120]:
        return "odt"
    return None


_ODT = b"application/vnd.oasis.opendocument.text"


def _read_converted(data: bytes, name: str, error: PlanParseError) -> str:
    """Read a .doc/.rtf/.odt plan through LibreOffice's .docx, when the server has LibreOffice;
    otherwise (or when it fails) the reader's own refusal, saying how to save it as .docx."""
    from ttdn.core.office import ConversionUnavailable, libreoffice_path, office_to_docx
    from ttdn.plans.parsing.readers import read_document

    suffix = _older_format(data, error)
    if suffix is None or libreoffice_path() is None:
        raise error
    try:
        converted = office_to_docx(data, suffix)
    except ConversionUnavailable as exc:
        raise PlanParseError(f"{error.message} ({exc.message})", code=error.code) from exc
    return read_document(converted, f"{Path(name).stem}.docx")


def plan_file_bytes(path: Path) -> bytes:
    """A plan file's bytes, its size checked before it is read."""
    try:
        plan_size_check(path.stat().st_size, path.name)
        return path.read_bytes()
    except OSError as exc:
        raise ValidationFailed(f"Không mở được tệp {path.name}: {exc.strerror}.") from exc
