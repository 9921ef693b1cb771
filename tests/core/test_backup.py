"""Backups that restore (issue 15 point 8): a live instance under write load is backed up with
`gongkai backup`, restored with `gongkai restore` into a fresh instance, and the restored ledger
verifies, every restored record and file is the source's, and nothing acknowledged before the
backup began is missing. Then, with the writes stopped, a second backup restores to an
instance identical in every table and file.

Runs on the database of the test run: SQLite in the first pass, PostgreSQL in the second
(`scripts/with-postgres`), each instance in its own data directory and database.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
GONGKAI = [sys.executable, "-m", "gongkai"]
# Tables whose rows the writer only ever inserts: a restore of a backup taken mid-load holds a
# subset of the source's rows, each identical.
APPEND_ONLY = (
    "audit_event",
    "applications_application",
    "applications_attachment",
    "publishing_attachment",
)

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


def _is_postgres() -> bool:
    return settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


class Instance:
    """One gongkai installation: a data directory and a database of its own."""

    def __init__(self, root: Path, name: str) -> None:
        self.var = root / name
        self.url = ""
        if _is_postgres():
            self.dbname = f"backup_{name}_{uuid.uuid4().hex[:8]}"
            _admin(f'CREATE DATABASE "{self.dbname}"')
            db = settings.DATABASES["default"]
            self.url = f"postgresql://{db['USER']}@{db['HOST']}:{db['PORT']}/{self.dbname}"

    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "GONGKAI_VAR_DIR": str(self.var),
            "GONGKAI_DATABASE_URL": self.url,
            "GONGKAI_SECRET_KEY": "backup-test-secret-key",
            "PYTHONPATH": str(ROOT),
        }

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        result = subprocess.run(
            [*GONGKAI, *args], env=self.env(), cwd=ROOT, capture_output=True, text=True
        )
        if check:
            assert result.returncode == 0, result.stderr
        return result

    # --- what is stored --------------------------------------------------------------------

    def tables(self) -> dict[str, set[tuple]]:
        if _is_postgres():
            import psycopg

            with psycopg.connect(self.url) as conn:
                names = [
                    row[0]
                    for row in conn.execute(
                        "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                    )
                ]
                # A row as PostgreSQL writes it as text: exact, and hashable (JSON columns too).
                return {
                    name: {row for row in conn.execute(f'SELECT t::text FROM "{name}" t')}
                    for name in names
                }
        conn = sqlite3.connect(self.var / "gongkai.sqlite3")
        try:
            names = [
                row[0]
                for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            ]
            return {
                name: set(conn.execute(f'SELECT * FROM "{name}"'))
                for name in names
                if name != "sqlite_sequence"
            }
        finally:
            conn.close()

    def query(self, sql: str) -> list[tuple]:
        if _is_postgres():
            import psycopg

            with psycopg.connect(self.url) as conn:
                return [tuple(row) for row in conn.execute(sql)]
        conn = sqlite3.connect(self.var / "gongkai.sqlite3")
        try:
            return list(conn.execute(sql))
        finally:
            conn.close()

    def ids(self, table: str) -> set[int]:
        return {row[0] for row in self.query(f'SELECT id FROM "{table}"')}

    def query_tables(self) -> list[str]:
        if _is_postgres():
            return [
                r[0]
                for r in self.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
            ]
        if not (self.var / "gongkai.sqlite3").exists():
            return []
        return [r[0] for r in self.query("SELECT name FROM sqlite_master WHERE type = 'table'")]

    def files(self) -> dict[str, bytes]:
        root = self.var / "files"
        return {
            path.relative_to(root).as_posix(): path.read_bytes()
            for path in root.rglob("*")
            if path.is_file()
        }

    def drop(self) -> None:
        if _is_postgres():
            _admin(f'DROP DATABASE IF EXISTS "{self.dbname}" WITH (FORCE)')


def _admin(sql: str) -> None:
    import psycopg

    db = settings.DATABASES["default"]
    with psycopg.connect(
        f"postgresql://{db['USER']}@{db['HOST']}:{db['PORT']}/postgres", autocommit=True
    ) as conn:
        conn.execute(sql)


class Writer:
    """tests/core/backup_writer.py in its own process; collects what it acknowledged."""

    def __init__(self, instance: Instance, stop: Path) -> None:
        self.stop = stop
        self.lines: list[str] = []
        self.proc = subprocess.Popen(
            [sys.executable, str(ROOT / "tests" / "core" / "backup_writer.py"), str(stop)],
            env=instance.env(),
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.reader = threading.Thread(target=self._read)
        self.reader.start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.append(line.strip())

    def wait_for(self, count: int, timeout: float = 120) -> list[str]:
        deadline = time.time() + timeout
        while len(self.lines) < count:
            assert self.proc.poll() is None, self.proc.stderr.read()
            assert time.time() < deadline, "the writer is too slow"
            time.sleep(0.05)
        return list(self.lines)

    def finish(self) -> None:
        self.stop.touch()
        self.proc.wait(timeout=120)
        self.reader.join()
        assert self.proc.returncode == 0, self.proc.stderr.read()


def _ids(lines: list[str], kind: str) -> set[int]:
    return {int(line.split()[1]) for line in lines if line.split()[0] == kind}


def test_a_backup_under_write_load_restores_to_a_consistent_and_identical_instance(tmp_path):
    instances = [Instance(tmp_path, name) for name in ("source", "mid", "quiet")]
    source, mid, quiet = instances
    try:
        source.run("manage", "migrate", "--verbosity", "0")
        writer = Writer(source, tmp_path / "stop")
        acknowledged = writer.wait_for(6)  # writes are under way

        backup = source.run("backup", str(tmp_path / "backup-under-load"))
        assert "已备份到" in backup.stdout
        after = writer.wait_for(len(writer.lines) + 4)  # and went on during and after it
        writer.finish()

        # Restore the backup taken under load into a fresh instance.
        restored = mid.run("restore", str(tmp_path / "backup-under-load"))
        assert "已从" in restored.stdout
        assert mid.run("audit", "verify").stdout.startswith("OK")
        src, got = source.tables(), mid.tables()
        for table in APPEND_ONLY:
            assert got[table] <= src[table], table  # every restored row is the source's
        stored_apps = mid.ids("applications_application")
        assert _ids(acknowledged, "application") <= stored_apps  # nothing acknowledged lost
        assert stored_apps < source.ids("applications_application")
        assert len(got["audit_event"]) < len(src["audit_event"])  # writes went on after it
        src_files, got_files = source.files(), mid.files()
        for path, content in got_files.items():
            assert src_files[path] == content, path
        # Every file a restored row names was restored with it.
        named = [
            f"applications/{row[0]}"
            for row in mid.query("SELECT file FROM applications_attachment")
        ]
        named += [row[0] for row in mid.query("SELECT file FROM publishing_attachment")]
        assert len(named) >= 2 * len(_ids(acknowledged, "application"))
        assert set(named) <= set(got_files)

        # Quiet: a second backup restores to an identical instance.
        source.run("backup", str(tmp_path / "backup-quiet"))
        quiet.run("restore", str(tmp_path / "backup-quiet"))
        assert quiet.run("audit", "verify").stdout.startswith("OK")
        assert quiet.tables() == source.tables()
        assert quiet.files() == source.files()
        assert _ids(after, "application") <= quiet.ids("applications_application")
        # The generated field key came back with it: the applicants' data decrypts there.
        assert (quiet.var / "field_key").read_bytes() == (source.var / "field_key").read_bytes()
        checked = quiet.run("check", check=False).stdout
        assert "申请人个人信息已加密存储，当前密钥可以解密" in checked, checked
        assert oct((tmp_path / "backup-quiet").stat().st_mode & 0o777) == "0o700"
        modes = {p.stat().st_mode & 0o777 for p in (tmp_path / "backup-quiet").rglob("*")}
        assert modes <= {0o700, 0o600}

        # A restore never writes over data …
        again = quiet.run("restore", str(tmp_path / "backup-quiet"), check=False)
        assert again.returncode == 2
        assert "目标数据库不是空的" in again.stderr
        # … nor from a damaged backup: checksums are checked before anything is written.
        damaged = tmp_path / "backup-damaged"
        shutil.copytree(tmp_path / "backup-quiet", damaged)
        victim = next(p for p in (damaged / "files").rglob("*") if p.is_file())
        victim.write_bytes(victim.read_bytes()[:-1] + b"X")
        fresh = Instance(tmp_path, "fresh")
        instances.append(fresh)
        refused = fresh.run("restore", str(damaged), check=False)
        assert refused.returncode == 2
        assert "校验和不符" in refused.stderr
        assert not (fresh.var / "files").exists() or not any((fresh.var / "files").iterdir())
        assert not fresh.query_tables()
    finally:
        for instance in instances:
            instance.drop()
