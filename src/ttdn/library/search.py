"""Full-text search behind one interface: SQLite FTS5 over accent-folded text by default,
PostgreSQL full-text (`unaccent`, a stored tsvector and a lexicon: `search_postgres`) on
PostgreSQL. Both score the matching translations; callers pass the queryset of what the reader
may see (`visibility`), so search never widens it. Highlighting is done once, in
`html.snippet`, for both."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Protocol

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from ttdn.library.models import Translation
from ttdn.library.search_postgres import PostgresFullTextBackend
from ttdn.text.normalize import fold, fold_tokens

MAX_TERMS = 8
BATCH = 200
# Past this many matches a query is too common to rank usefully (and scoring every match would
# be slow): its newest matches come first instead.
RANK_LIMIT = 1000


def query_terms(q: str) -> tuple[str, ...]:
    """The folded words of a query: 'Quảng Bình' and 'quang binh' give ('quang', 'binh')."""
    terms = [term[:40] for term in fold_tokens(q or "")]
    return tuple(dict.fromkeys(terms))[:MAX_TERMS]


class SearchBackend(Protocol):
    """Every word must match; the last one also as the start of a longer word."""

    def index(self, translations: Iterable[Translation]) -> None: ...

    def remove(self, ids: Iterable[int]) -> None: ...

    def scored(self, terms: tuple[str, ...], most: int) -> list[tuple[int, float]] | None:
        """The matching translation ids with their relevance (higher is better), or None when
        more than `most` translations match."""
        ...

    def newest_ids(self, terms: tuple[str, ...], offset: int, limit: int) -> list[int]: ...

    def visible(self, among: QuerySet[Translation], ids: list[int], most: int) -> list[Translation]:
        """The translations of `ids` that `among` holds, in the order of `ids`, `most` at most."""
        ...


class SqliteFts5Backend:
    """FTS5 table `library_fts(document)`, rowid = translation id, text folded by `fold`."""

    def index(self, translations: Iterable[Translation]) -> None:
        rows = [(t.pk, fold(t.search_document)) for t in translations]
        with connection.cursor() as cursor:
            cursor.executemany("DELETE FROM library_fts WHERE rowid = %s", [(r[0],) for r in rows])
            cursor.executemany("INSERT INTO library_fts(rowid, document) VALUES (%s, %s)", rows)

    def remove(self, ids: Iterable[int]) -> None:
        with connection.cursor() as cursor:
            cursor.executemany("DELETE FROM library_fts WHERE rowid = %s", [(i,) for i in ids])

    @staticmethod
    def _match(terms: tuple[str, ...]) -> str:
        # Terms are letters and digits only, so quoting them is enough.
        return " ".join([f'"{term}"' for term in terms[:-1]] + [f'"{terms[-1]}"*'])

    def scored(self, terms: tuple[str, ...], most: int) -> list[tuple[int, float]] | None:
        with connection.cursor() as cursor:
            # Counting first is cheap here (no bm25 computed); scoring a common word is not.
            cursor.execute(
                "SELECT rowid FROM library_fts WHERE library_fts MATCH %s LIMIT 1 OFFSET %s",
                [self._match(terms), most],
            )
            if cursor.fetchone() is not None:
                return None
            cursor.execute(
                "SELECT rowid, rank FROM library_fts WHERE library_fts MATCH %s",
                [self._match(terms)],
            )
            return [(row[0], -row[1]) for row in cursor.fetchall()]  # bm25: lower is better

    def newest_ids(self, terms: tuple[str, ...], offset: int, limit: int) -> list[int]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT rowid FROM library_fts WHERE library_fts MATCH %s "
                "ORDER BY rowid DESC LIMIT %s OFFSET %s",
                [self._match(terms), limit, offset],
            )
            return [row[0] for row in cursor.fetchall()]

    def visible(self, among: QuerySet[Translation], ids: list[int], most: int) -> list[Translation]:
        # A plain `IN (…values)` makes SQLite walk every visible item and probe each value;
        # a json_each() subquery makes it start from the ids, one primary-key lookup each.
        # In-process SQLite has no round trip to save: keys first, then only the rows wanted.
        held = among.filter(pk__in=RawSQL("SELECT value FROM json_each(%s)", [json.dumps(ids)]))
        visible = set(held.values_list("pk", flat=True))
        wanted = [pk for pk in ids if pk in visible][:most]
        rows = {t.pk: t for t in among.filter(pk__in=wanted).defer("search_document")}
        return [rows[pk] for pk in wanted if pk in rows]


def search_backend() -> SearchBackend:
    if connection.vendor == "postgresql":
        return PostgresFullTextBackend()
    return SqliteFts5Backend()


def _batches(backend: SearchBackend, terms: tuple[str, ...]) -> Iterator[list[int]]:
    """Matching ids, best first, BATCH at a time: by relevance, or newest first when there
    are more than RANK_LIMIT matches."""
    scored = backend.scored(terms, RANK_LIMIT)
    if scored is not None:
        ordered = [pk for pk, _score in sorted(scored, key=lambda p: (-p[1], -p[0]))]
        for start in range(0, len(ordered), BATCH):
            yield ordered[start : start + BATCH]
        return
    offset = 0
    while ids := backend.newest_ids(terms, offset, BATCH):
        yield ids
        offset += BATCH


def search(q: str, among: QuerySet[Translation], limit: int = 50) -> list[Translation]:
    """The best `limit` translations of `among` matching every word of `q`, best first.

    `among` (the caller's visibility) filters the matches batch by batch, so an item the reader
    may not see is never returned, however well it ranks."""
    terms = query_terms(q)
    if not terms:
        return []
    backend = search_backend()
    found: list[Translation] = []
    for ids in _batches(backend, terms):
        found.extend(backend.visible(among, ids, limit - len(found)))
        if len(found) >= limit:
            break
    return found
