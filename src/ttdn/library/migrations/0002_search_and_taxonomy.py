"""The search index of each database (FTS5 table on SQLite; unaccent, a stored tsvector and a
GIN index on PostgreSQL) and the default taxonomy."""

from django.db import migrations

SQLITE = [
    # Prefix indexes of 2 and 3 letters: the last word of a query matches as a prefix.
    "CREATE VIRTUAL TABLE IF NOT EXISTS library_fts USING fts5(document, "
    "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')",
]
SQLITE_REVERSE = ["DROP TABLE IF EXISTS library_fts"]
POSTGRES = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    # unaccent() is only STABLE; a generated column and an index need an IMMUTABLE wrapper.
    "CREATE OR REPLACE FUNCTION ttdn_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE "
    "PARALLEL SAFE STRICT AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$",
    "ALTER TABLE library_translation ADD COLUMN search_tsv tsvector GENERATED ALWAYS AS "
    "(to_tsvector('simple', ttdn_unaccent(search_document))) STORED",
    "CREATE INDEX library_translation_search_tsv ON library_translation USING gin (search_tsv)",
]
POSTGRES_REVERSE = [
    "DROP INDEX IF EXISTS library_translation_search_tsv",
    "ALTER TABLE library_translation DROP COLUMN IF EXISTS search_tsv",
    "DROP FUNCTION IF EXISTS ttdn_unaccent(text)",
]


def _run(statements):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for sql in statements.get(vendor, []):
            schema_editor.execute(sql)

    return run


def categories_add(apps, schema_editor):
    from ttdn.library.taxonomy import DEFAULT_CATEGORIES

    category = apps.get_model("library", "Category")
    for order, (slug, name, names) in enumerate(DEFAULT_CATEGORIES, start=1):
        category.objects.get_or_create(
            slug=slug, defaults={"name": name, "names": names, "order": order * 10}
        )


class Migration(migrations.Migration):
    dependencies = [("library", "0001_items")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}),
        ),
        migrations.RunPython(categories_add, migrations.RunPython.noop),
    ]
