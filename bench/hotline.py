"""Hotline benchmarks (issue 11), each on SQLite and then on a throwaway PostgreSQL:

1. intake: `--tickets` (default 20,000) tickets in one simulated day through
   POST /api/v1/hotline/tickets by 32 clients while the server is SIGKILLed at random moments;
   prints req/s, and checks that no acknowledged ticket is lost and the numbers are gap-free.
2. queue: the agent's queue page with `--open` (default 100,000) open tickets; p50/p95 of the
   first page and of filtered pages (target p95 < 200 ms).
3. analysis: the monthly analysis figures over `--total` (default 1,000,000) tickets, against
   one hand-written SQL aggregate of the same figures (target < 5 s on PostgreSQL).

    python bench/hotline.py [--part intake|queue|analysis] [--tickets N] [--open N] [--total N]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import Storm, median_ms, run_on_both_databases, setup_django  # noqa: E402

TYPES = ["consult"] * 40 + ["help"] * 20 + ["complaint"] * 25 + ["suggestion"] * 10 + ["praise"] * 5


def payload(i: int) -> dict:
    return {
        "agency": "centre",
        "name": f"来电人{i}",
        "phone": f"138{i % 100_000_000:08d}",
        "type": TYPES[i % len(TYPES)],
        "content": f"基准测试诉求第{i}件：小区路灯不亮，请尽快维修。",
    }


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


def intake(args) -> bool:
    from django.db import connection

    from gongkai.hotline.models import Ticket

    centre_and_bodies()
    connection.close()
    acknowledged, errors, elapsed, kills = Storm(
        "/api/v1/hotline/tickets",
        payload,
        lambda r: (r["ticket_no"], r["code"]),
        requests=args.tickets,
        clients=32,
    ).run()
    numbers = {a[0] for a in acknowledged}
    stored = dict(Ticket.objects.values_list("ticket_no", "content"))
    lost = [n for n in numbers if n not in stored]
    wrong = [n for n, _, data in acknowledged if n in stored and stored[n] != data["content"]]
    serials = sorted(int(n.rsplit("-", 1)[1]) for n in stored)
    gap_free = serials == list(range(1, len(serials) + 1))
    vendor = connection.vendor
    print(
        f"[{vendor}] intake: {len(acknowledged)} acknowledged in {elapsed:.1f} s → "
        f"{len(acknowledged) / elapsed:.1f} req/s; SIGKILL ×{kills}; failed attempts "
        f"{errors['refused']} connection / {errors['http']} HTTP; stored {len(stored)}"
    )
    ok = not lost and not wrong and gap_free and len(numbers) == len(acknowledged)
    print(
        f"[{vendor}] intake: lost {len(lost)}, altered {len(wrong)}, numbers gap-free {gap_free} "
        f"→ {'OK' if ok else 'FAILED'}"
    )
    return ok


def _bulk_tickets(centre, bodies, count: int, *, start: date, days: int, open_share: float):
    """`count` tickets spread over `days` days from `start`, written with bulk_create."""
    from django.utils import timezone

    from gongkai.hotline.models import Category, Ticket

    cats = list(Category.objects.filter(parent__isnull=False).values_list("pk", flat=True))
    rng = random.Random(7)
    channels = ["phone"] * 70 + ["web"] * 15 + ["wechat"] * 10 + ["upstream"] * 5
    results = ["satisfied"] * 80 + ["basically"] * 10 + ["dissatisfied"] * 7 + ["unreachable"] * 3
    batch = []
    tz = timezone.get_current_timezone()
    for i in range(count):
        day = start + timedelta(days=i * days // count)
        at = datetime(day.year, day.month, day.day, 8 + i % 10, i % 60, tzinfo=tz)
        is_open = rng.random() < open_share
        dispatched = rng.random() < 0.7
        replied = not is_open and dispatched
        batch.append(
            Ticket(
                agency=centre,
                ticket_no=f"BENCH-{i:08d}",
                code_hash="x",
                channel=channels[i % len(channels)],
                type=TYPES[i % len(TYPES)],
                category_id=cats[i % len(cats)],
                name="来电人",
                phone=f"138{i:08d}",
                content="基准测试诉求",
                received_at=at,
                received_on=day,
                status=("dispatched" if dispatched else "received") if is_open else "closed",
                body=bodies[i % len(bodies)] if dispatched else None,
                direct=not dispatched and not is_open,
                dispatched=dispatched,
                due_on=day + timedelta(days=7),
                signed_late=(rng.random() < 0.05) if dispatched else None,
                replied=replied,
                replied_on=day + timedelta(days=3) if replied else None,
                closed_on=None if is_open else day + timedelta(days=4),
                closed_late=(rng.random() < 0.08) if not is_open else None,
                reworks=1 if rng.random() < 0.03 else 0,
                satisfaction="" if is_open else results[i % len(results)],
            )
        )
        if len(batch) == 5000:
            Ticket.objects.bulk_create(batch)
            batch.clear()
    Ticket.objects.bulk_create(batch)


def queue(args) -> bool:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    from gongkai.agencies.models import Membership

    centre, bodies = centre_and_bodies()
    t0 = time.perf_counter()
    _bulk_tickets(centre, bodies, args.open, start=date(2026, 1, 5), days=300, open_share=1.0)
    loaded = time.perf_counter() - t0
    user = get_user_model().objects.create_user("agent", password="x")
    Membership.objects.create(user=user, agency=centre, role="officer")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    client = Client()
    client.force_login(user)
    vendor = connection.vendor
    ok = True
    for label, url in [
        ("first page", "/manage/hotline/"),
        ("page 40", "/manage/hotline/?page=40"),
        ("type + overdue", "/manage/hotline/?type=complaint&overdue=1"),
        ("ticket number", "/manage/hotline/?q=BENCH-0005"),
    ]:

        def get(url=url):
            response = client.get(url)
            assert response.status_code == 200, response.status_code

        _, samples = median_ms(get, runs=20, warmup=2)
        p95 = statistics.quantiles(samples, n=20)[-1]
        ok &= p95 < 200
        print(
            f"[{vendor}] queue ({args.open} open, loaded in {loaded:.0f} s) {label}: "
            f"p50 {statistics.median(samples):.1f} ms, p95 {p95:.1f} ms (target < 200)"
        )
    return ok


HAND_SQL = """
SELECT COUNT(*),
       SUM(CASE WHEN direct THEN 1 ELSE 0 END),
       SUM(CASE WHEN dispatched THEN 1 ELSE 0 END),
       SUM(CASE WHEN dispatched AND signed_late = FALSE THEN 1 ELSE 0 END),
       SUM(CASE WHEN dispatched AND replied THEN 1 ELSE 0 END),
       SUM(CASE WHEN satisfaction IN ('satisfied', 'basically', 'dissatisfied') THEN 1 ELSE 0 END),
       SUM(CASE WHEN satisfaction IN ('satisfied', 'basically') THEN 1 ELSE 0 END)
FROM hotline_ticket
WHERE agency_id = %s AND received_on BETWEEN %s AND %s AND duplicate_of_id IS NULL
"""


def analysis(args) -> bool:
    from django.db import connection

    from gongkai.hotline.analysis.data import monthly

    centre, bodies = centre_and_bodies()
    t0 = time.perf_counter()
    # About 3 years of tickets, so a month is ~1/36 of the table, with last month and last year.
    _bulk_tickets(centre, bodies, args.total, start=date(2024, 1, 1), days=1095, open_share=0.02)
    loaded = time.perf_counter() - t0
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    def ours():
        return monthly(centre, 2026, 6)

    def hand():
        with connection.cursor() as cursor:
            cursor.execute(HAND_SQL, [centre.pk, date(2026, 6, 1), date(2026, 6, 30)])
            return cursor.fetchone()

    report = ours()
    row = hand()
    same = report.current["received"] == row[0] and (
        report.current["direct_rate"] == (round(row[1] / row[0], 4) if row[0] else None)
    )
    ours_ms, _ = median_ms(ours, runs=5, warmup=1)
    hand_ms, _ = median_ms(hand, runs=5, warmup=1)
    vendor = connection.vendor
    print(
        f"[{vendor}] analysis over {args.total} tickets (loaded in {loaded:.0f} s): monthly report "
        f"figures {ours_ms:.0f} ms (target < 5000) vs one hand-written SQL aggregate "
        f"{hand_ms:.0f} ms → ratio {ours_ms / hand_ms:.1f}× (the report also makes last month, "
        f"last year, by body and by category); same totals: {same}"
    )
    return same and ours_ms < 5000


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--part", choices=["intake", "queue", "analysis"])
    parser.add_argument("--tickets", type=int, default=20_000)
    parser.add_argument("--open", type=int, default=100_000)
    parser.add_argument("--total", type=int, default=1_000_000)
    parser.add_argument("--here", action="store_true")
    args = parser.parse_args()
    if not args.part:
        code = 0
        for part in ("intake", "queue", "analysis"):
            extra = [a for a in sys.argv[1:] if a != "--here"]
            code |= run_on_both_databases(__file__, [*extra, "--part", part])
        return code
    os.environ.setdefault("GONGKAI_SECRET_KEY", "bench-hotline-secret-key")
    os.environ.setdefault("GONGKAI_HOTLINE_RATE_LIMIT_DISABLED", "1")
    setup_django()
    return 0 if {"intake": intake, "queue": queue, "analysis": analysis}[args.part](args) else 1


if __name__ == "__main__":
    if "--here" in sys.argv:
        sys.exit(main())
    sys.exit(main())
