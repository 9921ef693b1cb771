"""Subtree query at scale: 50,000 bodies, the subtree of a city with ~5,000 bodies below it.

Target: median < 20 ms on SQLite and on PostgreSQL.   python bench/agencies.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import median_ms, run_on_both_databases, setup_django  # noqa: E402

TARGET_MS = 20.0
# province 1 → cities 10 → counties 10 each → townships 10 each → villages 49 each  ≈ 50,111 bodies
FANOUT = [("city", 10), ("county", 10), ("township", 10), ("village", 49)]


def build_tree() -> int:
    from django.db import connection, transaction

    from gongkai.agencies.models import Agency
    from gongkai.agencies.models.tree import SEGMENT

    rows: list[Agency] = []
    next_id = 1

    def add(parent: Agency | None, level: str, kind: str, name: str) -> Agency:
        nonlocal next_id
        path = (parent.path if parent else "") + str(next_id).zfill(SEGMENT)
        body = Agency(
            id=next_id,
            code=f"b{next_id}",
            name=name,
            level=level,
            kind=kind,
            parent=parent,
            path=path,
            depth=len(path) // SEGMENT - 1,
        )
        rows.append(body)
        next_id += 1
        return body

    layer = [add(None, "province", "government", "基准省人民政府")]
    for level, fanout in FANOUT:
        layer = [
            add(
                parent,
                level,
                "government" if level != "village" else "other",
                f"{parent.name[:6]}{level}{i}",
            )
            for parent in layer
            for i in range(fanout)
        ]
    with transaction.atomic():
        Agency.objects.bulk_create(rows, batch_size=5000)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('agencies_agency','id'), %s)", [next_id]
            )
            cursor.execute("VACUUM ANALYZE agencies_agency")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return len(rows)


def main() -> int:
    setup_django()
    from django.db import connection

    from gongkai.agencies.models import Agency

    total = build_tree()
    city = Agency.objects.filter(level="city").order_by("id")[3]
    below = city.subtree(include_self=False).count()

    def subtree_ids():
        return list(city.subtree().values_list("id", flat=True))

    median, samples = median_ms(subtree_ids, runs=25)
    count_median, _ = median_ms(lambda: city.subtree().count(), runs=25)
    verdict = "OK" if median < TARGET_MS else "SLOWER THAN TARGET"
    print(f"[{connection.vendor}] bodies={total} city subtree below={below}")
    print(
        f"[{connection.vendor}] subtree ids: median {median:.2f} ms (min {min(samples):.2f}, max {max(samples):.2f}); "
        f"count: median {count_median:.2f} ms; target < {TARGET_MS} ms → {verdict} (ratio {median / TARGET_MS:.2f})"
    )
    return 0 if median < TARGET_MS else 1


if __name__ == "__main__":
    if "--here" in sys.argv:
        sys.exit(main())
    sys.exit(run_on_both_databases(__file__))
