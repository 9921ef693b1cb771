"""Hotline benchmarks (issue 11), each on SQLite and then on a throwaway PostgreSQL:

1. intake: `--tickets` (default 20,000) tickets in one simulated day through
   POST /api/v1/hotline/tickets by 32 clients against gunicorn (`--workers`, default 4) while
   the server is SIGKILLed at random moments, and on PostgreSQL the database server is
   crash-restarted (`--pg-restarts`, default once, half-way); prints req/s, kills, restarts,
   acknowledged, lost, gaps.
2. queue: the agent's queue page with `--open` (default 100,000) open tickets beside
   `--closed` (default 100,000) closed ones; p50/p95 of the first page and of typical filters
   (target p95 < 200 ms), the queries per page, and with --explain the plans.
3. analysis: the monthly analysis figures over `--total` (default 1,000,000) tickets, against
   one hand-written SQL aggregate of the same figures: both times, the ratio, and whether every
   figure is equal (target < 5 s on PostgreSQL).

    python bench/hotline.py [--part intake|queue|analysis] [--tickets N] [--open N] [--total N]
    scripts/with-postgres .venv/bin/python bench/hotline.py --here --part queue --explain

Every result line ends with the machine's load average (1/5/15 min) at that moment.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import Storm, median_ms, run_on_both_databases, setup_django  # noqa: E402
from hotline_data import (  # noqa: E402
    HAND_SQL,
    TYPES,
    centre_and_bodies,
    hand_figures,
    hand_params,
    load_tickets,
    report_figures,
    vacuum_analyze,
)


def load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def payload(i: int) -> dict:
    return {
        "agency": "centre",
        "name": f"来电人{i}",
        "phone": f"138{i % 100_000_000:08d}",
        "type": TYPES[i % len(TYPES)],
        "content": f"基准测试诉求第{i}件：小区路灯不亮，请尽快维修。",
    }


def intake(args) -> bool:
    from django.db import connection

    from gongkai.hotline.models import Ticket

    centre_and_bodies()
    connection.close()
    storm = Storm(
        "/api/v1/hotline/tickets",
        payload,
        lambda r: (r["ticket_no"], r["code"]),
        requests=args.tickets,
        clients=args.clients,
        workers=args.workers,
        kill=not args.no_kill,
        storm=args.storm,
        seconds=args.seconds,
        db_restarts=args.pg_restarts,
    )
    acknowledged, errors, elapsed, kills = storm.run()
    numbers = [a[0] for a in acknowledged]
    # name and phone are encrypted at rest: read back through the model, they must decrypt to
    # exactly what the caller sent
    stored = {
        number: fields
        for number, *fields in Ticket.objects.values_list("ticket_no", "content", "name", "phone")
    }
    lost = [n for n in numbers if n not in stored]
    wrong = [
        n
        for n, _, data in acknowledged
        if n in stored and stored[n] != [data["content"], data["name"], data["phone"]]
    ]
    serials = sorted(int(n.rsplit("-", 1)[1]) for n in stored)
    gaps = len(set(range(1, serials[-1] + 1)) - set(serials)) if serials else 0
    doubled = len(serials) - len(set(serials)) + len(numbers) - len(set(numbers))
    vendor = connection.vendor
    print(
        f"[{vendor}] intake: {len(acknowledged)} acknowledged in {elapsed:.1f} s → "
        f"{len(acknowledged) / elapsed:.1f} req/s by {args.clients} clients, gunicorn "
        f"{args.workers} workers; SIGKILL of the whole server ×{kills}, of one worker "
        f"×{storm.worker_kills}; PostgreSQL crash-restarted ×{len(storm.db_down)} (down "
        f"{sum(storm.db_down):.1f} s); failed attempts {errors['refused']} "
        f"connection / {errors['http']} HTTP; stored {len(stored)} ({load()})"
    )
    ok = not lost and not wrong and not gaps and not doubled
    print(
        f"[{vendor}] intake: acknowledged {len(acknowledged)}, lost {len(lost)}, altered "
        f"{len(wrong)}, gaps {gaps}, doubled {doubled} → {'OK' if ok else 'FAILED'}"
    )
    return ok


QUEUE_PAGES = [
    ("first page", "/manage/hotline/"),
    ("page 40", "/manage/hotline/?page=40"),
    ("type + overdue", "/manage/hotline/?type=complaint&overdue=1"),
    ("channel", "/manage/hotline/?channel=wechat"),
    ("supervised", "/manage/hotline/?supervised=1"),
    ("status 办理中", "/manage/hotline/?status=handling"),
    ("whole ticket number", "/manage/hotline/?q=RX-CENTRE-2026-0123457"),
    ("part of a number", "/manage/hotline/?q=0012345"),
    ("all, page 2", "/manage/hotline/?status=all&page=2"),
]


def queue(args) -> bool:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from gongkai.agencies.models import Membership

    centre, bodies = centre_and_bodies()
    t0 = time.perf_counter()
    total = args.open + args.closed
    # Most tickets of a centre are closed; the open ones are the newest share.
    load_tickets(
        centre, bodies, total, start=date(2026, 1, 5), days=300, open_share=args.open / total
    )
    vacuum_analyze()
    loaded = time.perf_counter() - t0
    user = get_user_model().objects.create_user("agent", password="x")
    Membership.objects.create(user=user, agency=centre, role="officer")
    client = Client()
    client.force_login(user)
    vendor = connection.vendor
    ok = True
    for label, url in QUEUE_PAGES:

        def get(url=url):
            response = client.get(url)
            assert response.status_code == 200, response.status_code
            return response

        cpu = []

        def timed(get=get, cpu=cpu):
            start = time.process_time()
            get()
            cpu.append((time.process_time() - start) * 1000)

        _, samples = median_ms(timed, runs=args.runs, warmup=2)
        cpu = cpu[2:]
        with CaptureQueriesContext(connection) as queries:
            get()
        p95 = statistics.quantiles(samples, n=20)[-1]
        ok &= p95 < 200
        print(
            f"[{vendor}] queue ({args.open} open + {args.closed} closed, loaded in {loaded:.0f} s)"
            f" {label}: p50 {statistics.median(samples):.1f} ms, p95 {p95:.1f} ms (target < 200),"
            f" {len(queries)} queries; CPU of this process p50 {statistics.median(cpu):.1f} ms"
            f" ({load()})"
        )
        if args.explain:
            explain(queries)
    return ok


def explain(queries) -> None:
    """EXPLAIN ANALYZE of the ticket queries of one page."""
    from django.db import connection

    prefix = "EXPLAIN ANALYZE " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
    for q in queries:
        sql = q["sql"]
        if "hotline_ticket" not in sql:
            print(f"  SQL ({q['time']} s): {sql[:160]}")
            continue
        with connection.cursor() as cursor:
            cursor.execute(prefix + sql)
            plan = "\n    ".join(" ".join(str(c) for c in row) for row in cursor.fetchall())
        print(f"  SQL: {sql[:400]}\n    {plan}")


def analysis(args) -> bool:
    from django.db import connection

    from gongkai.hotline.analysis.data import monthly

    centre, bodies = centre_and_bodies()
    t0 = time.perf_counter()
    # About 3 years of tickets, so a month is ~1/36 of the table, with last month and last year.
    load_tickets(centre, bodies, args.total, start=date(2024, 1, 1), days=1095, open_share=0.02)
    vacuum_analyze()
    loaded = time.perf_counter() - t0
    params = hand_params(centre.pk, 2026, 6)

    def ours():
        return monthly(centre, 2026, 6)

    def hand():
        with connection.cursor() as cursor:
            cursor.execute(HAND_SQL, params)
            return cursor.fetchall()

    mine, theirs = report_figures(ours()), hand_figures(hand())
    same = mine == theirs
    if not same:
        for key in mine:
            if mine[key] != theirs[key]:
                print(f"  differs: {key}\n    report: {mine[key]}\n    hand:   {theirs[key]}")
    ours_ms, _ = median_ms(ours, runs=args.runs, warmup=1)
    hand_ms, _ = median_ms(hand, runs=args.runs, warmup=1)
    vendor = connection.vendor
    received = mine["periods"]["current"]["received"]
    print(
        f"[{vendor}] analysis over {args.total} tickets (loaded in {loaded:.0f} s; {received} "
        f"counted in the month): monthly report figures {ours_ms:.0f} ms (target < 5000) vs one "
        f"hand-written SQL aggregate of the same figures {hand_ms:.0f} ms → ratio "
        f"{ours_ms / hand_ms:.2f}×; every figure equal: {same} ({load()})"
    )
    return same and ours_ms < 5000


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--part", choices=["intake", "queue", "analysis"])
    parser.add_argument("--tickets", type=int, default=20_000)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--no-kill", action="store_true", help="baseline without SIGKILL")
    parser.add_argument(
        "--storm", type=int, default=10, help="worker kills between two whole-server kills"
    )
    parser.add_argument(
        "--seconds", type=int, default=7200, help="intake: stop after this long all the same"
    )
    parser.add_argument(
        "--pg-restarts",
        type=int,
        default=1,
        help="intake on PostgreSQL: crash-restart the database server this many times mid-run "
        "(evenly spread; ignored on SQLite)",
    )
    parser.add_argument("--open", type=int, default=100_000)
    parser.add_argument("--closed", type=int, default=100_000)
    parser.add_argument("--total", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=20, help="timed runs per figure")
    parser.add_argument("--explain", action="store_true", help="print the queue's query plans")
    parser.add_argument("--here", action="store_true")
    args = parser.parse_args()
    if not args.part:
        code = 0
        for part in ("intake", "queue", "analysis"):
            extra = [a for a in sys.argv[1:] if a != "--here"]
            code |= run_on_both_databases(__file__, [*extra, "--part", part])
        return code
    os.environ.setdefault("GONGKAI_SECRET_KEY", "bench-hotline-secret-key")
    # One address sends thousands of tickets here: lift the abuse limits (docs/security.md).
    os.environ.setdefault(
        "GONGKAI_RATE_LIMITS",
        "api.client=100000000/60,hotline.client=100000000/60,hotline.body=100000000/60,"
        "hotline.captcha=100000000/60",
    )
    os.environ.setdefault("GONGKAI_2FA_REQUIRED", "0")  # force_login has no TOTP device
    setup_django()
    from django.db import connection

    if args.pg_restarts and connection.vendor != "postgresql":
        args.pg_restarts = 0  # `make bench` passes the same options to the SQLite run
    return 0 if {"intake": intake, "queue": queue, "analysis": analysis}[args.part](args) else 1


if __name__ == "__main__":
    sys.exit(main())
