"""The centre's queue query (the agent's worklist), shaped for its indexes.

The page must stay fast with 100,000 open tickets (issue 11; bench/hotline.py --part queue):
- open tickets are found through the partial index ``hotline_tk_open_queue`` (agency, due_on,
  received_at, id) WHERE status <> 'closed' — the filter below is written exactly as the index
  condition, so both PostgreSQL and SQLite use it — and read in the page's order, so a page
  costs its own rows plus the offset, not a sort of every open ticket;
- ``status=all`` pages walk the due_on index (ties sorted in small groups);
- a user who sees exactly one centre (the agent) gets ``agency_id = …`` instead of a subquery
  over the agencies they may see, so the planner can walk that index in order.
"""

from __future__ import annotations

import re

from django.db.models import QuerySet
from django.utils import timezone

from gongkai.agencies.scope import Capability, agencies_for, scope_queryset
from gongkai.hotline.choices import TicketChannel, TicketStatus, TicketType
from gongkai.hotline.models import Ticket

QUEUE_FIELDS = (
    "ticket_no",
    "status",
    "type",
    "channel",
    "received_at",
    "due_on",
    "supervised",
    "reworks",
    "agency__name",
    "body__name",
    "category__name",
)
# A whole ticket number (RX-<CODE>-<YEAR>-<NNNNNN>): looked up by the unique index.
WHOLE_NUMBER = re.compile(r"^RX-[A-Z0-9_-]+-\d{4}-\d{6,}$")


def _visible(user) -> QuerySet:
    ids = list(agencies_for(user, Capability.VIEW).values_list("pk", flat=True)[:2])
    if len(ids) == 1:
        return Ticket.objects.filter(agency_id=ids[0])
    return scope_queryset(Ticket.objects.all(), user, Capability.VIEW)


def queue_tickets(user, params) -> QuerySet:
    """The tickets of the queue for the GET parameters `params`, in the page's order (by
    limit, then by time received). Filters: status (open/all/one state), type, channel,
    overdue, supervised, q (part of a ticket number)."""
    qs = _visible(user)
    status = params.get("status", "open")
    if status in TicketStatus.values or status == "open":
        if status != TicketStatus.CLOSED:
            # Said as the partial index's condition, so SQLite (which matches it by its
            # terms) uses that index for one open state too.
            qs = qs.exclude(status=TicketStatus.CLOSED)
        if status != "open":
            qs = qs.filter(status=status)
    for field, choices in (("type", TicketType.values), ("channel", TicketChannel.values)):
        value = params.get(field, "")
        if value in choices:
            qs = qs.filter(**{field: value})
    if params.get("overdue"):
        qs = qs.filter(due_on__lt=timezone.localdate()).exclude(
            status__in=[TicketStatus.CLOSED, TicketStatus.REPLIED]
        )
    if params.get("supervised"):
        qs = qs.filter(supervised=True)
    q = params.get("q", "").strip()
    if q:
        whole = q.upper()
        qs = (
            qs.filter(ticket_no=whole)
            if WHOLE_NUMBER.match(whole)
            else qs.filter(ticket_no__icontains=q)
        )
    qs = qs.select_related("agency", "body", "category").only(*QUEUE_FIELDS)
    # Every ticket gets its limit at intake, so due_on is never NULL in practice; plain
    # ascending order lets both databases read the index in order (NULLs would come last on
    # PostgreSQL and first on SQLite).
    return qs.order_by("due_on", "received_at", "id")
