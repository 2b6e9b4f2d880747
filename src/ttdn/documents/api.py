"""API routes of the document register (thin: schemas + selectors)."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from ttdn.documents import selectors
from ttdn.documents.models import Document

router = Router(tags=["Văn bản"])


class DocumentOut(Schema):
    id: int
    number: str
    kind: str
    date: dt.date | None
    issuer: str
    issuer_unit_id: int | None
    title: str
    year: int | None


class ChainLinkOut(DocumentOut):
    relation: str
    depth: int
    via_id: int


class DocumentDetailOut(DocumentOut):
    plan_id: int | None
    implements: list[ChainLinkOut]
    implemented_by: list[ChainLinkOut]


@router.get("", response=list[DocumentOut], summary="Danh sách văn bản")
@paginate(LimitOffsetPagination)
def documents_list(request: HttpRequest, q: str = "", kind: str = "") -> object:
    return selectors.documents_search(q=q[:200], kind=kind)


@router.get(
    "/{document_id}",
    response=DocumentDetailOut,
    summary="Chi tiết văn bản, văn bản nó thực hiện và các văn bản thực hiện nó",
)
def document_detail(request: HttpRequest, document_id: int) -> object:
    document = selectors.document_get(pk=document_id)
    return {
        **_document(document),
        "plan_id": document.plan.pk if hasattr(document, "plan") else None,
        "implements": _links(selectors.document_implements(document=document)),
        "implemented_by": _links(selectors.document_implemented_by(document=document)),
    }


def _document(document: Document) -> dict[str, object]:
    return DocumentOut.from_orm(document).dict()


def _links(nodes: list[selectors.ChainNode]) -> list[dict[str, object]]:
    return [
        {**_document(n.document), "relation": n.relation, "depth": n.depth, "via_id": n.via_id}
        for n in selectors.chain_flat(nodes)
    ]
