"""Anonymise applicants' personal data N years after their request closed (gongkai.core.retention).

Kept: the request (description, dates, outcome, letters issued — official documents that go to
the archive with the case file). Removed: the applicant's name, identity number, contact
details, and the files the applicant uploaded (identity proofs, authorisations, supplements).
An organisation's name and credit code are not personal data and stay; its legal
representative and contact person are, and go."""

from __future__ import annotations

import contextlib
import datetime as dt

from django.db import transaction

from gongkai.applications import actions
from gongkai.applications.choices import ApplicationStatus
from gongkai.applications.models import Application
from gongkai.audit.services import record
from gongkai.core.crypto import search_hash
from gongkai.core.retention import ANONYMISED, cutoff

BATCH = 500
CLEARED = ("id_number", "legal_rep", "contact_person", "phone", "email", "address", "postcode")


def due(today: dt.date | None = None):
    before = cutoff(today)
    if before is None:
        return Application.objects.none()
    return Application.objects.filter(
        status=ApplicationStatus.CLOSED, closed_on__lt=before
    ).exclude(name_hash=search_hash("name", ANONYMISED))


def anonymise_due(today: dt.date | None = None) -> int:
    """Anonymise every request due; returns how many. Each in its own transaction with its
    ledger event, in batches, so a long first run can stop anywhere and resume."""
    done = 0
    while True:
        ids = list(due(today).order_by("pk").values_list("pk", flat=True)[:BATCH])
        if not ids:
            return done
        for pk in ids:
            done += anonymise(pk)


def anonymise(pk: int) -> int:
    files = []
    with transaction.atomic():
        app = Application.objects.select_for_update().filter(pk=pk).first()
        if app is None or app.name == ANONYMISED:
            return 0
        app.name = ANONYMISED
        for field in CLEARED:
            setattr(app, field, "")
        app.save(update_fields=["name", *CLEARED, "updated_at"])
        attachments = list(app.attachments.all())
        files = [attachment.file for attachment in attachments]
        app.attachments.all().delete()
        record(
            actions.APPLICANT_ANONYMISE,
            app,
            actor=None,
            agency=app.agency,
            after={
                "receipt_no": app.receipt_no,
                "closed_on": app.closed_on.isoformat(),
                "attachments_removed": len(attachments),
            },
        )
    for stored in files:  # after the commit: a rollback must not lose a file still named
        with contextlib.suppress(OSError):
            stored.delete(save=False)
    return 1
