"""The PostgreSQL search backend: `library_translation.search_tsv` (a generated tsvector of
`ttdn_unaccent(search_document)`) with a GIN index, the lexicon `library_search_term` (each
lexeme with the number of translations holding it, kept by triggers) and `ttdn_search`, which
plans and runs a query in one round trip (all three: migration 0003). On a shared 2-core
server a round trip costs as much as the work, so a search is two: `ttdn_search`, then the
visible rows loaded in order."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection
from django.db.models import BooleanField, QuerySet
from django.db.models.expressions import RawSQL

from ttdn.library.models import Translation


class PostgresFullTextBackend:
    """Queries are folded by `ttdn.text.normalize.fold` (lowercase, no diacritics, đ → d), as
    unaccent folds the text. `ttdn_search` expands the last, unfinished word into the exact
    lexemes it starts (GIN looks each up directly, where a prefix match gathers every posting
    of every word the prefix starts: 12–45 ms for "con co", measured) but ranks with the query
    as typed, so the ranking never depends on the lexicon."""

    # Past this many lexemes for one unfinished word, GIN's prefix match is used instead.
    EXPANSION_LIMIT = 200
    WINDOW = 2048  # the smallest window of newest ids searched for newest-first results
    PREFETCH = 200  # newest matches returned with the answer "too common to rank"

    def __init__(self) -> None:
        self._match: dict[tuple[str, ...], str] = {}
        self._newest: dict[tuple[str, ...], list[int]] = {}

    def index(self, translations: Iterable[Translation]) -> None:
        return None  # a generated column; the lexicon follows by trigger

    def remove(self, ids: Iterable[int]) -> None:
        return None  # the row's deletion removes it

    def scored(self, terms: tuple[str, ...], most: int) -> list[tuple[int, float]] | None:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT match, newest, ids, scores "
                "FROM ttdn_search(%s::text[], %s, %s, %s, %s, %s)",
                [
                    list(terms[:-1]),
                    terms[-1],
                    most,
                    self.PREFETCH,
                    self.EXPANSION_LIMIT,
                    self.WINDOW,
                ],
            )
            row = cursor.fetchone()
        if row is None:
            return []  # a word no translation has
        match, newest, ids, scores = row
        self._match[terms] = match
        if newest:
            self._newest[terms] = ids
            return None
        return list(zip(ids or [], scores or [], strict=True))

    def newest_ids(self, terms: tuple[str, ...], offset: int, limit: int) -> list[int]:
        """Usually served from what `scored` fetched when it answered "too common"."""
        if terms not in self._match and self.scored(terms, most=-1) == []:
            return []  # nothing matches (most=-1: any match is "too common", so it prefetches)
        prefetched = self._newest.get(terms, [])
        if offset + limit <= len(prefetched) or len(prefetched) < self.PREFETCH:
            return prefetched[offset : offset + limit]  # a short prefetch holds every match
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT id FROM library_translation "
                "WHERE search_tsv @@ %s::tsquery "
                "ORDER BY id DESC LIMIT %s OFFSET %s",
                [self._match[terms], limit, offset],
            )
            return [row[0] for row in cursor.fetchall()]

    def visible(self, among: QuerySet[Translation], ids: list[int], most: int) -> list[Translation]:
        """The translations of `ids` that `among` holds, in the order of `ids`, `most` at most:
        one query."""
        # One array parameter each, not 200 placeholders (their quoting cost 1–2 ms, measured).
        held = RawSQL('"library_translation"."id" = ANY(%s)', [ids], output_field=BooleanField())
        position = RawSQL('array_position(%s, "library_translation"."id")', [ids])
        rows = among.filter(held).defer("search_document").alias(position=position)
        return list(rows.order_by("position")[:most])
