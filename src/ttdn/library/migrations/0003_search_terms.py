"""PostgreSQL: the search lexicon `library_search_term` — every lexeme of `search_tsv` with the
number of translations holding it, kept by statement-level triggers on `library_translation`
(every write path: services, bulk loads, cascading deletes, TRUNCATE). The search expands a
query's unfinished last word into these exact lexemes, which GIN looks up quickly, where a
prefix match would gather every posting of every word it starts; the counts settle "too common
to rank" without scanning. The GIN index no longer keeps a pending list. Nothing changes on
SQLite (FTS5 has its own prefix indexes)."""

from django.db import migrations

# Adds (sign 1) or removes (sign -1) the lexemes of a set of rows; rows of 0 are deleted.
TERMS_ADD = """
CREATE OR REPLACE FUNCTION ttdn_search_terms_add(vectors tsvector[], sign integer)
RETURNS void LANGUAGE sql AS $$
  INSERT INTO library_search_term AS t (term, documents)
  SELECT word, sign * count(*) FROM unnest(vectors) AS v, unnest(tsvector_to_array(v)) AS word
  GROUP BY word ORDER BY word
  ON CONFLICT (term) DO UPDATE SET documents = t.documents + excluded.documents;
  DELETE FROM library_search_term WHERE documents <= 0;
$$
"""
TRIGGER_FUNCTION = """
CREATE OR REPLACE FUNCTION ttdn_search_terms_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM library_search_term;
  ELSIF TG_OP = 'INSERT' THEN
    PERFORM ttdn_search_terms_add(ARRAY(SELECT search_tsv FROM new_rows), 1);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM ttdn_search_terms_add(ARRAY(SELECT search_tsv FROM old_rows), -1);
  ELSE  -- UPDATE: only rows whose text changed
    PERFORM ttdn_search_terms_add(ARRAY(SELECT o.search_tsv FROM old_rows o JOIN new_rows n
      USING (id) WHERE o.search_tsv IS DISTINCT FROM n.search_tsv), -1);
    PERFORM ttdn_search_terms_add(ARRAY(SELECT n.search_tsv FROM old_rows o JOIN new_rows n
      USING (id) WHERE o.search_tsv IS DISTINCT FROM n.search_tsv), 1);
  END IF;
  RETURN NULL;
END $$
"""
FORWARD = [
    # "C" collation: byte order, as tsquery prefixes compare, and LIKE 'prefix%' uses the index.
    'CREATE TABLE library_search_term (term text COLLATE "C" PRIMARY KEY, '
    "documents integer NOT NULL)",
    TERMS_ADD,
    TRIGGER_FUNCTION,
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
    "SELECT ttdn_search_terms_add(ARRAY(SELECT search_tsv FROM library_translation), 1)",
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
    "DROP FUNCTION IF EXISTS ttdn_search_terms_trigger()",
    "DROP FUNCTION IF EXISTS ttdn_search_terms_add(tsvector[], integer)",
    "DROP TABLE IF EXISTS library_search_term",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("library", "0002_search_and_taxonomy")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
