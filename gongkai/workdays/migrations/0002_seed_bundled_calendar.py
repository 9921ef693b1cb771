"""Seed the calendar with the bundled 2004–2026 notices so every install starts with them."""

from datetime import date

from django.db import migrations


def seed(apps, schema_editor):
    from gongkai.rules.calendar import bundled_data

    CalendarDay = apps.get_model("workdays", "CalendarDay")
    OfficialYear = apps.get_model("workdays", "OfficialYear")
    CalendarVersion = apps.get_model("workdays", "CalendarVersion")
    if CalendarDay.objects.exists():
        return
    data = bundled_data()
    CalendarDay.objects.bulk_create(
        CalendarDay(
            day=date.fromisoformat(row["date"]),
            kind=row["kind"],
            name=row.get("name", ""),
            notice=row.get("notice", ""),
        )
        for row in data["days"]
    )
    OfficialYear.objects.bulk_create(
        OfficialYear(year=y, notice=f"国务院办公厅关于{y}年部分节假日安排的通知")
        for y in data["official_years"]
    )
    CalendarVersion.objects.get_or_create(pk=1, defaults={"number": 1})


def unseed(apps, schema_editor):
    for name in ("CalendarDay", "OfficialYear", "CalendarVersion"):
        apps.get_model("workdays", name).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("workdays", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
