"""Search entries carry their filter words (body, kind, year, category): filtered searches no
longer join the items. Entries are derived data, rebuilt here from their items."""

from django.db import migrations


def add_filter_words(apps, schema_editor):
    from gongkai.publishing.search import filter_words, tidy_index

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
