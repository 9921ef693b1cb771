"""Search entries carry their filter words (body, kind, year, category): filtered searches no
longer join the items. Entries are derived data, rebuilt here from their items."""

import re

from django.db import migrations


# Frozen copies of gongkai.publishing.search's filter_words and tidy_index as they stood when
# this migration was written: a migration never calls live app code.


def _filter_word(field, value):
    return f"zzf{field}{re.sub(r'[^0-9a-z]', '', str(value).lower())}"


def filter_words(item):
    from django.utils import timezone

    words = [_filter_word("a", item.agency_id), _filter_word("k", item.kind)]
    if item.published_at:
        words.append(_filter_word("y", timezone.localtime(item.published_at).year))
    if item.category_id:
        words.append(_filter_word("c", item.category_id))
    return words


def tidy_index():
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE publishing_searchentry")
        else:
            cursor.execute(
                "INSERT INTO publishing_search_fts(publishing_search_fts) VALUES('optimize')"
            )


def add_filter_words(apps, schema_editor):
    SearchEntry = apps.get_model("publishing", "SearchEntry")
    Item = apps.get_model("publishing", "Item")
    last = 0
    while chunk := list(
        SearchEntry.objects.filter(id__gt=last).order_by("id").values_list("id", "item_id", "words")[:2000]
    ):
        items = Item.objects.only("agency_id", "kind", "published_at", "category_id").in_bulk(
            [item_id for _, item_id, _ in chunk]
        )
        SearchEntry.objects.bulk_update(
            [
                SearchEntry(
                    id=entry_id,
                    words=" ".join(
                        [w for w in words.split() if not w.startswith("zzf")]
                        + filter_words(items[item_id])
                    ),
                )
                for entry_id, item_id, words in chunk
                if item_id in items  # the foreign key makes this hold; a broken row is left as is
            ],
            ["words"],
        )
        last = chunk[-1][0]
    if last:
        tidy_index()


class Migration(migrations.Migration):
    dependencies = [("publishing", "0004_public_generation")]

    operations = [migrations.RunPython(add_filter_words, migrations.RunPython.noop)]
