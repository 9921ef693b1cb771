"""Intake durability: 32 concurrent clients submit 2,000 requests through the API while the
server is killed with SIGKILL at random moments and restarted. Every request whose receipt
number reached a client must exist afterwards, complete, and all receipt numbers are unique.

Prints accepted requests per second.   python bench/intake.py [--requests N] [--clients N]
Runs on SQLite, then on PostgreSQL (scripts/with-postgres).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import Storm, run_on_both_databases, setup_django  # noqa: E402


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
    storm = Storm(
        "/api/v1/applications",
        payload,
        lambda r: (r["receipt_no"], r["verification_code"]),
        requests=args.requests,
        clients=args.clients,
        kill=not args.no_kill,
    )
    acknowledged, errors, elapsed, kills = storm.run()

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
        f"→ {len(acknowledged) / elapsed:.1f} accepted requests/s; server SIGKILLed {kills} times; "
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
