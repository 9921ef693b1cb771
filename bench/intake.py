"""Intake durability: 32 concurrent clients submit 2,000 requests through the API while the
server is killed with SIGKILL at random moments and restarted. Every request whose receipt
number reached a client must exist afterwards, complete, and all receipt numbers are unique.

Prints accepted requests per second.   python bench/intake.py [--requests N] [--clients N]
Runs on SQLite, then on PostgreSQL (scripts/with-postgres).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, run_on_both_databases, setup_django  # noqa: E402

GUNICORN = Path(sys.executable).with_name("gunicorn")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, port: int) -> None:
        self.port = port
        self.proc: subprocess.Popen | None = None
        self.kills = 0

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [
                str(GUNICORN),
                "gongkai.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "2",
                "--timeout",
                "60",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=os.environ.copy(),
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                conn.request("GET", "/api/v1/openapi.json")
                if conn.getresponse().status == 200:
                    return
            except (OSError, http.client.HTTPException):
                time.sleep(0.1)
        raise RuntimeError("server did not start")

    def kill(self, final: bool = False) -> None:
        if self.proc is not None:
            # The whole process group: master and workers die mid-request, like a power cut.
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
            self.kills += 0 if final else 1


def payload(i: int) -> dict:
    from stdnum.cn import ric

    body = f"110105{1950 + i % 50}0101{i % 1000:03d}"
    return {
        "agency": "bench",
        "applicant_type": "person",
        "name": f"申请人{i}",
        "id_type": "resident_id",
        "id_number": body + ric.calc_check_digit(body + "0"),
        "phone": "0533-1234567",
        "email": f"a{i}@example.com",
        "address": "淄博市张店区",
        "description": f"基准测试申请第{i}件：某文件",
        "delivery": "email",
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--no-kill", action="store_true", help="baseline without SIGKILL")
    parser.add_argument("--here", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("GONGKAI_SECRET_KEY", "bench-intake-secret-key")
    # One address sends thousands of applications here: lift the abuse limits (docs/security.md).
    os.environ.setdefault(
        "GONGKAI_RATE_LIMITS",
        "apply.client=1000000/60,apply.body=1000000/60,apply.captcha=1000000/60,api.client=1000000/60",
    )
    setup_django()
    from django.db import connection

    from gongkai.agencies.models import Agency
    from gongkai.applications.models import Application
    from gongkai.audit.models import Event

    Agency.objects.create(code="bench", name="基准局", level="county", kind="department")
    connection.close()
    server = Server(free_port())
    server.start()
    acknowledged: list[tuple[str, str, dict]] = []
    lock = threading.Lock()
    counter = iter(range(10**9))
    done = threading.Event()
    errors = {"refused": 0, "http": 0}

    def client() -> None:
        while not done.is_set():
            with lock:
                if len(acknowledged) >= args.requests:
                    done.set()
                    return
                i = next(counter)
            data = payload(i)
            try:
                conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
                conn.request(
                    "POST",
                    "/api/v1/applications",
                    json.dumps(data),
                    {"Content-Type": "application/json"},
                )
                response = conn.getresponse()
                body = response.read()
                conn.close()
            except (OSError, http.client.HTTPException):
                with lock:
                    errors["refused"] += 1
                time.sleep(0.05)
                continue
            if response.status != 201:
                with lock:
                    errors["http"] += 1
                continue
            result = json.loads(body)
            with lock:
                acknowledged.append((result["receipt_no"], result["verification_code"], data))

    def killer() -> None:
        rng = random.Random(1)
        while not done.is_set() and not args.no_kill:
            time.sleep(rng.uniform(0.5, 3.0))  # after the server answered: kills land mid-traffic
            if done.is_set():
                break
            server.kill()
            time.sleep(rng.uniform(0.0, 0.3))
            server.start()

    start = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(args.clients)]
    chaos = threading.Thread(target=killer)
    for t in threads:
        t.start()
    chaos.start()
    for t in threads:
        t.join()
    done.set()
    chaos.join()
    elapsed = time.perf_counter() - start
    server.kill(final=True)

    numbers = [a[0] for a in acknowledged]
    stored = {
        a.receipt_no: a
        for a in Application.objects.filter(receipt_no__in=numbers).prefetch_related("clock_events")
    }
    audited = set(
        Event.objects.filter(action="applications.submitted").values_list("object_id", flat=True)
    )
    missing, incomplete = [], []
    for receipt_no, code, data in acknowledged:
        app = stored.get(receipt_no)
        if app is None:
            missing.append(receipt_no)
            continue
        ok = (
            app.name == data["name"]
            and app.id_number == data["id_number"]
            and app.description == data["description"]
            and app.check_code(code)
            and app.due_on is not None
            and any(e.kind == "received" for e in app.clock_events.all())
            and str(app.pk) in audited
        )
        if not ok:
            incomplete.append(receipt_no)
    unique = len(set(numbers)) == len(numbers)
    total_rows = Application.objects.count()
    vendor = connection.vendor
    print(
        f"[{vendor}] {len(acknowledged)} acknowledged by {args.clients} clients in {elapsed:.1f} s "
        f"→ {len(acknowledged) / elapsed:.1f} accepted requests/s; server SIGKILLed {server.kills} times; "
        f"failed attempts: {errors['refused']} connection, {errors['http']} HTTP errors; rows stored {total_rows}"
    )
    print(
        f"[{vendor}] missing {len(missing)}, incomplete {len(incomplete)}, receipt numbers unique: {unique} → "
        f"{'OK' if not missing and not incomplete and unique else 'FAILED'}"
    )
    return 0 if not missing and not incomplete and unique else 1


if __name__ == "__main__":
    if "--here" in sys.argv:
        sys.exit(main())
    sys.exit(run_on_both_databases(__file__, sys.argv[1:]))
