"""Writes to documents and citations, called by the plan importer inside its transaction.

The importer checks the permission (`plans.import_plan`) before calling these; they record the
acting user in the audit trail like every service.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ttdn.documents.models import Citation, CitationRelation, Document
from ttdn.documents.numbers import document_number_key, document_year
from ttdn.documents.selectors import document_find
from ttdn.text.normalize import fold, nfc
from ttdn.units.models import Unit
from ttdn.units.services import save_audited

FILLED_FIELDS = ("kind", "date", "issuer", "issuer_unit", "title", "year")


def document_search_key(document: Document) -> str:
    parts = (document.number, document.kind, document.title, document.issuer)
    return " ".join(fold(part) for part in parts if part)


def document_upsert(
    *,
    actor: Any,
    number: str | None,
    kind: str | None = None,
    date: dt.date | None = None,
    issuer: str | None = None,
    issuer_unit: Unit | None = None,
    title: str | None = None,
    year: int | None = None,
    overwrite: bool = False,
) -> Document:
    """The document with this number, created or reused; a blank number always creates one.

    A reused document keeps what it knows and gains the fields it lacked, unless `overwrite`
    (the plan's own header is the authority on the plan's document).
    """
    key = document_number_key(number)
    year = year or document_year(number, date)
    document = document_find(number=number, year=year)
    if document is None:
        document = Document(number=_clean(number) if key else "", number_key=key)
    values = {
        "kind": _clean(kind),
        "date": date,
        "issuer": _clean(issuer),
        "issuer_unit": issuer_unit,
        "title": _clean(title),
        "year": year,
    }
    changed = document.pk is None
    for field in FILLED_FIELDS:
        value = values[field]
        if value in (None, "") or (getattr(document, field) not in (None, "") and not overwrite):
            continue
        if getattr(document, field) != value:
            setattr(document, field, value)
            changed = True
    if changed:
        document.search_key = document_search_key(document)
        save_audited(document, actor)
    return document


def document_cite(
    *, actor: Any, source: Document, target: Document, relation: str = CitationRelation.IMPLEMENTS
) -> Citation | None:
    """Record that `source` cites `target` (once); a document citing itself records nothing."""
    if source.pk == target.pk:
        return None
    citation = Citation.objects.filter(from_document=source, to_document=target).first()
    if citation is not None:
        return citation
    citation = Citation(from_document=source, to_document=target, relation=relation)
    save_audited(citation, actor)
    return citation


def document_citations_clear(*, actor: Any, document: Document) -> None:
    """Forget what `document` cites (a re-imported plan states its citations again)."""
    for citation in Citation.objects.filter(from_document=document):
        citation._history_user = actor  # type: ignore[attr-defined]
        citation.delete()


def _clean(value: str | None) -> str:
    return " ".join(nfc(value or "").split())
