"""A primary and a streaming replica (scripts/with-postgres --replica): a read after a write by
the same user sees the write; portal reads go to the replica."""

import glob
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(
    not glob.glob("/usr/lib/postgresql/*/bin/pg_basebackup")
    and not os.environ.get("GONGKAI_PG_BIN"),
    reason="PostgreSQL server binaries are not installed",
)
def test_read_your_writes_on_a_primary_with_a_streaming_replica():
    env = {k: v for k, v in os.environ.items() if not k.startswith("GONGKAI_DATABASE")}
    env.pop("GONGKAI_REPLICA_DATABASE_URL", None)
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
