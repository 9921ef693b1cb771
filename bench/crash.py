"""Crash safety beyond intake (issue 15 point 9): worker processes drive items from draft to
published (submit → approve → sign-off, which publishes) and annual reports from draft through
approval (the freeze of every figure) to publication, while a killer SIGKILLs them at random
moments and starts them again; with --pg-restart the PostgreSQL server itself is stopped
(immediate, like a crash) and started again mid-run.

Afterwards: every step a worker saw committed is there; no item or report is half-way (a
published item without its index number, channel post or ledger event; an approved report
without all its frozen figures or its event; a ledger event without its state); index numbers
are unique and gap-free; the ledger verifies.

    python bench/crash.py [--seconds 60] [--workers 4]        SQLite, then PostgreSQL (+ restart)
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, restart_postgres, setup_django  # noqa: E402

YEAR = 2017
REPORT_AGENCIES = 400  # more than a run can approve: the workers never run dry


def _people():
    from django.contrib.auth import get_user_model

    from gongkai.agencies.models import Agency

    users = get_user_model().objects
    return (
        Agency.objects.get(code="crash"),
        users.get(username="crash-officer"),
        users.get(username="crash-reviewer"),
        users.get(username="crash-leader"),
    )


def setup() -> None:
    from django.contrib.auth import get_user_model

    from gongkai.agencies.models import Agency, Membership, Role

    users = get_user_model().objects
    people = {
        role: users.create(username=f"crash-{role}") for role in ("officer", "reviewer", "leader")
    }
    roles = {"officer": Role.OFFICER, "reviewer": Role.REVIEWER, "leader": Role.LEADER}
    agencies = [
        Agency.objects.create(
            code="crash", name="崩溃测试局", level="county", kind="department", org_code="12345678X"
        )
    ]
    agencies += [
        Agency.objects.create(
            code=f"crash-r{i}", name=f"年报测试局{i}", level="county", kind="department"
        )
        for i in range(REPORT_AGENCIES)
    ]
    Membership.objects.bulk_create(
        Membership(user=people[name], agency=agency, role=role)
        for agency in agencies
        for name, role in roles.items()
    )


def work_items(number: int) -> None:
    """Loop: a new item to published, and the items a killed run left half-way."""
    from gongkai.publishing import services
    from gongkai.publishing.models import Item, ItemStatus

    agency, officer, reviewer, leader = _people()
    i = 0
    while True:
        # Resume what an earlier (killed) run of this worker left in review or awaiting sign-off.
        item = (
            Item.objects.filter(agency=agency, title__startswith=f"W{number}-")
            .exclude(status__in=[ItemStatus.PUBLISHED])
            .order_by("pk")
            .first()
        )
        if item is None:
            i += 1
            item = services.create_item(
                agency,
                officer,
                title=f"W{number}-{time.time_ns()}-{i}",
                body="<p>正文</p>",
                formed_on=dt.date(2026, 11, 2),
            )
        if item.status == ItemStatus.DRAFT:
            item = services.submit(item, officer)
        if item.status == ItemStatus.REVIEW:
            item = services.approve(item, reviewer, "同意")
        if item.status == ItemStatus.SIGNOFF:
            item = services.sign_off(item, leader, "同意发布")
        print("published item", item.pk, flush=True)


def work_reports(number: int, workers: int) -> None:
    from gongkai.reports import services
    from gongkai.reports.models import Report, ReportStatus

    _, officer, reviewer, leader = _people()
    from gongkai.agencies.models import Agency

    mine = Agency.objects.filter(code__startswith="crash-r").order_by("pk")
    for index, agency in enumerate(mine):
        if index % workers != number:
            continue
        report = services.get_or_create_report(agency, YEAR, actor=officer)
        if report.status == ReportStatus.PUBLISHED:
            continue
        if report.status == ReportStatus.DRAFT:
            services.enter_figures(
                report, {"archive.total": 3, "archive.paper": 3, "archive.electronic": 0}, officer
            )
            report = services.transition(report, "submit", officer)
        if report.status == ReportStatus.SUBMITTED:
            report = services.transition(report, "review", reviewer)
        if report.status == ReportStatus.REVIEWED:
            report = services.transition(report, "approve", leader)
            print("approved report", report.pk, flush=True)
        report = Report.objects.get(pk=report.pk)
        if report.status == ReportStatus.APPROVED:
            report = services.transition(report, "publish", leader)
            print("published report", report.pk, flush=True)


class Worker:
    def __init__(self, kind: str, number: int, workers: int, acks: list, lock) -> None:
        self.args = [sys.executable, __file__, "--work", kind, str(number), str(workers)]
        self.acks, self.lock = acks, lock
        self.log = open(os.path.join(os.environ["GONGKAI_VAR_DIR"], f"{kind}-{number}.log"), "a")  # noqa: SIM115
        self.proc: subprocess.Popen | None = None
        self.reader: threading.Thread | None = None

    def start(self) -> None:
        self.working = False
        self.proc = subprocess.Popen(
            self.args,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=os.environ.copy(),
        )
        self.reader = threading.Thread(target=self._read, args=(self.proc,), daemon=True)
        self.reader.start()

    def _read(self, proc) -> None:
        for line in proc.stdout:
            parts = line.split()
            if len(parts) == 3:
                with self.lock:
                    self.acks.append((parts[0], parts[1], int(parts[2])))
                self.working = True

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
        if self.proc is not None:
            self.proc.wait()
            self.reader.join(timeout=5)


def check(acks: list) -> list[str]:
    from django.db import connection
    from django.db.models import Count

    from gongkai.audit.models import Event
    from gongkai.audit.services import verify_chain
    from gongkai.publishing.models import ChannelPost, Item, ItemStatus
    from gongkai.reports.models import Report, ReportStatus

    connection.close()
    problems = []
    items = {i.pk: i for i in Item.objects.filter(agency__code="crash")}
    published = {pk for pk, i in items.items() if i.status == ItemStatus.PUBLISHED}
    acked_items = {pk for kind, what, pk in acks if what == "item"}
    lost_items = acked_items - published
    if lost_items:
        problems.append(f"acknowledged items not published: {sorted(lost_items)[:5]}")
    events = set(
        Event.objects.filter(
            object_type="publishing.item", action="publishing.item.publish"
        ).values_list("object_id", flat=True)
    )
    posts = set(ChannelPost.objects.filter(item__in=published).values_list("item_id", flat=True))
    half = 0  # half-written: an item or report in a state without everything that goes with it
    for pk in published:
        item = items[pk]
        if not (item.index_number and item.published_at and str(pk) in events and pk in posts):
            problems.append(f"item {pk} published half-way")
            half += 1
    if orphans := events - {str(pk) for pk in published}:
        problems.append("a publish event without a published item")
        half += len(orphans)
    numbers = sorted(int(items[pk].index_number.rsplit("-", 1)[1]) for pk in published)
    if numbers != list(range(1, len(numbers) + 1)):
        problems.append(f"index numbers not gap-free: {numbers[:10]}…")

    reports = Report.objects.filter(agency__code__startswith="crash-r").annotate(n=Count("figures"))
    frozen = {ReportStatus.APPROVED, ReportStatus.PUBLISHED}
    approve_events = set(
        Event.objects.filter(
            object_type="reports.report", action="reports.report.approve"
        ).values_list("object_id", flat=True)
    )
    by_pk = {r.pk: r for r in reports}
    # Approval freezes every key of the format: all approved reports hold the same number.
    keys = max((r.n for r in reports if r.status in frozen), default=0)
    for r in reports:
        if r.status in frozen and (
            r.n < keys or str(r.pk) not in approve_events or not r.approved_at
        ):
            problems.append(f"report {r.pk} approved half-way ({r.n}/{keys} figures)")
            half += 1
    acked = {(what, pk) for kind, what, pk in acks if what == "report"}
    lost_reports = 0
    for kind, what, pk in acks:
        if what == "report" and (
            by_pk[pk].status not in frozen
            or (kind == "published" and by_pk[pk].status != ReportStatus.PUBLISHED)
        ):
            problems.append(f"acknowledged report {pk} lost its {kind}")
            lost_reports += 1
    if not published or not keys:
        problems.append("nothing was published or approved: the run proves nothing")
    result = verify_chain()
    if not result.ok:
        problems.append("ledger: " + result.message)
    print(
        f"[{connection.vendor}] items published {len(published)} (acknowledged {len(acked_items)}), "
        f"reports approved {sum(r.status in frozen for r in reports)} (acknowledged {len(acked)}); "
        f"lost {len(lost_items) + lost_reports}, half-written {half}, index numbers gap-free "
        f"{numbers == list(range(1, len(numbers) + 1))}; ledger verify: "
        f"{'OK' if result.ok else 'FAILED'} ({result.message})"
    )
    return problems


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument(
        "--pg-restart", action="store_true", help="PostgreSQL only: crash-restart the server"
    )
    parser.add_argument(
        "--pg-restarts", type=int, default=1, help="with --pg-restart: how many times, spread out"
    )
    parser.add_argument("--kill-every", type=float, default=4.0, help="mean seconds between kills")
    parser.add_argument("--here", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("GONGKAI_SECRET_KEY", "bench-crash-secret-key")
    setup_django()
    from django.db import connection

    if args.pg_restart and connection.vendor != "postgresql":
        parser.error("--pg-restart 只适用于 PostgreSQL（GONGKAI_DATABASE_URL）")
    setup()

    connection.close()
    acks: list = []
    lock = threading.Lock()
    half = max(args.workers // 2, 1)
    workers = [Worker("items", n, half, acks, lock) for n in range(half)]
    workers += [Worker("reports", n, half, acks, lock) for n in range(half)]
    for w in workers:
        w.start()
    rng = random.Random(7)
    kills = restarts = 0
    down = 0.0
    start = time.perf_counter()
    planned = args.pg_restarts if args.pg_restart else 0
    while time.perf_counter() - start < args.seconds:
        time.sleep(rng.uniform(0.5, 2 * args.kill_every - 0.5))
        # the n-th restart at n/(planned+1) of the run
        if restarts < planned and time.perf_counter() - start > (
            args.seconds * (restarts + 1) / (planned + 1)
        ):
            down += restart_postgres()
            restarts += 1
        # Kill mid-traffic: a worker that has got going (starting Django takes seconds on a
        # busy machine; killing during start-up tests nothing).
        busy = [w for w in workers if w.working]
        if busy:
            victim = rng.choice(busy)
            victim.kill()
            kills += 1
            victim.start()
        for w in workers:  # a worker that died on its own (the database went away) starts again
            if w.proc.poll() is not None:
                w.start()
    for w in workers:
        w.kill()
    elapsed = time.perf_counter() - start
    problems = check(acks)
    print(
        f"[{connection.vendor}] {elapsed:.0f} s, {len(workers)} workers SIGKILLed {kills} times"
        + (f", PostgreSQL crash-restarted {restarts}× (down {down:.1f} s)" if planned else "")
        + f" → {'OK' if not problems else 'FAILED'}"
    )
    for problem in problems[:20]:
        print("  ", problem)
    return 0 if not problems else 1


if __name__ == "__main__":
    if "--work" in sys.argv:
        _, _, kind, number, workers = sys.argv[:5]
        sys.path.insert(0, str(ROOT))
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
        import django

        django.setup()
        if kind == "items":
            work_items(int(number))
        else:
            work_reports(int(number), int(workers))
        sys.exit(0)
    if "--here" in sys.argv:
        sys.exit(main())
    # The SQLite half has no server to restart: --pg-restart is for the PostgreSQL half only.
    code = subprocess.call(
        [sys.executable, __file__, "--here", *(a for a in sys.argv[1:] if a != "--pg-restart")],
        env={**os.environ, "GONGKAI_DATABASE_URL": ""},
    )
    code |= subprocess.call(
        [
            str(ROOT / "scripts" / "with-postgres"),
            sys.executable,
            __file__,
            "--here",
            "--pg-restart",
            *sys.argv[1:],
        ]
    )
    sys.exit(code)
