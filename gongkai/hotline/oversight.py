"""What the supervising office reads of the hotline (gongkai.supervision looks this module up
when the hotline is installed): per body, one aggregate query each, {agency_id: count}."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import Count
from django.db.models.functions import Coalesce

from gongkai.hotline.choices import TicketChannel, TicketStatus
from gongkai.hotline.models import Ticket

MESSAGE_CHANNELS = (TicketChannel.WEB, TicketChannel.MAILBOX)


def overdue_tickets(agency_ids: Iterable[int], today: date) -> dict[int, int]:
    """Tickets past their limit and not yet answered, counted against the body handling them
    (the centre itself while it has not dispatched the ticket)."""
    ids = list(agency_ids)
    rows = (
        Ticket.objects.counted()
        .filter(status__in=[s for s in TicketStatus.open_states() if s != TicketStatus.REPLIED])
        .filter(due_on__lt=today)
        .annotate(holder=Coalesce("body_id", "agency_id"))
        .filter(holder__in=ids)
        .values("holder")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {r["holder"]: r["n"] for r in rows}


def unanswered_messages(agency_ids: Iterable[int], before: date) -> dict[int, int]:
    """Messages left on a body's portal (网上留言, 领导信箱) before `before` and still without a
    reply: the inspection indicator of regulations.md §10 (never more than 3 months)."""
    rows = (
        Ticket.objects.counted()
        .filter(agency_id__in=list(agency_ids), channel__in=MESSAGE_CHANNELS)
        .filter(received_on__lt=before, replied=False)
        .values("agency_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {r["agency_id"]: r["n"] for r in rows}
