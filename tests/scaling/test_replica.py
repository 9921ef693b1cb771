"""A primary and a streaming replica: a read after a write by the same user sees the write;
portal reads go to the replica.

The primary is a fresh, idle cluster (`scripts/with-postgres --replica`), seeded with a
pg_dump of this run's already migrated test database instead of migrating from scratch. It is
not the test run's own cluster: a hot standby opens for reads only once no primary transaction
with more than 64 subtransactions is open, and the other test worker's TestCase transactions
(one savepoint per test) kept it closed past pg_ctl's timeout in CI. On the SQLite pass there is
no database to copy, so it runs in the PostgreSQL pass only.
"""

import glob
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("GONGKAI_DATABASE_URL", "").startswith("postgres"),
        reason="runs in the PostgreSQL pass (make test-postgres): it replicates that cluster",
    ),
    pytest.mark.skipif(
        not glob.glob("/usr/lib/postgresql/*/bin/pg_basebackup")
        and not os.environ.get("GONGKAI_PG_BIN"),
        reason="PostgreSQL server binaries are not installed",
    ),
    # The check writes through its own connections: committed data, emptied afterwards.
    pytest.mark.django_db(transaction=True),
]


def test_read_your_writes_on_a_primary_with_a_streaming_replica():
    db = connection.settings_dict
    seed = f"postgresql://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("GONGKAI_DATABASE")}
    env.pop("GONGKAI_REPLICA_DATABASE_URL", None)
    env["GONGKAI_REPLICA_SEED_URL"] = seed
    result = subprocess.run(
        [
            str(ROOT / "scripts" / "with-postgres"),
            "--replica",
            sys.executable,
            str(Path(__file__).parent / "replica_check.py"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "REPLICA CHECK OK" in result.stdout
    assert "0 on the primary" in result.stdout
