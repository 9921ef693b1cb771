"""Look-up by ticket number and query code, for callers without an account.

The same rules as the applications' look-up (gongkai.applications.tracking): a wrong number and
a wrong code give the same answer after the same work (one HMAC and one constant-time compare),
and failures are counted by the one limiter (gongkai.core.throttle, in the database, so every
server process sees the same count) per client address, with a low bound, and per ticket
number, with a higher bound and a growing delay: a guesser at one address is stopped long
before the ticket is slowed, so the caller, from their own address, can still track."""

from __future__ import annotations

import hmac

from gongkai.core import throttle
from gongkai.hotline.models import Ticket, hash_code

THROTTLED_MESSAGE = "查询失败次数过多，请{wait}后再试。"
TRACK_PER_CLIENT = throttle.Rule(
    "hotline.track.client", limit=10, window=900, message=THROTTLED_MESSAGE
)
TRACK_PER_TICKET = throttle.Rule(
    "hotline.track.ticket",
    limit=100,
    window=86400,
    delay_after=20,
    max_delay=900,
    message=THROTTLED_MESSAGE,
)
WRONG_MESSAGE = "工单编号或查询码不正确，请核对后重试。"
_DUMMY_HASH = "0" * 64


def check(ticket_no: str, code: str, ip: str) -> Ticket | None:
    """The ticket, None when the number or code is wrong; throttle.Throttled after too many
    failures (from this address, or on this number)."""
    ticket_no = (ticket_no or "").strip().upper()[:40]
    throttle.enforce(TRACK_PER_CLIENT, ip)
    throttle.enforce(TRACK_PER_TICKET, ticket_no)
    ticket = (
        Ticket.objects.select_related("agency", "body", "category__parent")
        .filter(ticket_no=ticket_no)
        .first()
    )
    expected = ticket.code_hash if ticket is not None else _DUMMY_HASH
    if hmac.compare_digest(expected, hash_code(ticket_no, code or "")) and ticket is not None:
        return ticket
    throttle.hit(TRACK_PER_CLIENT, ip)
    throttle.hit(TRACK_PER_TICKET, ticket_no)
    return None


def public_view(ticket: Ticket) -> dict:
    """What the caller sees: progress, limits, the reply — never the caller's own details
    (a code passed around must not leak a name, number or address)."""
    return {
        "ticket_no": ticket.ticket_no,
        "agency": ticket.agency.name,
        "type": ticket.type,
        "type_label": ticket.get_type_display(),
        "category": ticket.category.full_name if ticket.category_id else "",
        "status": ticket.status,
        "status_label": ticket.get_status_display(),
        "received_at": ticket.received_at,
        "due_on": ticket.due_on,
        "body": ticket.body.name if ticket.body_id else "",
        "replied_on": ticket.replied_on,
        "reply": ticket.reply if ticket.replied else "",
        "closed_on": ticket.closed_on,
    }
