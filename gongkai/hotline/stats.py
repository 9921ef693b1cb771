"""The hotline statistics centres publish (shared/reference/hotline.md §5), from aggregate
queries: one query for the counts and rates, one per breakdown. No row is loaded.

Population: the tickets a centre received in the period (merged duplicates count once, in
their surviving ticket). Definitions, stated once:
- direct_rate = answered at once without dispatch (直办) / received;
- on_time_sign_rate = dispatched tickets signed for within the limit / dispatched tickets;
- on_time_close_rate = tickets replied to within their (possibly extended) limit / tickets
  whose limit has passed by the end of the period or that were replied to;
- reply_rate = dispatched tickets replied to / dispatched tickets;
- satisfaction_rate = (满意 + 基本满意) / callbacks that reached the caller (the last result of
  each ticket); ⚠️ some centres count 基本满意 as half — not done here;
- rework_rate = closed tickets that were reworked at least once / closed tickets.
A rate whose denominator is 0 is None (undefined), never 0.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import Count, Q
from django.db.models.functions import Coalesce

from gongkai.hotline.choices import CallbackResult, TicketChannel, TicketStatus, TicketType
from gongkai.hotline.models import Ticket

RATES = (
    "direct_rate",
    "on_time_sign_rate",
    "on_time_close_rate",
    "reply_rate",
    "satisfaction_rate",
    "rework_rate",
)


def _rate(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def population(agency_ids: Iterable[int], start: date, end: date):
    return Ticket.objects.counted().filter(
        agency_id__in=list(agency_ids), received_on__gte=start, received_on__lte=end
    )


def stats(agency_ids: Iterable[int], start: date, end: date) -> dict:
    qs = population(agency_ids, start, end)
    reached = CallbackResult.reached()
    c = qs.aggregate(
        n_received=Count("id"),
        n_direct=Count("id", filter=Q(direct=True)),
        n_dispatched=Count("id", filter=Q(dispatched=True)),
        n_signed_on_time=Count("id", filter=Q(dispatched=True, signed_late=False)),
        n_replied=Count("id", filter=Q(dispatched=True, replied=True)),
        n_due=Count("id", filter=Q(replied=True) | Q(due_on__lte=end)),
        n_on_time=Count("id", filter=Q(replied=True, closed_late=False)),
        n_called=Count("id", filter=Q(satisfaction__in=reached)),
        n_satisfied=Count(
            "id", filter=Q(satisfaction__in=[CallbackResult.SATISFIED, CallbackResult.BASICALLY])
        ),
        n_closed=Count("id", filter=Q(status=TicketStatus.CLOSED)),
        n_reworked=Count("id", filter=Q(status=TicketStatus.CLOSED, reworks__gt=0)),
    )
    by_channel = dict.fromkeys(TicketChannel.values, 0)
    by_channel.update(dict(qs.values_list("channel").annotate(n=Count("id")).order_by()))
    by_type = dict.fromkeys(TicketType.values, 0)
    by_type.update(dict(qs.values_list("type").annotate(n=Count("id")).order_by()))
    top = Coalesce("category__parent__code", "category__code")
    by_category = {
        (code or "uncategorized"): n
        for code, n in qs.annotate(top=top)
        .values_list("top")
        .annotate(n=Count("id"))
        .order_by("-n", "top")
    }
    return {
        "received": c["n_received"],
        "by_channel": by_channel,
        "by_type": by_type,
        "by_category": by_category,
        "direct_rate": _rate(c["n_direct"], c["n_received"]),
        "on_time_sign_rate": _rate(c["n_signed_on_time"], c["n_dispatched"]),
        "on_time_close_rate": _rate(c["n_on_time"], c["n_due"]),
        "reply_rate": _rate(c["n_replied"], c["n_dispatched"]),
        "satisfaction_rate": _rate(c["n_satisfied"], c["n_called"]),
        "rework_rate": _rate(c["n_reworked"], c["n_closed"]),
    }


def period(year: int, month: int | None = None) -> tuple[date, date]:
    if month is None:
        return date(year, 1, 1), date(year, 12, 31)
    if not 1 <= month <= 12:
        raise ValueError("月份须在1到12之间")
    end = date(year + (month == 12), month % 12 + 1, 1)
    return date(year, month, 1), date.fromordinal(end.toordinal() - 1)
