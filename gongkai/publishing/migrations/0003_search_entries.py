"""The search index keyed by a publication sequence (SearchEntry.id) instead of the item id, so
the newest matches come first without sorting all of them. The index is derived data: it is
dropped and rebuilt from the published items."""

import re

import django.db.models.deletion
from django.db import migrations, models

SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS publishing_searchdoc_ai",
    "DROP TRIGGER IF EXISTS publishing_searchdoc_ad",
    "DROP TRIGGER IF EXISTS publishing_searchdoc_au",
    "DROP TABLE IF EXISTS publishing_searchdoc_fts",
]
SQLITE_CREATE = [
    "CREATE VIRTUAL TABLE publishing_search_fts USING fts5("
    "words, content='publishing_searchentry', content_rowid='id', tokenize='unicode61')",
    "CREATE TRIGGER publishing_searchentry_ai AFTER INSERT ON publishing_searchentry BEGIN "
    "INSERT INTO publishing_search_fts(rowid, words) VALUES (new.id, new.words); END",
    "CREATE TRIGGER publishing_searchentry_ad AFTER DELETE ON publishing_searchentry BEGIN "
    "INSERT INTO publishing_search_fts(publishing_search_fts, rowid, words) "
    "VALUES ('delete', old.id, old.words); END",
    "CREATE TRIGGER publishing_searchentry_au AFTER UPDATE ON publishing_searchentry BEGIN "
    "INSERT INTO publishing_search_fts(publishing_search_fts, rowid, words) "
    "VALUES ('delete', old.id, old.words); "
    "INSERT INTO publishing_search_fts(rowid, words) VALUES (new.id, new.words); END",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS publishing_searchdoc_tsv",
    "ALTER TABLE publishing_searchdoc DROP COLUMN IF EXISTS tsv",
]
POSTGRES_CREATE = [
    "ALTER TABLE publishing_searchentry ADD COLUMN tsv tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', words)) STORED",
    "CREATE INDEX publishing_searchentry_tsv ON publishing_searchentry USING gin (tsv)",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


_WORD = re.compile(r"\w", re.UNICODE)


def segment(text):
    """A frozen copy of gongkai.publishing.search.segment as it stood when this migration was
    last changed: a migration never calls live app code."""
    import rjieba

    return [
        t.lower()
        for t in rjieba.cut_for_search(text or "")
        if _WORD.search(t) and t.strip() and not t.lower().startswith("zzf")
    ]


def reindex(apps, schema_editor):
    Item = apps.get_model("publishing", "Item")
    SearchEntry = apps.get_model("publishing", "SearchEntry")
    public = Item.objects.filter(status="published", disclosure="proactive").order_by(
        "published_at", "id"
    )
    batch = []
    for item in public.iterator(chunk_size=1000):
        text = " ".join([item.title, item.summary, item.keywords, item.document_number, item.body_text])
        batch.append(SearchEntry(item_id=item.pk, words=" ".join(segment(text))))
        if len(batch) >= 1000:
            SearchEntry.objects.bulk_create(batch)
            batch = []
    SearchEntry.objects.bulk_create(batch)


class Migration(migrations.Migration):
    dependencies = [("publishing", "0002_vocabularies_and_search")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}), migrations.RunPython.noop
        ),
        migrations.DeleteModel(name="SearchDoc"),
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False,
                                           verbose_name="ID")),
                ("words", models.TextField()),
                ("item", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE,
                                              related_name="+", to="publishing.item")),
            ],
        ),
        migrations.RunPython(
            _run({"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}), migrations.RunPython.noop
        ),
        migrations.RunPython(reindex, migrations.RunPython.noop),
    ]
