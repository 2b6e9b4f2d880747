"""The PostgreSQL search backend: `library_translation.search_tsv` (a generated tsvector of
`ttdn_unaccent(search_document)`) with a GIN index, and the lexicon `library_search_term` (each
lexeme with the number of translations holding it, kept by triggers; migration 0003). The
lexicon turns a query's unfinished last word into the exact lexemes it starts and bounds the
number of matches; every step is one round trip (measured: on a shared 2-core machine a round
trip costs as much as the work)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection
from django.db.models import QuerySet

from ttdn.library.models import Translation


@dataclass(frozen=True)
class PostgresQuery:
    """A query as PostgreSQL runs it. `match` is the WHERE: the last word expanded into the
    exact lexemes it starts (GIN looks each up directly, where a prefix match gathers every
    posting of every word the prefix starts: 12–45 ms for "con co", measured). `rank` is the
    query as typed, for ts_rank, so the ranking never depends on the lexicon."""

    match: str
    rank: str
    at_most: int | None  # an upper bound on the matching translations; None: unknown
    at_least: int  # a lower bound
    newest_id: int


class PostgresFullTextBackend:
    """Queries are folded by `ttdn.text.normalize.fold` (lowercase, no diacritics, đ → d), as
    unaccent folds the text."""

    # Past this many lexemes for one unfinished word, GIN's prefix match is used instead.
    EXPANSION_LIMIT = 200
    WINDOW = 2048  # the smallest window of newest ids searched for newest-first results
    PREFETCH = 200  # newest matches fetched with the count of a too-common query

    def __init__(self) -> None:
        self._queries: dict[tuple[str, ...], PostgresQuery | None] = {}
        self._newest: dict[tuple[str, ...], list[int]] = {}  # the first PREFETCH

    def index(self, translations: Iterable[Translation]) -> None:
        return None  # a generated column; the lexicon follows by trigger

    def remove(self, ids: Iterable[int]) -> None:
        return None  # the row's deletion removes it

    @staticmethod
    def tsquery(terms: tuple[str, ...]) -> str:
        # The terms are folded already (`query_terms`); unaccent() on the query side would only
        # cost planning time (3 ms a query, measured) for the same lexemes.
        return " & ".join([*terms[:-1], f"{terms[-1]}:*"])

    def query(self, terms: tuple[str, ...]) -> PostgresQuery | None:
        """None when the lexicon proves that nothing matches. Looked up once per search."""
        if terms not in self._queries:
            self._queries[terms] = self._lookup(terms)
        return self._queries[terms]

    def _lookup(self, terms: tuple[str, ...]) -> PostgresQuery | None:
        *leading, last = terms
        with connection.cursor() as cursor:
            cursor.execute(
                "(SELECT term, documents, true FROM library_search_term WHERE term = ANY(%s)) "
                "UNION ALL (SELECT term, documents, false FROM library_search_term "
                "WHERE term LIKE %s LIMIT %s) "
                "UNION ALL SELECT '', coalesce(max(id), 0), NULL FROM library_translation",
                [leading, last + "%", self.EXPANSION_LIMIT + 1],
            )
            rows = cursor.fetchall()
        exact = {term: documents for term, documents, is_exact in rows if is_exact}
        starting = [(term, documents) for term, documents, is_exact in rows if is_exact is False]
        if len(exact) < len(leading) or not starting:
            return None  # a word no translation has
        complete = len(starting) <= self.EXPANSION_LIMIT
        match = self.tsquery(terms)
        if complete:
            match = " & ".join([*leading, "(" + " | ".join(t for t, _d in starting) + ")"])
        bounds = [*exact.values(), *([sum(d for _t, d in starting)] if complete else [])]
        return PostgresQuery(
            match=match,
            rank=self.tsquery(terms),
            at_most=min(bounds) if bounds else None,
            at_least=0 if leading else max(d for _t, d in starting),
            newest_id=next(d for _t, d, is_exact in rows if is_exact is None),
        )

    def _window(self, query: PostgresQuery, offset: int, limit: int) -> int:
        # Four times the span that would hold offset + limit matches were `at_most` of them
        # spread evenly (at_most is an upper bound, so the span may still come out short).
        matches = max(query.at_most or query.newest_id, 1)
        return max(self.WINDOW, 4 * (offset + limit) * query.newest_id // matches)

    def scored(self, terms: tuple[str, ...], most: int) -> list[tuple[int, float]] | None:
        query = self.query(terms)
        if query is None:
            return []
        if query.at_least > most:
            return None
        uncertain = query.at_most is None or query.at_most > most
        if uncertain and self._count_or_newest(terms, query, most):
            return None
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT id, ts_rank(search_tsv, to_tsquery('simple', %s)) "
                "FROM library_translation WHERE search_tsv @@ to_tsquery('simple', %s)",
                [query.rank, query.match],
            )
            return [(row[0], float(row[1])) for row in cursor.fetchall()]

    def _count_or_newest(self, terms: tuple[str, ...], query: PostgresQuery, most: int) -> bool:
        """Whether more than `most` translations match; when so, the first batch of newest
        matches comes back in the same round trip."""
        with connection.cursor() as cursor:
            # MATERIALIZED: planned without the LIMIT (a bitmap scan of the GIN index, not a
            # sequential scan hoping for early matches), yet read only as far as the LIMIT.
            cursor.execute(
                "WITH found AS MATERIALIZED (SELECT id FROM library_translation "
                "WHERE search_tsv @@ to_tsquery('simple', %(match)s)), "
                "counted AS (SELECT count(*) AS n FROM (SELECT id FROM found LIMIT %(over)s) f) "
                "SELECT n, CASE WHEN n > %(most)s THEN ARRAY(SELECT id FROM library_translation "
                "WHERE search_tsv @@ to_tsquery('simple', %(match)s) AND id > %(floor)s "
                "ORDER BY id DESC LIMIT %(limit)s) END FROM counted",
                {
                    "match": query.match,
                    "over": most + 1,
                    "most": most,
                    "floor": query.newest_id - self._window(query, 0, self.PREFETCH),
                    "limit": self.PREFETCH,
                },
            )
            count, newest = cursor.fetchone()
        if count <= most:
            return False
        if len(newest) == self.PREFETCH:  # else the window was too small: newest_ids widens it
            self._newest[terms] = newest
        return True

    def newest_ids(self, terms: tuple[str, ...], offset: int, limit: int) -> list[int]:
        """Searched in a window of the newest ids, widened until it holds enough matches: GIN
        and the primary key intersect their bitmaps, so only the matches in the window are
        read (sorting all matches reads every one; walking the key backwards, every row)."""
        if offset == 0 and limit <= len(self._newest.get(terms, ())):
            return self._newest[terms][:limit]
        query = self.query(terms)
        if query is None:
            return []
        span = self._window(query, offset, limit)
        with connection.cursor() as cursor:
            while True:
                cursor.execute(
                    "SELECT id FROM library_translation "
                    "WHERE search_tsv @@ to_tsquery('simple', %s) AND id > %s "
                    "ORDER BY id DESC LIMIT %s OFFSET %s",
                    [query.match, query.newest_id - span, limit, offset],
                )
                ids = [row[0] for row in cursor.fetchall()]
                if len(ids) == limit or span >= query.newest_id:
                    return ids
                span *= 4

    def among_ids(self, among: QuerySet[Translation], ids: list[int]) -> QuerySet[Translation]:
        return among.filter(pk__in=ids)
