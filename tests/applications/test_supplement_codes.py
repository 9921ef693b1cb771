"""补正 is stored as "supplement_*": migration 0007 rewrites the old "correction_*" clock events
both ways, and a request whose rows still hold the old codes keeps its due date."""

import importlib
from datetime import date

from django.apps import apps

from gongkai.applications import clock, services
from gongkai.applications.models import ClockEvent
from gongkai.rules.clock import EventKind

from .factories import make_application

MIGRATION = importlib.import_module("gongkai.applications.migrations.0007_supplement_event_codes")
RECEIVED = date(2025, 3, 3)


def _supplemented(agency, officer):
    app = make_application(agency, RECEIVED).application
    services.notify_supplement(
        app, text="请写明文件名称", days=10, actor=officer, on=date(2025, 3, 6)
    )
    services.receive_supplement(app, text="文件名称为……", on=date(2025, 3, 12), actor=officer)
    return app


def _kinds(app) -> list[str]:
    return list(ClockEvent.objects.filter(application=app).values_list("kind", flat=True))


def test_steps_store_the_supplement_codes(agency_a, officer_a):
    app = _supplemented(agency_a, officer_a)
    assert "supplement_sent" in _kinds(app) and "supplement_received" in _kinds(app)
    assert not [k for k in _kinds(app) if k.startswith("correction")]


def test_the_migration_rewrites_old_rows_and_back(agency_a, officer_a):
    app = _supplemented(agency_a, officer_a)
    due = clock.compute(app).due_on
    rows = ClockEvent.objects.filter(application=app)
    rows.filter(kind="supplement_sent").update(kind="correction_sent")
    rows.filter(kind="supplement_received").update(kind="correction_received")
    lapsed = make_application(agency_a, RECEIVED).application
    ClockEvent.objects.create(application=lapsed, kind="correction_lapsed", on=RECEIVED)
    # Rows not yet migrated still count the same (the old codes read as aliases).
    assert clock.compute(app).due_on == due
    before = {a.pk: _kinds(a) for a in (app, lapsed)}

    MIGRATION.forwards(apps, None)
    assert _kinds(app) == [k.replace("correction_", "supplement_") for k in before[app.pk]]
    assert "supplement_sent" in _kinds(app) and "supplement_received" in _kinds(app)
    assert _kinds(lapsed)[-1] == EventKind.SUPPLEMENT_LAPSED
    assert clock.compute(app).due_on == due

    MIGRATION.backwards(apps, None)
    assert {a.pk: _kinds(a) for a in (app, lapsed)} == before
    assert "correction_sent" in before[app.pk] and "correction_lapsed" in before[lapsed.pk]
