"""PostgreSQL: the search lexicon `library_search_term` — every lexeme of `search_tsv` with the
number of translations holding it, kept by statement-level triggers on `library_translation`
(every write path: services, bulk loads, cascading deletes, TRUNCATE) — and `ttdn_search`, the
backend's search in one round trip. It expands a query's unfinished last word into the exact
lexemes it starts, which GIN looks up quickly (a prefix match gathers every posting of every
word it starts), and the counts settle "too common to rank" without scanning when they can.
The GIN index no longer keeps a pending list. Nothing changes on SQLite (FTS5 has its own
prefix indexes)."""

from django.db import migrations

# Applies the lexemes of the rows removed (-1) and added (+1) by one statement as one net change
# per lexeme, written in lexeme order: two saves at once lock their common lexemes in the same
# order, so they wait for each other instead of deadlocking. A lexeme left in no row is deleted
# (looked up by its key: the lexicon is never scanned on a write).
TERMS_APPLY = """
CREATE OR REPLACE FUNCTION ttdn_search_terms_apply(removed tsvector[], added tsvector[])
RETURNS void LANGUAGE sql AS $$
  INSERT INTO library_search_term AS t (term, documents)
  SELECT word, sum(sign)::integer FROM (
    SELECT word, -1 AS sign FROM unnest(removed) AS v, unnest(tsvector_to_array(v)) AS word
    UNION ALL
    SELECT word, 1 FROM unnest(added) AS v, unnest(tsvector_to_array(v)) AS word) AS w
  GROUP BY word HAVING sum(sign) <> 0 ORDER BY word
  ON CONFLICT (term) DO UPDATE SET documents = t.documents + excluded.documents;
  DELETE FROM library_search_term WHERE documents <= 0 AND term IN (
    SELECT unnest(tsvector_to_array(v)) FROM unnest(removed) AS v);
$$
"""
TRIGGER_FUNCTION = """
CREATE OR REPLACE FUNCTION ttdn_search_terms_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM library_search_term;
  ELSIF TG_OP = 'INSERT' THEN
    PERFORM ttdn_search_terms_apply('{}', ARRAY(SELECT search_tsv FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM ttdn_search_terms_apply(ARRAY(SELECT search_tsv FROM old_rows), '{}');
  ELSE  -- UPDATE: only rows whose text changed
    PERFORM ttdn_search_terms_apply(
      ARRAY(SELECT o.search_tsv FROM old_rows o JOIN new_rows n USING (id)
            WHERE o.search_tsv IS DISTINCT FROM n.search_tsv),
      ARRAY(SELECT n.search_tsv FROM old_rows o JOIN new_rows n USING (id)
            WHERE o.search_tsv IS DISTINCT FROM n.search_tsv));
  END IF;
  RETURN NULL;
END $$
"""
# One round trip (on a busy server each costs as much as the work): the query's plan from the
# lexicon, then either every match ranked (at most `most` of them) or the `prefetch` newest
# matches, found in a window of the newest ids widened until it holds them (GIN and the primary
# key intersect their bitmaps: only matches in the window are read). EXECUTE plans each
# statement for its actual query. No row back: nothing matches.
SEARCH_FUNCTION = r"""
CREATE OR REPLACE FUNCTION ttdn_search(words_before text[], unfinished text, most integer,
  prefetch integer, expansion integer, min_window integer)
RETURNS TABLE (match text, newest boolean, ids integer[], scores real[])
LANGUAGE plpgsql STABLE AS $$
DECLARE
  known integer; at_most bigint; at_least bigint := 0; words text[]; documents bigint[];
  typed text := array_to_string(words_before || (unfinished || ':*'), ' & ');
  query tsquery; matches integer; newest_id integer; span bigint;
BEGIN
  SELECT count(*), min(t.documents) INTO known, at_most
    FROM library_search_term t WHERE t.term = ANY(words_before);
  SELECT array_agg(s.term), array_agg(s.documents) INTO words, documents FROM (
    SELECT t.term, t.documents FROM library_search_term t WHERE t.term LIKE unfinished || '%'
    ORDER BY t.term LIMIT expansion + 1) s;
  IF known < cardinality(words_before) OR words IS NULL THEN
    RETURN;  -- a word no translation has
  END IF;
  query := to_tsquery('simple', typed);
  IF cardinality(words) <= expansion THEN
    -- Lexemes as stored (a URL or an e-mail address is one), quoted, so never parsed again.
    query := ('(' || (SELECT string_agg('''' || replace(replace(w, '\', '\\'), '''', '''''')
      || '''', ' | ') FROM unnest(words) w) || ')')::tsquery;
    IF cardinality(words_before) > 0 THEN
      query := to_tsquery('simple', array_to_string(words_before, ' & ')) && query;
    END IF;
    at_most := least(at_most, (SELECT sum(d) FROM unnest(documents) d));
  END IF;
  match := query::text;
  at_most := coalesce(at_most, 2147483647);  -- unknown: one word, too many lexemes
  IF cardinality(words_before) = 0 THEN
    at_least := (SELECT max(d) FROM unnest(documents) d);
  END IF;
  IF at_least <= most AND at_most > most THEN
    -- MATERIALIZED: planned without the LIMIT (a bitmap scan, not a sequential scan hoping
    -- for early matches), yet read only as far as the LIMIT.
    EXECUTE 'WITH found AS MATERIALIZED (SELECT id FROM library_translation '
      'WHERE search_tsv @@ $1::tsquery) '
      'SELECT count(*) FROM (SELECT id FROM found LIMIT $2) f' INTO matches USING match, most + 1;
  END IF;
  newest := at_least > most OR (at_most > most AND matches > most);
  IF NOT newest THEN
    EXECUTE 'SELECT array_agg(id), array_agg(ts_rank(search_tsv, to_tsquery(''simple'', $2))) '
      'FROM library_translation WHERE search_tsv @@ $1::tsquery'
      INTO ids, scores USING match, typed;
    RETURN NEXT;
    RETURN;
  END IF;
  SELECT coalesce(max(t.id), 0) INTO newest_id FROM library_translation t;
  -- Four times the span that would hold `prefetch` matches were `at_most` of them spread
  -- evenly (at_most is an upper bound, so the span may come out short: it is then widened).
  span := greatest(min_window, 4 * prefetch * newest_id::bigint / greatest(at_most, 1));
  LOOP
    EXECUTE 'SELECT ARRAY(SELECT id FROM library_translation '
      'WHERE search_tsv @@ $1::tsquery AND id > $2 ORDER BY id DESC LIMIT $3)'
      INTO ids USING match, newest_id - span, prefetch;
    EXIT WHEN cardinality(ids) = prefetch OR span >= newest_id;
    span := span * 4;
  END LOOP;
  RETURN NEXT;
END $$
"""
FORWARD = [
    # "C" collation: byte order, as tsquery prefixes compare, and LIKE 'prefix%' uses the index.
    'CREATE TABLE library_search_term (term text COLLATE "C" PRIMARY KEY, '
    "documents integer NOT NULL)",
    TERMS_APPLY,
    TRIGGER_FUNCTION,
    SEARCH_FUNCTION,
    "CREATE TRIGGER library_search_term_insert AFTER INSERT ON library_translation "
    "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT "
    "EXECUTE FUNCTION ttdn_search_terms_trigger()",
    "CREATE TRIGGER library_search_term_update AFTER UPDATE ON library_translation "
    "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT "
    "EXECUTE FUNCTION ttdn_search_terms_trigger()",
    "CREATE TRIGGER library_search_term_delete AFTER DELETE ON library_translation "
    "REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT "
    "EXECUTE FUNCTION ttdn_search_terms_trigger()",
    "CREATE TRIGGER library_search_term_truncate AFTER TRUNCATE ON library_translation "
    "FOR EACH STATEMENT EXECUTE FUNCTION ttdn_search_terms_trigger()",
    "INSERT INTO library_search_term (term, documents) SELECT word, count(*) "
    "FROM library_translation, unnest(tsvector_to_array(search_tsv)) AS word GROUP BY word",
    # Searches far outnumber writes here: no pending list for searches to scan unsorted.
    "ALTER INDEX library_translation_search_tsv SET (fastupdate = off)",
    "SELECT gin_clean_pending_list('library_translation_search_tsv'::regclass)",
]
BACKWARD = [
    "ALTER INDEX library_translation_search_tsv RESET (fastupdate)",
    "DROP TRIGGER IF EXISTS library_search_term_insert ON library_translation",
    "DROP TRIGGER IF EXISTS library_search_term_update ON library_translation",
    "DROP TRIGGER IF EXISTS library_search_term_delete ON library_translation",
    "DROP TRIGGER IF EXISTS library_search_term_truncate ON library_translation",
    "DROP FUNCTION IF EXISTS ttdn_search(text[], text, integer, integer, integer, integer)",
    "DROP FUNCTION IF EXISTS ttdn_search_terms_trigger()",
    "DROP FUNCTION IF EXISTS ttdn_search_terms_apply(tsvector[], tsvector[])",
    "DROP TABLE IF EXISTS library_search_term",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            # A plain cursor, without parameters: the SQL holds literal '%' signs.
            with schema_editor.connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("library", "0002_search_and_taxonomy")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
