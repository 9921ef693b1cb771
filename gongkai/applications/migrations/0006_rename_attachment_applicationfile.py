"""applications.Attachment is now ApplicationFile (publishing has its own Attachment); only the
state changes — the table keeps its name, so nothing is written to the database."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0005_open_due_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RenameModel(old_name="Attachment", new_name="ApplicationFile"),
                migrations.AlterModelTable(name="applicationfile", table="applications_attachment"),
            ],
            database_operations=[],
        ),
    ]
