"""Data for bench/hotline.py: tickets loaded fast (COPY on PostgreSQL, executemany on SQLite,
through bench/dataset.py's Loader) and the hand-written SQL the monthly analysis is compared to.

Tickets are made deterministically (seeded) with the mixes a centre sees: channels, types,
open states, callbacks, late signing/closing, reworks, and ~1% duplicates merged into the
ticket before them (they must not count)."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from dataset import Loader

TYPES = ["consult"] * 40 + ["help"] * 20 + ["complaint"] * 25 + ["suggestion"] * 10 + ["praise"] * 5
CHANNELS = ["phone"] * 70 + ["web"] * 15 + ["wechat"] * 10 + ["upstream"] * 5
RESULTS = ["satisfied"] * 80 + ["basically"] * 10 + ["dissatisfied"] * 7 + ["unreachable"] * 3
OPEN_STATES = ["received"] * 20 + ["dispatched"] * 30 + ["handling"] * 35 + ["replied"] * 15


def centre_and_bodies():
    from gongkai.agencies.models import Agency

    centre = Agency.objects.create(
        code="centre", name="区民生热线服务中心", level="county", kind="department"
    )
    bodies = [
        Agency.objects.create(code=f"b{i}", name=f"承办单位{i}", level="county", kind="department")
        for i in range(20)
    ]
    return centre, bodies


def _rows(centre, bodies, count: int, *, start: date, days: int, open_share: float):
    from django.utils import timezone

    from gongkai.hotline.models import Category

    cats = list(Category.objects.filter(parent__isnull=False).values_list("pk", flat=True))
    rng = random.Random(7)
    tz = timezone.get_current_timezone()
    for i in range(count):
        day = start + timedelta(days=i * days // count)
        at = datetime(day.year, day.month, day.day, 8 + i % 10, i % 60, tzinfo=tz)
        # Open tickets are the newest ones (those before were handled), as in a real centre.
        is_open = i >= count * (1 - open_share)
        status = OPEN_STATES[rng.randrange(100)] if is_open else "closed"
        dispatched = status not in ("received",) and rng.random() < 0.75
        replied = dispatched and status in ("replied", "closed")
        yield {
            "agency_id": centre.pk,
            "ticket_no": f"RX-CENTRE-{day.year}-{i:07d}",
            "code_hash": "x",
            "channel": CHANNELS[i % len(CHANNELS)],
            "type": TYPES[i % len(TYPES)],
            "category_id": cats[i % len(cats)],
            "name": "来电人",
            "phone": f"138{i:08d}",
            "content": "基准测试诉求：小区路灯不亮，请尽快维修。",
            "received_at": at,
            "received_on": day,
            "status": status,
            "body_id": bodies[i % len(bodies)].pk if dispatched else None,
            "direct": not dispatched and status == "closed",
            "dispatched": dispatched,
            "due_on": day + timedelta(days=7),
            "signed_late": (rng.random() < 0.05) if dispatched else None,
            "replied": replied,
            "replied_on": day + timedelta(days=3) if replied else None,
            "closed_on": day + timedelta(days=4) if status == "closed" else None,
            "closed_late": (rng.random() < 0.08) if status == "closed" else None,
            "reworks": 1 if rng.random() < 0.03 else 0,
            "supervised": rng.random() < 0.01,
            "satisfaction": RESULTS[i % len(RESULTS)] if status == "closed" else "",
            # Fresh table: the ticket before this one has id i. Merged duplicates count once.
            "duplicate_of_id": i if i and i % 97 == 0 else None,
        }


def load_tickets(centre, bodies, count: int, **kw) -> int:
    """Write `count` tickets into an empty hotline_ticket table (ids from 1)."""
    from django.db import transaction

    from gongkai.hotline.models import Ticket

    with transaction.atomic():  # SQLite: one commit, not one fsync per row
        return Loader(None).load(Ticket, _rows(centre, bodies, count, **kw))


def vacuum_analyze() -> None:
    """What autovacuum does after a bulk load: statistics and the visibility map."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


# One statement for every figure the monthly report prints from tickets: the totals and rates
# of this month, last month and the same month last year, by channel, by type, by top-level
# category, by handling body and by sub-category (the hot spots). `p` names the period.
HAND_SQL = """
WITH t AS (
  SELECT CASE WHEN t.received_on BETWEEN %(c0)s AND %(c1)s THEN 'current'
              WHEN t.received_on BETWEEN %(m0)s AND %(m1)s THEN 'last_month'
              ELSE 'last_year' END AS p,
         CASE WHEN t.received_on BETWEEN %(c0)s AND %(c1)s THEN %(c1)s
              WHEN t.received_on BETWEEN %(m0)s AND %(m1)s THEN %(m1)s
              ELSE %(y1)s END AS period_end,
         t.channel, t.type, t.category_id, t.body_id, t.direct, t.dispatched, t.signed_late,
         t.replied, t.due_on, t.closed_late, t.satisfaction, t.status, t.reworks,
         COALESCE(pc.code, c.code) AS top
  FROM hotline_ticket t
  LEFT JOIN hotline_category c ON c.id = t.category_id
  LEFT JOIN hotline_category pc ON pc.id = c.parent_id
  WHERE t.agency_id = %(agency)s AND t.duplicate_of_id IS NULL
    AND (t.received_on BETWEEN %(c0)s AND %(c1)s OR t.received_on BETWEEN %(m0)s AND %(m1)s
         OR t.received_on BETWEEN %(y0)s AND %(y1)s)
), counted AS (
  SELECT p, channel, type, top, category_id, body_id,
         1 AS n,
         CASE WHEN direct THEN 1 ELSE 0 END AS n_direct,
         CASE WHEN dispatched THEN 1 ELSE 0 END AS n_dispatched,
         CASE WHEN dispatched AND signed_late = FALSE THEN 1 ELSE 0 END AS n_signed,
         CASE WHEN dispatched AND replied THEN 1 ELSE 0 END AS n_replied,
         CASE WHEN replied OR due_on <= period_end THEN 1 ELSE 0 END AS n_due,
         CASE WHEN replied AND closed_late = FALSE THEN 1 ELSE 0 END AS n_on_time,
         CASE WHEN satisfaction IN ('satisfied', 'basically', 'dissatisfied')
              THEN 1 ELSE 0 END AS n_called,
         CASE WHEN satisfaction IN ('satisfied', 'basically') THEN 1 ELSE 0 END AS n_satisfied,
         CASE WHEN status = 'closed' THEN 1 ELSE 0 END AS n_closed,
         CASE WHEN status = 'closed' AND reworks > 0 THEN 1 ELSE 0 END AS n_reworked,
         CASE WHEN replied THEN 1 ELSE 0 END AS n_body_replied
  FROM t
)
SELECT p, 'total' AS dim, '' AS k, SUM(n), SUM(n_direct), SUM(n_dispatched), SUM(n_signed),
       SUM(n_replied), SUM(n_due), SUM(n_on_time), SUM(n_called), SUM(n_satisfied),
       SUM(n_closed), SUM(n_reworked)
  FROM counted GROUP BY p
UNION ALL SELECT p, 'channel', channel, SUM(n), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
  FROM counted GROUP BY p, channel
UNION ALL SELECT p, 'type', type, SUM(n), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
  FROM counted GROUP BY p, type
UNION ALL SELECT p, 'category', COALESCE(top, 'uncategorized'), SUM(n), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
  FROM counted GROUP BY p, top
UNION ALL SELECT 'current', 'body', a.name, SUM(n), 0, 0, 0, SUM(n_body_replied), SUM(n_due),
       SUM(n_on_time), SUM(n_called), SUM(n_satisfied), 0, 0
  FROM counted JOIN agencies_agency a ON a.id = counted.body_id
  WHERE p = 'current' AND n_dispatched = 1 GROUP BY a.name
UNION ALL SELECT 'current', 'sub', CAST(category_id AS VARCHAR(20)), SUM(n), 0, 0, 0, 0, 0, 0,
       SUM(n_called), SUM(n_satisfied), 0, 0
  FROM counted WHERE p = 'current' AND category_id IS NOT NULL GROUP BY category_id
"""


def _rate(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def hand_figures(rows) -> dict:
    """The rows of HAND_SQL as the monthly report's figures (the same shapes as
    gongkai.hotline.analysis.data.monthly): {period: stats}, bodies, hot spots."""
    from gongkai.hotline.choices import TicketChannel, TicketType
    from gongkai.hotline.models import Category

    periods = {
        p: {
            "received": 0,
            "by_channel": dict.fromkeys(TicketChannel.values, 0),
            "by_type": dict.fromkeys(TicketType.values, 0),
            "by_category": {},
        }
        for p in ("current", "last_month", "last_year")
    }
    bodies, subs = [], {}
    for (
        p,
        dim,
        key,
        n,
        direct,
        disp,
        signed,
        replied,
        due,
        on_time,
        called,
        sat,
        closed,
        rew,
    ) in rows:
        n, direct, disp, signed, replied, due, on_time, called, sat, closed, rew = (
            int(v or 0)
            for v in (n, direct, disp, signed, replied, due, on_time, called, sat, closed, rew)
        )
        if dim == "total":
            periods[p].update(
                received=n,
                direct_rate=_rate(direct, n),
                on_time_sign_rate=_rate(signed, disp),
                on_time_close_rate=_rate(on_time, due),
                reply_rate=_rate(replied, disp),
                satisfaction_rate=_rate(sat, called),
                rework_rate=_rate(rew, closed),
            )
        elif dim == "channel":
            periods[p]["by_channel"][key] = n
        elif dim == "type":
            periods[p]["by_type"][key] = n
        elif dim == "category":
            periods[p]["by_category"][key] = n
        elif dim == "body":
            bodies.append((key, n, replied, on_time, due, called, sat))
        else:
            subs[int(key)] = (n, called, sat)
    bodies.sort(key=lambda b: (-b[1], b[0]))
    cats = {c.pk: c for c in Category.objects.select_related("parent")}
    groups: dict[str, dict] = {}
    for pk, (n, called, sat) in subs.items():
        cat = cats[pk]
        g = groups.setdefault(cat.top.name, {"count": 0, "called": 0, "satisfied": 0, "subs": []})
        g["count"] += n
        g["called"] += called
        g["satisfied"] += sat
        if cat.parent_id:
            g["subs"].append((cat.name, n))
    hot = sorted(groups.items(), key=lambda kv: (-kv[1]["count"], kv[0]))[:5]
    hot_spots = [
        (name, g["count"], _rate(g["satisfied"], g["called"]), sorted(g["subs"], key=_sub_order))
        for name, g in hot
    ]
    return {"periods": periods, "bodies": bodies, "hot_spots": hot_spots}


def _sub_order(sub: tuple[str, int]):
    return (-sub[1], sub[0])


def report_figures(report) -> dict:
    """The same figures read from a gongkai.hotline.analysis.data.Analysis."""
    return {
        "periods": {
            "current": report.current,
            "last_month": report.last_month,
            "last_year": report.last_year,
        },
        "bodies": [
            (b.name, b.dispatched, b.replied, b.on_time, b.due, b.called, b.satisfied)
            for b in report.bodies
        ],
        "hot_spots": [
            (g["name"], g["count"], g["satisfaction_rate"], sorted(g["subs"], key=_sub_order))
            for g in report.hot_spots
        ],
    }


def hand_params(agency_id: int, year: int, month: int) -> dict:
    from gongkai.hotline.stats import period

    py, pm = (year, month - 1) if month > 1 else (year - 1, 12)
    (c0, c1), (m0, m1), (y0, y1) = period(year, month), period(py, pm), period(year - 1, month)
    return {"agency": agency_id, "c0": c0, "c1": c1, "m0": m0, "m1": m1, "y0": y0, "y1": y1}
