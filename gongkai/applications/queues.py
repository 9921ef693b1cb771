"""The request queues the workbench counts and the worklist filters by, written once:
due within N working days, past the due date, and a step the applicant or a consulted party
took that now waits for the officer (补正 received, consultation answered, fee paid)."""

from __future__ import annotations

import datetime as dt

from django.db.models import OuterRef, QuerySet, Subquery

from .choices import ApplicationStatus, DeterminationKind
from .models import Determination

SOON = 3  # working days: the workbench's "due soon"
# A request whose latest step is one of these is back on the officer's desk.
WAITING_KINDS = (
    DeterminationKind.SUPPLEMENT_RECEIVED,
    DeterminationKind.CONSULTATION_REPLIED,
    DeterminationKind.FEE_PAID,
)


def soon_limit(today: dt.date, calendar, days: int = SOON) -> dt.date:
    """The last due date that is at most `days` working days away."""
    return calendar.add_workdays(today, days)


def due_between(qs: QuerySet, today: dt.date, limit: dt.date) -> QuerySet:
    return qs.exclude(status=ApplicationStatus.CLOSED).filter(due_on__gte=today, due_on__lte=limit)


def overdue(qs: QuerySet, today: dt.date) -> QuerySet:
    return qs.exclude(status=ApplicationStatus.CLOSED).filter(due_on__lt=today)


def with_last_step(qs: QuerySet) -> QuerySet:
    latest = Determination.objects.filter(application=OuterRef("pk")).order_by("-on", "-id")
    return qs.annotate(last_step=Subquery(latest.values("kind")[:1]))


def waiting(qs: QuerySet) -> QuerySet:
    return with_last_step(qs.exclude(status=ApplicationStatus.CLOSED)).filter(
        last_step__in=WAITING_KINDS
    )


def filter_worklist(qs: QuerySet, params, today: dt.date, calendar) -> QuerySet:
    """`due=overdue` / `due=<N>` (working days) and `waiting=1` of the worklist's query string."""
    due = params.get("due", "")
    if due == "overdue":
        qs = overdue(qs, today)
    elif due.isdigit() and 0 < int(due) <= 60:
        qs = due_between(qs, today, soon_limit(today, calendar, int(due)))
    if params.get("waiting") == "1":
        qs = waiting(qs)
    return qs
