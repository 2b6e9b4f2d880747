"""Full-text search behind one interface: SQLite FTS5 over accent-folded text by default,
PostgreSQL full-text (`unaccent` + a stored tsvector) on PostgreSQL. Both rank matching
translations; callers pass the queryset of what the reader may see (`visibility`), so search
never widens it. Highlighting is done once, in `html.snippet`, for both."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Protocol

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from ttdn.library.models import Translation
from ttdn.text.normalize import fold_tokens

MAX_TERMS = 8
BATCH = 1000


def query_terms(q: str) -> tuple[str, ...]:
    """The folded words of a query: 'Quảng Bình' and 'quang binh' give ('quang', 'binh')."""
    terms = [term[:40] for term in fold_tokens(q or "")]
    return tuple(dict.fromkeys(terms))[:MAX_TERMS]


class SearchBackend(Protocol):
    def index(self, translations: Iterable[Translation]) -> None: ...

    def remove(self, ids: Iterable[int]) -> None: ...

    def ranked_ids(self, terms: tuple[str, ...], offset: int, limit: int) -> list[int]: ...

    def among_ids(self, among: QuerySet[Translation], ids: list[int]) -> QuerySet[Translation]: ...


class SqliteFts5Backend:
    """FTS5 table `library_fts(document)`, rowid = translation id, text folded by `fold`."""

    def index(self, translations: Iterable[Translation]) -> None:
        from ttdn.text.normalize import fold

        rows = [(t.pk, fold(t.search_document)) for t in translations]
        with connection.cursor() as cursor:
            cursor.executemany("DELETE FROM library_fts WHERE rowid = %s", [(r[0],) for r in rows])
            cursor.executemany("INSERT INTO library_fts(rowid, document) VALUES (%s, %s)", rows)

    def remove(self, ids: Iterable[int]) -> None:
        with connection.cursor() as cursor:
            cursor.executemany("DELETE FROM library_fts WHERE rowid = %s", [(i,) for i in ids])

    def ranked_ids(self, terms: tuple[str, ...], offset: int, limit: int) -> list[int]:
        match = " ".join(f'"{term}"*' for term in terms)  # terms are letters and digits only
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT rowid FROM library_fts WHERE library_fts MATCH %s "
                "ORDER BY rank, rowid DESC LIMIT %s OFFSET %s",
                [match, limit, offset],
            )
            return [row[0] for row in cursor.fetchall()]

    def among_ids(self, among: QuerySet[Translation], ids: list[int]) -> QuerySet[Translation]:
        # A plain `IN (1000 values)` makes SQLite walk every visible item and probe each value;
        # a json_each() subquery makes it start from the ids, one primary-key lookup each.
        return among.filter(pk__in=RawSQL("SELECT value FROM json_each(%s)", [json.dumps(ids)]))


class PostgresFullTextBackend:
    """`library_translation.search_tsv`, a stored tsvector of `ttdn_unaccent(search_document)`
    (a generated column: the database keeps it current), with a GIN index."""

    def index(self, translations: Iterable[Translation]) -> None:
        return None  # generated column

    def remove(self, ids: Iterable[int]) -> None:
        return None  # the row's deletion removes it

    def ranked_ids(self, terms: tuple[str, ...], offset: int, limit: int) -> list[int]:
        tsquery = " & ".join(f"{term}:*" for term in terms)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT id FROM library_translation "
                "WHERE search_tsv @@ to_tsquery('simple', ttdn_unaccent(%s)) "
                "ORDER BY ts_rank(search_tsv, to_tsquery('simple', ttdn_unaccent(%s))) DESC, "
                "id DESC LIMIT %s OFFSET %s",
                [tsquery, tsquery, limit, offset],
            )
            return [row[0] for row in cursor.fetchall()]

    def among_ids(self, among: QuerySet[Translation], ids: list[int]) -> QuerySet[Translation]:
        return among.filter(pk__in=ids)


def search_backend() -> SearchBackend:
    if connection.vendor == "postgresql":
        return PostgresFullTextBackend()
    return SqliteFts5Backend()


def search(q: str, among: QuerySet[Translation], limit: int = 50) -> list[Translation]:
    """The best `limit` translations of `among` matching every word of `q`, best first.

    The backend ranks all matches; `among` (the caller's visibility) filters them in batches,
    so an item the reader may not see is never returned, however well it ranks."""
    terms = query_terms(q)
    if not terms:
        return []
    backend = search_backend()
    found: list[int] = []
    offset = 0
    while len(found) < limit:
        ids = backend.ranked_ids(terms, offset, BATCH)
        if not ids:
            break
        visible = set(backend.among_ids(among, ids).values_list("pk", flat=True))
        found.extend(i for i in ids if i in visible)
        offset += BATCH
    rows = {t.pk: t for t in among.filter(pk__in=found[:limit])}
    return [rows[i] for i in found[:limit] if i in rows]
