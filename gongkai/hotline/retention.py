"""Anonymise callers' personal data N years after their ticket closed (gongkai.core.retention):
the caller's name, phone and address go; the appeal, its handling and its figures stay. Call
records (主叫号码) older than the same period lose the number; 接通率 counts stay."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from gongkai.audit.services import record
from gongkai.core.crypto import search_hash
from gongkai.core.retention import ANONYMISED, cutoff
from gongkai.hotline import actions as A
from gongkai.hotline.choices import TicketStatus
from gongkai.hotline.models import Ticket
from gongkai.hotline.models.channel import Call

BATCH = 500


def due(today: dt.date | None = None):
    before = cutoff(today)
    if before is None:
        return Ticket.objects.none()
    return Ticket.objects.filter(status=TicketStatus.CLOSED, closed_on__lt=before).exclude(
        name_hash=search_hash("name", ANONYMISED)
    )


def anonymise_due(today: dt.date | None = None) -> int:
    """Anonymise every ticket due (one transaction and ledger event each) and old call
    records; returns how many tickets."""
    done = 0
    while ids := list(due(today).order_by("pk").values_list("pk", flat=True)[:BATCH]):
        for pk in ids:
            done += anonymise(pk)
    _clear_calls(today)
    return done


@transaction.atomic
def anonymise(pk: int) -> int:
    ticket = Ticket.objects.select_for_update().filter(pk=pk).first()
    if ticket is None or ticket.name == ANONYMISED:
        return 0
    ticket.name, ticket.phone, ticket.address = ANONYMISED, "", ""
    ticket.save(update_fields=["name", "phone", "address", "updated_at"])
    record(
        A.CALLER_ANONYMISE,
        ticket,
        actor=None,
        agency=ticket.agency,
        after={"ticket_no": ticket.ticket_no, "closed_on": ticket.closed_on.isoformat()},
    )
    return 1


@transaction.atomic
def _clear_calls(today: dt.date | None) -> None:
    before = cutoff(today)
    if before is None:
        return
    start = timezone.make_aware(dt.datetime.combine(before, dt.time.min))
    cleared = Call.objects.filter(started_at__lt=start).exclude(caller="").update(caller="")
    if cleared:
        record(
            A.CALL_ANONYMISE,
            actor=None,
            object_type="hotline.call",
            object_id="-",
            after={"before": before.isoformat(), "calls": cleared},
        )
