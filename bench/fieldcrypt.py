"""Encrypted personal fields (issue 15 point 5): what they cost.

1. per value: AES-GCM encrypt and decrypt of a phone number, the keyed search hash (µs, median
   of 20 batches of 1,000);
2. per ticket: the queries intake() makes (the encryption adds none) and its time;
3. the data migration: `--rows` (default 20,000) tickets decrypted back to plain and encrypted
   again by the frozen migration helpers (rows/s each way) — what `migrate` costs on upgrade.

    python bench/fieldcrypt.py [--rows N]        # SQLite, then a throwaway PostgreSQL
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
from common import run_on_both_databases, setup_django  # noqa: E402
from hotline_data import centre_and_bodies, load_tickets  # noqa: E402


def load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def per_call_us(func, n: int = 1000, batches: int = 20) -> float:
    times = []
    for _ in range(batches):
        t0 = time.perf_counter()
        for _ in range(n):
            func()
        times.append((time.perf_counter() - t0) / n * 1e6)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--here", action="store_true")
    args = parser.parse_args()
    setup_django()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gongkai.core import crypto
    from gongkai.core.frozen import fieldcrypt_v1
    from gongkai.hotline import intake
    from gongkai.hotline.models import Category

    engine = connection.vendor
    stored = crypto.encrypt("13805331234")
    enc = per_call_us(lambda: crypto.encrypt("13805331234"))
    dec = per_call_us(lambda: crypto.decrypt(stored))
    mac = per_call_us(lambda: crypto.search_hash("phone", "138-0533-1234"))
    print(
        f"[{engine}] per value: encrypt {enc:.1f} µs, decrypt {dec:.1f} µs, hash {mac:.1f} µs; {load()}"
    )

    centre, bodies = centre_and_bodies()
    data = {
        "name": "来电人",
        "phone": "13805331234",
        "type": "complaint",
        "category": Category.objects.filter(parent__isnull=False).first(),
        "content": "基准测试诉求：小区路灯不亮，请尽快维修。",
        "address": "某小区3号楼",
    }
    intake.intake(centre, data, channel="phone", actor=None)  # warm-up
    with CaptureQueriesContext(connection) as queries:
        t0 = time.perf_counter()
        intake.intake(centre, data, channel="phone", actor=None)
        took = (time.perf_counter() - t0) * 1000
    print(f"[{engine}] intake(): {len(queries)} queries, {took:.1f} ms; {load()}")

    load_tickets(centre, bodies, args.rows, start=date(2025, 1, 1), days=365, open_share=0.02)
    table, fields = "hotline_ticket", ["name", "phone", "address"]
    hashes = {
        "name_hash": "name:name",
        "phone_hash": "phone:phone",
        "address_hash": "address:address",
    }
    total = args.rows + 2
    with connection.schema_editor() as editor:
        t0 = time.perf_counter()
        fieldcrypt_v1.decrypt_table(editor, table, fields, hashes)
        back = time.perf_counter() - t0
    with connection.schema_editor() as editor:
        t0 = time.perf_counter()
        fieldcrypt_v1.encrypt_table(editor, table, fields, hashes)
        forward = time.perf_counter() - t0
    print(
        f"[{engine}] migration over {total:,} tickets: encrypt {total / forward:,.0f} rows/s "
        f"({forward:.1f} s), decrypt {total / back:,.0f} rows/s ({back:.1f} s); {load()}"
    )
    return 0


if __name__ == "__main__":
    if "--here" in sys.argv:
        sys.exit(main())
    sys.exit(run_on_both_databases(__file__, sys.argv[1:]))
