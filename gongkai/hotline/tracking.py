"""Look-up by ticket number and query code, for callers without an account.

The same rules as the applications' look-up: the same work for a wrong number and a wrong
code, failures counted in the database per address and per number."""

from __future__ import annotations

import hmac
from datetime import timedelta

from django.utils import timezone

from gongkai.hotline.models import Ticket, TrackFailure, hash_code

WINDOW = timedelta(minutes=15)
MAX_FAILURES_PER_IP = 10
MAX_FAILURES_PER_TICKET = 5
WRONG_MESSAGE = "工单编号或查询码不正确，请核对后重试。"
THROTTLED_MESSAGE = "查询失败次数过多，请15分钟后再试。"
_DUMMY_HASH = "0" * 64


class Throttled(Exception):
    pass


def client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _throttled(ip: str, ticket_no: str) -> bool:
    recent = TrackFailure.objects.filter(at__gte=timezone.now() - WINDOW)
    return (
        recent.filter(key=f"ip:{ip}").count() >= MAX_FAILURES_PER_IP
        or recent.filter(key=f"no:{ticket_no}").count() >= MAX_FAILURES_PER_TICKET
    )


def check(ticket_no: str, code: str, ip: str) -> Ticket | None:
    """The ticket, None when the number or code is wrong; Throttled after too many failures."""
    ticket_no = (ticket_no or "").strip().upper()[:40]
    if _throttled(ip, ticket_no):
        raise Throttled
    ticket = (
        Ticket.objects.select_related("agency", "body", "category__parent")
        .filter(ticket_no=ticket_no)
        .first()
    )
    expected = ticket.code_hash if ticket is not None else _DUMMY_HASH
    if hmac.compare_digest(expected, hash_code(ticket_no, code or "")) and ticket is not None:
        return ticket
    TrackFailure.objects.bulk_create(
        [TrackFailure(key=f"ip:{ip}"), TrackFailure(key=f"no:{ticket_no}")]
    )
    TrackFailure.objects.filter(at__lt=timezone.now() - 4 * WINDOW).delete()
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
