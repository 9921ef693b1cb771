from django.db import migrations

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE publishing_searchdoc_fts USING fts5("
    "words, content='publishing_searchdoc', content_rowid='item_id', tokenize='unicode61')",
    "CREATE TRIGGER publishing_searchdoc_ai AFTER INSERT ON publishing_searchdoc BEGIN "
    "INSERT INTO publishing_searchdoc_fts(rowid, words) VALUES (new.item_id, new.words); END",
    "CREATE TRIGGER publishing_searchdoc_ad AFTER DELETE ON publishing_searchdoc BEGIN "
    "INSERT INTO publishing_searchdoc_fts(publishing_searchdoc_fts, rowid, words) "
    "VALUES ('delete', old.item_id, old.words); END",
    "CREATE TRIGGER publishing_searchdoc_au AFTER UPDATE ON publishing_searchdoc BEGIN "
    "INSERT INTO publishing_searchdoc_fts(publishing_searchdoc_fts, rowid, words) "
    "VALUES ('delete', old.item_id, old.words); "
    "INSERT INTO publishing_searchdoc_fts(rowid, words) VALUES (new.item_id, new.words); END",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS publishing_searchdoc_ai",
    "DROP TRIGGER IF EXISTS publishing_searchdoc_ad",
    "DROP TRIGGER IF EXISTS publishing_searchdoc_au",
    "DROP TABLE IF EXISTS publishing_searchdoc_fts",
]
POSTGRES_FORWARD = [
    "ALTER TABLE publishing_searchdoc ADD COLUMN tsv tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', words)) STORED",
    "CREATE INDEX publishing_searchdoc_tsv ON publishing_searchdoc USING gin (tsv)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS publishing_searchdoc_tsv",
    "ALTER TABLE publishing_searchdoc DROP COLUMN IF EXISTS tsv",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


def seed_terms(apps, schema_editor):
    from gongkai.publishing.vocab import default_terms

    Term = apps.get_model("publishing", "Term")
    for scheme, code, name, order in default_terms():
        Term.objects.get_or_create(scheme=scheme, code=code, defaults={"name": name, "order": order})


class Migration(migrations.Migration):
    dependencies = [("publishing", "0001_initial")]

    operations = [
        migrations.RunPython(seed_terms, migrations.RunPython.noop),
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        ),
    ]
