"""An officer's worklist with 10,000 open requests: the first page, sorted by due date.

Target: median < 200 ms on SQLite and on PostgreSQL.   python bench/worklist.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import median_ms, run_on_both_databases, setup_django  # noqa: E402

TARGET_MS = 200.0
OPEN = 10_000


def build() -> tuple[object, object]:
    import random
    from datetime import date, timedelta

    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.utils import timezone

    from gongkai.agencies.models import Agency, Membership
    from gongkai.applications.models import Application

    rng = random.Random(7)
    agency = Agency.objects.create(code="bench", name="基准局", level="county", kind="department")
    other = Agency.objects.create(
        code="bench-other", name="其他局", level="county", kind="department"
    )
    user = get_user_model().objects.create_user("bench_officer", password="x" * 12)
    Membership.objects.create(user=user, agency=agency, role="officer")
    now = timezone.now()
    rows = []
    total_open = OPEN * 10 // 9 + 1  # 9 in 10 belong to the officer's body
    for i in range(total_open + 5_000):
        received = date(2026, 1, 1) + timedelta(days=rng.randint(0, 300))
        closed = i >= total_open
        rows.append(
            Application(
                agency=agency if i % 10 else other,
                receipt_no=f"YSQ-BENCH-{i:06d}",
                code_hash="0" * 64,
                applicant_type="person",
                name="测试",
                id_type="resident_id",
                id_number="11010519491231002X",
                phone="0533-1234567",
                description="基准测试申请",
                info_form="electronic",
                delivery="email",
                channel="online",
                arrived_at=now,
                received_on=received,
                status="closed"
                if closed
                else rng.choice(["open", "open", "open", "supplement", "consulting"]),
                outcome="granted" if closed else "",
                closed_on=received + timedelta(days=20) if closed else None,
                due_on=None if not closed and rng.random() < 0.1 else received + timedelta(days=28),
                calendar_version="v1",
                regime="2019",
            )
        )
    with transaction.atomic():
        Application.objects.bulk_create(rows, batch_size=2000)
    with connection.cursor() as cursor:
        cursor.execute(
            "VACUUM ANALYZE applications_application"
            if connection.vendor == "postgresql"
            else "ANALYZE"
        )
    return user, agency


def main() -> int:
    setup_django()
    from django.db import connection
    from django.test import Client

    user, agency = build()
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    open_here = agency.applications.open().count()

    def page():
        response = client.get("/manage/applications/")
        assert response.status_code == 200 and b"YSQ-BENCH-" in response.content

    median, samples = median_ms(page, runs=15)
    verdict = "OK" if median < TARGET_MS else "SLOWER THAN TARGET"
    print(f"[{connection.vendor}] open requests of the officer's body: {open_here}")
    print(
        f"[{connection.vendor}] worklist page: median {median:.1f} ms (min {min(samples):.1f}, max {max(samples):.1f}); "
        f"target < {TARGET_MS:.0f} ms → {verdict} (ratio {median / TARGET_MS:.2f})"
    )
    return 0 if median < TARGET_MS else 1


if __name__ == "__main__":
    if "--here" in sys.argv:
        sys.exit(main())
    sys.exit(run_on_both_databases(__file__))
