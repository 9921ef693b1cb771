"""The table of the shared rate-limit cache (settings.CACHES["throttle"], Django's database
cache). Made whatever GONGKAI_RATE_LIMIT_CACHE says now, so that switching to "database" later
needs no command."""

from django.core.management.commands.createcachetable import Command as CreateCacheTable
from django.db import migrations

TABLE = "gongkai_cache"


def create(apps, schema_editor):
    command = CreateCacheTable()
    command.verbosity = 0
    command.create_table(schema_editor.connection.alias, TABLE, dry_run=False)


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):
    dependencies = [("core", "0004_throttle_event")]

    operations = [migrations.RunPython(create, drop)]
