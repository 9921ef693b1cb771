from django.db import migrations


def create(apps, schema_editor):
    from gongkai.applications.reasons import ensure_default_reasons

    ensure_default_reasons(apps.get_model("applications", "Reason"))


class Migration(migrations.Migration):
    dependencies = [("applications", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
