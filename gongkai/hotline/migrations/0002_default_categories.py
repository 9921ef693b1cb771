"""The default category tree of hotline.md §3 (a centre edits it afterwards)."""

from django.db import migrations

from gongkai.hotline.defaults import load_categories


def load(apps, schema_editor):
    load_categories(apps.get_model("hotline", "Category"))


class Migration(migrations.Migration):
    dependencies = [("hotline", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
