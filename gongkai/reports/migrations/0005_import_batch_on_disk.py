"""An uploaded ZIP of reports lives on disk (read member by member), no longer in the database."""

import uuid

from django.core.files.base import ContentFile
from django.db import migrations, models

import gongkai.reports.models


def to_disk(apps, schema_editor):
    ImportBatch = apps.get_model("reports", "ImportBatch")
    for batch in ImportBatch.objects.exclude(status__in=["done", "failed"]).iterator():
        if batch.data:
            batch.upload.save(f"{uuid.uuid4().hex}.zip", ContentFile(bytes(batch.data)), save=True)


class Migration(migrations.Migration):
    dependencies = [("reports", "0004_report_secrecy_review")]

    operations = [
        migrations.AddField(
            model_name="importbatch",
            name="upload",
            field=models.FileField(
                blank=True,
                max_length=200,
                upload_to=gongkai.reports.models._import_path,
                verbose_name="ZIP 文件",
            ),
        ),
        migrations.RunPython(to_disk, migrations.RunPython.noop),
        migrations.RemoveField(model_name="importbatch", name="data"),
    ]
