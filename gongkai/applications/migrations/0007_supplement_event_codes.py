"""补正 is SUPPLEMENT everywhere: the clock events stored as "correction_*" become
"supplement_*". Reversible. The audit ledger is not touched (its rows are hash-chained and never
rewritten; its snapshots hold the request's status and outcome, not clock event codes)."""

from django.db import migrations

# Frozen here: a migration never reads live app code.
RENAMED = {
    "correction_sent": "supplement_sent",
    "correction_received": "supplement_received",
    "correction_lapsed": "supplement_lapsed",
}


def _rename(apps, mapping: dict[str, str]) -> None:
    ClockEvent = apps.get_model("applications", "ClockEvent")
    for old, new in mapping.items():
        ClockEvent.objects.filter(kind=old).update(kind=new)


def forwards(apps, schema_editor) -> None:
    _rename(apps, RENAMED)


def backwards(apps, schema_editor) -> None:
    _rename(apps, {new: old for old, new in RENAMED.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0006_rename_attachment_applicationfile"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
