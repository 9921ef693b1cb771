"""Run by test_replica.py under `scripts/with-postgres --replica`: a real primary and a real
streaming replica whose replay is paused, so anything read from the replica is visibly stale.

With GONGKAI_REPLICA_SEED_URL set, the (empty) primary is first filled with a pg_dump of that
database, already migrated, which is much faster than migrating from nothing."""

from __future__ import annotations

import glob
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
os.environ.setdefault("GONGKAI_VAR_DIR", tempfile.mkdtemp(prefix="gongkai-replica-"))


def seed_from(source: str, target: str) -> None:
    pg_bin = os.environ.get("GONGKAI_PG_BIN") or sorted(glob.glob("/usr/lib/postgresql/*/bin"))[-1]
    dump = subprocess.run(
        [f"{pg_bin}/pg_dump", "--no-owner", "--no-privileges", source], capture_output=True
    )
    if dump.returncode:
        raise SystemExit(f"pg_dump failed: {dump.stderr.decode(errors='replace')}")
    restore = subprocess.run(
        [f"{pg_bin}/psql", "-q", "-v", "ON_ERROR_STOP=1", target],
        input=dump.stdout,
        capture_output=True,
    )
    if restore.returncode:
        raise SystemExit(f"psql restore failed: {restore.stderr.decode(errors='replace')}")


def caught_up(connections) -> None:
    with connections["default"].cursor() as cur:
        cur.execute("SELECT pg_current_wal_lsn()")
        target = cur.fetchone()[0]
    for _ in range(1200):  # a minute: replay of the seed's WAL on a loaded machine
        with connections["replica"].cursor() as cur:
            cur.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [target])
            if cur.fetchone()[0]:
                return
        time.sleep(0.05)
    raise SystemExit("replica did not catch up")


def main() -> None:
    import django

    if os.environ.get("GONGKAI_REPLICA_SEED_URL"):
        seed_from(os.environ["GONGKAI_REPLICA_SEED_URL"], os.environ["GONGKAI_DATABASE_URL"])

    django.setup()
    from django.core.management import call_command
    from django.db import connections
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from gongkai.agencies.models import Agency, AgencyKind, AgencyLevel, Membership, Role
    from gongkai.supervision.models import Notice

    assert "replica" in connections.databases, "GONGKAI_REPLICA_DATABASE_URL is not set"
    call_command("migrate", interactive=False, verbosity=0)
    from django.contrib.auth import get_user_model

    district = Agency.objects.create(
        code="qu", name="示例区人民政府", level=AgencyLevel.COUNTY, kind=AgencyKind.GOVERNMENT
    )
    Agency.objects.create(
        code="ju",
        name="示例区民政局",
        parent=district,
        level=AgencyLevel.COUNTY,
        kind=AgencyKind.DEPARTMENT,
    )
    user = get_user_model().objects.create_user("sup", password="x-replica-9")
    Membership.objects.create(user=user, agency=district, role=Role.SUPERVISOR)
    caught_up(connections)

    with connections["replica"].cursor() as cur:
        cur.execute("SELECT pg_wal_replay_pause()")
    try:
        writer = Client()
        writer.force_login(user)
        response = writer.post(
            "/manage/supervision/bulletin/", {"year": "2024", "number": "示政〔2025〕1号"}
        )
        assert response.status_code == 302, response.status_code
        notice_url = response["Location"]
        assert Notice.objects.using("default").count() == 1
        assert Notice.objects.using("replica").count() == 0, "replay was not paused"
        # read-your-writes: the same browser reads its notice from the primary
        page = writer.get(notice_url)
        assert page.status_code == 200 and "示政〔2025〕1号" in page.content.decode(), (
            page.status_code
        )
        print("read-after-write: the writer sees the notice (primary)")
        # another supervisor's browser that wrote nothing reads from the (stale) replica
        other = Client()
        other.force_login(user)
        other.cookies.pop("gongkai_primary_until", None)
        assert other.get(notice_url).status_code == 404
        print("another browser reads from the replica (notice not replayed yet: 404)")
        # portal pages are read from the replica
        anonymous = Client()
        with (
            CaptureQueriesContext(connections["replica"]) as on_replica,
            CaptureQueriesContext(connections["default"]) as on_primary,
        ):
            assert anonymous.get("/xxgk/").status_code == 200
        assert len(on_replica.captured_queries) > 0 and len(on_primary.captured_queries) == 0, (
            len(on_replica.captured_queries),
            [q["sql"] for q in on_primary.captured_queries],
        )
        print(
            f"portal: {len(on_replica.captured_queries)} queries on the replica, 0 on the primary"
        )
    finally:
        with connections["replica"].cursor() as cur:
            cur.execute("SELECT pg_wal_replay_resume()")
    caught_up(connections)
    assert Notice.objects.using("replica").count() == 1
    print("REPLICA CHECK OK")


if __name__ == "__main__":
    main()
