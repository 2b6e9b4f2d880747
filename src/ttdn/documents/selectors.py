"""Reads of documents: the searchable list, one document, and the two citation chains.

Documents are public facts: every signed-in official may read them. The chains are walked
breadth-first with one query per level, so a page costs as many queries as the chain is deep;
each document is then shown once, at the deepest place it reaches.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet

from ttdn.core.errors import NotFound
from ttdn.documents.models import Citation, Document
from ttdn.documents.numbers import document_number_key
from ttdn.text.normalize import fold

MAX_CHAIN_DEPTH = 10


@dataclass
class ChainNode:
    """A document reached through citations, `depth` steps away on the longest path, through
    the document `via_id`; `children` go one step further."""

    document: Document
    relation: str
    depth: int
    via_id: int
    children: list[ChainNode] = field(default_factory=list)


def documents_search(*, q: str = "", kind: str = "") -> QuerySet[Document]:
    """Accent-insensitive search on number, kind, title and issuer ("57-kl" finds 57-KL/TW)."""
    documents = Document.objects.annotate(
        cites_count=Count("cites", distinct=True), cited_by_count=Count("cited_by", distinct=True)
    ).order_by("-date", "number", "pk")
    for token in fold(q).split():
        documents = documents.filter(search_key__contains=token)
    if kind:
        documents = documents.filter(kind__iexact=kind)
    return documents


def document_get(*, pk: int) -> Document:
    document = Document.objects.select_related("issuer_unit").filter(pk=pk).first()
    if document is None:
        raise NotFound("Không tìm thấy văn bản.")
    return document


def document_find(*, number: str | None, year: int | None) -> Document | None:
    """The document this number means: same normalised number and year of issue; a record
    whose year is unknown matches when it is the only one with that number."""
    key = document_number_key(number)
    if not key:
        return None
    same = list(Document.objects.filter(number_key=key).order_by("pk"))
    if year is not None:
        exact = [document for document in same if document.year == year]
        same = exact or [document for document in same if document.year is None]
    return same[0] if len(same) == 1 else None


def document_implements(*, document: Document, max_depth: int = MAX_CHAIN_DEPTH) -> list[ChainNode]:
    """What `document` implements or rests on, and what those do in turn (the chain upwards)."""
    return _chain(document, upwards=True, max_depth=max_depth)


def document_implemented_by(
    *, document: Document, max_depth: int = MAX_CHAIN_DEPTH
) -> list[ChainNode]:
    """Which documents implement `document`, directly or through others (the chain downwards):
    Kết luận 57-KL/TW ← a province plan ← a city plan."""
    return _chain(document, upwards=False, max_depth=max_depth)


def chain_flat(nodes: Iterable[ChainNode]) -> list[ChainNode]:
    """The tree in reading order (parent before its children)."""
    flat: list[ChainNode] = []
    stack = list(reversed(list(nodes)))
    while stack:
        node = stack.pop()
        flat.append(node)
        stack.extend(reversed(node.children))
    return flat


def _chain(document: Document, *, upwards: bool, max_depth: int) -> list[ChainNode]:
    near, far = ("from_document", "to_document") if upwards else ("to_document", "from_document")
    edges: dict[int, list[tuple[int, str]]] = {}
    found: dict[int, Document] = {}
    frontier, level = [document.pk], 0
    while frontier and level < max_depth:  # one query per level of the cascade
        links = (
            Citation.objects.filter(**{f"{near}_id__in": frontier})
            .select_related(far)
            .order_by(f"{far}__date", f"{far}__number", f"{far}_id")
        )
        frontier = []
        for link in links:
            target: Document = getattr(link, far)
            edges.setdefault(getattr(link, f"{near}_id"), []).append((target.pk, link.relation))
            if target.pk not in found and target.pk != document.pk:
                found[target.pk] = target
                frontier.append(target.pk)
        level += 1
    return _tree(document.pk, edges, found)


def _tree(
    root: int, edges: dict[int, list[tuple[int, str]]], found: dict[int, Document]
) -> list[ChainNode]:
    """Each document once, at its deepest place: a city plan citing 57-KL/TW both directly and
    through the province plan sits under the province plan. Citation cycles are cut."""
    order = _topological(root, edges)
    position = {pk: i for i, pk in enumerate(order)}
    nodes: dict[int, ChainNode] = {}
    for source in order:
        depth = nodes[source].depth if source in nodes else 0
        for target, relation in edges.get(source, ()):
            if position[target] <= position[source]:
                continue  # an edge back up a cycle
            if target not in nodes or nodes[target].depth < depth + 1:
                nodes[target] = ChainNode(found[target], relation, depth + 1, source)
    roots: list[ChainNode] = []
    for pk in order[1:]:
        node = nodes[pk]
        (roots if node.via_id == root else nodes[node.via_id].children).append(node)
    for node in nodes.values():
        node.children.sort(key=lambda child: _rank(edges, node.document.pk, child.document.pk))
    roots.sort(key=lambda child: _rank(edges, root, child.document.pk))
    return roots


def _topological(root: int, edges: dict[int, list[tuple[int, str]]]) -> list[int]:
    """Documents reachable from `root`, each after every document citing it (cycles cut)."""
    done: list[int] = []
    state = {root: "open"}
    stack = [(root, iter(edges.get(root, ())))]
    while stack:
        pk, pending = stack[-1]
        step = next(pending, None)
        if step is None:
            stack.pop()
            state[pk] = "done"
            done.append(pk)
        elif step[0] not in state:
            state[step[0]] = "open"
            stack.append((step[0], iter(edges.get(step[0], ()))))
    return done[::-1]


def _rank(edges: dict[int, list[tuple[int, str]]], source: int, target: int) -> int:
    """Where `target` comes among what `source` cites (date, then number order)."""
    return next(i for i, (pk, _) in enumerate(edges.get(source, ())) if pk == target)
