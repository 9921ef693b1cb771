"""Intake: a ticket on any channel gets a gap-free number and a query code, in one transaction.

The receipt (number + code) is returned only after the transaction has committed, so every
acknowledged number exists; a failure rolls the number back (gongkai.numbering)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from gongkai.audit.services import record, snapshot
from gongkai.core import codes
from gongkai.core.crypto import search_hash
from gongkai.hotline import limits
from gongkai.hotline.actions import TICKET_RECEIVE
from gongkai.hotline.choices import TicketChannel
from gongkai.hotline.models import Ticket, hash_code
from gongkai.numbering.services import next_number

AUDIT_FIELDS = ["ticket_no", "channel", "type", "category", "status", "due_on", "upstream_no"]
DUPLICATE_DAYS = 7  # same caller or same address with the same category within this many days
TICKET_FIELDS = ("name", "phone", "type", "content", "address", "area", "public_consent")


@dataclass
class Receipt:
    ticket: Ticket
    code: str


def ticket_number(agency, year: int) -> str:
    n = next_number(f"hotline:{agency.pk}", str(year))
    return f"RX-{agency.code.upper()}-{year}-{n:06d}"


def intake(
    agency,
    data: dict,
    *,
    channel: str,
    actor,
    received_at: datetime | None = None,
    upstream_no: str = "",
    emergency: bool = False,
) -> Receipt:
    """Register a ticket from validated data (IntakeForm.cleaned_data). `actor`: the agent, or
    None for the caller's own submission (portal, API)."""
    if channel not in TicketChannel.values:
        raise ValueError(f"unknown channel {channel!r}")
    received_at = received_at or timezone.now()
    received_on = timezone.localdate(received_at)
    code = codes.new_code(8)
    emergency = emergency or bool(data.get("emergency"))
    # Everything that does not need the number comes first: from next_number to the commit the
    # centre's sequence row is locked, so that stretch is what concurrent intakes queue on.
    due_on = limits.close_due(received_on, data["type"], emergency)
    registered_by = actor if getattr(actor, "is_authenticated", False) else None
    fields = {f: data.get(f) or ("" if f != "public_consent" else False) for f in TICKET_FIELDS}
    with transaction.atomic():
        from gongkai.hotline.jobs import ensure_next_run

        ensure_next_run()
        ticket_no = ticket_number(agency, received_on.year)
        ticket = Ticket.objects.create(
            agency=agency,
            ticket_no=ticket_no,
            code_hash=hash_code(ticket_no, code),
            upstream_no=upstream_no,
            channel=channel,
            category=data.get("category"),
            emergency=emergency,
            received_at=received_at,
            received_on=received_on,
            registered_by=registered_by,
            due_on=due_on,
            **fields,
        )
        record(
            TICKET_RECEIVE,
            ticket,
            agency=agency,
            actor=registered_by,
            after=snapshot(ticket, AUDIT_FIELDS),
        )
    return Receipt(ticket, code)


def possible_duplicates(ticket: Ticket, days: int = DUPLICATE_DAYS):
    """Earlier open tickets of the same centre from the same phone, or at the same address in
    the same category, within `days` days."""
    from django.db.models import Q

    since = ticket.received_on - timedelta(days=days)
    same = Q(pk__in=[])
    # The values are encrypted; their keyed hashes (same normalised value, same hash) match.
    if ticket.phone_hash:
        same |= Q(phone_hash=ticket.phone_hash)
    if ticket.address_hash and ticket.category_id:
        same |= Q(address_hash=ticket.address_hash, category_id=ticket.category_id)
    return (
        Ticket.objects.filter(same, agency=ticket.agency, received_on__gte=since)
        .exclude(pk=ticket.pk)
        .filter(duplicate_of__isnull=True)
        .order_by("-received_at")[:10]
    )


def earlier_tickets(agency, phone: str, limit: int = 10) -> list[Ticket]:
    """The caller's earlier tickets at this centre, newest first (the agent's screen)."""
    digest = search_hash("phone", phone)
    if not digest:
        return []
    return list(
        Ticket.objects.filter(agency=agency, phone_hash=digest)
        .select_related("category__parent")
        .order_by("-received_at")[:limit]
    )
