"""The default category tree of hotline.md §3 (a centre edits it afterwards)."""

from django.db import migrations

from gongkai.hotline.defaults import CATEGORIES


def load(apps, schema_editor):
    Category = apps.get_model("hotline", "Category")
    for i, (code, name, children) in enumerate(CATEGORIES):
        parent, _ = Category.objects.get_or_create(
            code=code, defaults={"name": name, "order": i * 100}
        )
        for j, (ccode, cname) in enumerate(children):
            Category.objects.get_or_create(
                code=ccode, defaults={"name": cname, "parent": parent, "order": i * 100 + j + 1}
            )


class Migration(migrations.Migration):
    dependencies = [("hotline", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
