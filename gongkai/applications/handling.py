"""What every operation on a request shares: locking it, recording a determination (with its
clock events and letter), closing it, saving its files, and the ledger entry."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from datetime import date

from django.core.files.base import File
from django.utils import timezone

from gongkai.applications import clock, letters, notify
from gongkai.applications.choices import ApplicationStatus
from gongkai.applications.models import (
    Application,
    ApplicationFile,
    ClockEvent,
    Determination,
    Reason,
)
from gongkai.audit.actions import Action
from gongkai.audit.services import record, snapshot
from gongkai.core import filescope, uploads

AUDIT_FIELDS = ["receipt_no", "status", "outcome", "due_on", "closed_on", "calendar_version"]


def save_attachments(app: Application, files, kind: str, saved: list, draft=None) -> None:
    for facts in uploads.check_many(files, uploads.APPLICATION_ATTACHMENT):
        att = ApplicationFile(
            application=app,
            draft=draft,
            kind=kind,
            original_name=facts.name,
            content_type=facts.content_type,
            size=facts.size,
            sha256=facts.sha256,
        )
        att.file.save(facts.stored_name, File(facts.file), save=False)
        saved.append(att.file)
        filescope.saved(att.file)
        att.save()


def cleanup(files) -> None:
    """Remove files saved by a transaction that then failed."""
    for f in files:
        with contextlib.suppress(OSError):
            f.storage.delete(f.name)


def audit(action: Action, app: Application, actor, before: dict | None = None, **extra) -> None:
    after = snapshot(app, AUDIT_FIELDS)
    after.update(extra)
    record(action, app, actor=actor, agency=app.agency, before=before, after=after)


def lock(app: Application) -> Application:
    return Application.objects.select_for_update().select_related("agency").get(pk=app.pk)


def user_or_none(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def determine(app: Application, kind: str, on: date, actor, events=(), **fields) -> Determination:
    det = Determination.objects.create(
        application=app, kind=kind, on=on, created_by=user_or_none(actor), **fields
    )
    for ev in events:
        ClockEvent.objects.create(application=app, determination=det, **ev)
    if kind in letters.LETTER_KINDS:
        det.letter_no = letters.allocate_letter_no(app.agency, on)
        det.save(update_fields=["letter_no"])
        letters.issue(det)
    notify.for_determination(det)
    return det


def close(app: Application, outcome: str, on: date, reason: Reason | None = None) -> None:
    view = clock.compute(app, today=on)
    app.status = ApplicationStatus.CLOSED
    app.outcome = outcome
    app.reason = reason
    app.closed_on = on
    timeliness = view.result.timeliness
    if timeliness is None:  # withdrawn or abandoned: no reply to time
        app.extended, app.closed_late = view.extended, False
    else:
        app.extended = timeliness == clock.rules.Timeliness.EXTENDED
        app.closed_late = timeliness == clock.rules.Timeliness.LATE


_day: ContextVar[date | None] = ContextVar("gongkai.applications.day", default=None)


def today() -> date:
    """The day a step is taken on: today, unless a past day is being re-enacted (`on_day`)."""
    return _day.get() or timezone.localdate()


@contextlib.contextmanager
def on_day(day: date) -> Iterator[None]:
    """Steps taken inside are dated `day`. The demo re-enacts a past year through the real
    steps (`APPLICATION.run`: permission, state, input); nothing else back-dates."""
    token = _day.set(day)
    try:
        yield
    finally:
        _day.reset(token)
