"""Backups that restore: the database, the uploaded files and the generated keys, with a manifest
of checksums (docs/operator-guide.md, 备份与恢复演练).

A backup is a directory:

    manifest.json         written last: a directory without it is an unfinished backup
    database.sqlite3      SQLite: a consistent copy by SQLite's online backup API
    database.dump         PostgreSQL: `pg_dump -Fc` (one snapshot, taken while the site runs)
    files/…               everything under MEDIA_ROOT (attachments, letters)
    keys/…                keys generated into the data directory (secret_key, audit_key, …);
                          keys given by *_FILE live elsewhere and are the operator's to keep

The database is copied before the files: an upload is stored before the row that names it
commits, so every file a backed-up row names is already on disk when the files are copied.
Everything is created 0600 in 0700 directories. `restore` checks every checksum before it
writes anything, and only writes into an empty database and an empty files directory.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
PG_FILE = "database.dump"
FILES = "files"
KEYS = "keys"
# Secrets gongkai generates into the data directory when no *_FILE names them (gongkai.conf).
GENERATED_KEYS = ("secret_key", "audit_key", "field_key")
NAME_FORMAT = "gongkai-%Y%m%d-%H%M%S"


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is one Chinese line."""


@dataclass(frozen=True)
class Summary:
    path: Path
    engine: str
    files: int
    size: int


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _engine() -> str:
    return connection.vendor  # "sqlite" or "postgresql"


def _private_dir(path: Path) -> None:
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    path.chmod(0o700)


def _is_empty_dir(path: Path) -> bool:
    return not path.exists() or (path.is_dir() and not any(path.iterdir()))


# --- backup -------------------------------------------------------------------------------------


def create(target: Path) -> Summary:
    """Back up the running instance into `target` (a new or empty directory)."""
    target = Path(target)
    if target.exists() and not target.is_dir():
        raise BackupError(f"备份位置“{target}”不是目录")
    if not _is_empty_dir(target):
        raise BackupError(f"备份目录“{target}”不是空的；请指定一个新目录")
    old_umask = os.umask(0o077)
    try:
        _private_dir(target)
        engine = _engine()
        if engine == "sqlite":
            _dump_sqlite(target / SQLITE_FILE)
        elif engine == "postgresql":
            _dump_postgres(target / PG_FILE)
        else:
            raise BackupError(f"不支持备份 {engine} 数据库")
        _copy_tree(Path(settings.MEDIA_ROOT), target / FILES)
        for name in GENERATED_KEYS:
            source = Path(settings.VAR_DIR) / name
            if source.is_file():
                _private_dir(target / KEYS)
                _copy_file(source, target / KEYS / name)
        return _write_manifest(target, engine)
    finally:
        os.umask(old_umask)


def _sqlite_path() -> Path:
    return Path(settings.DATABASES["default"]["NAME"])


def _dump_sqlite(destination: Path) -> None:
    # Our own connection, not Django's: a backup inside a worker job's IMMEDIATE transaction
    # would hold the write lock for its whole length. One step (pages=-1) copies every page
    # under one read snapshot, so writers carry on (WAL) and the copy is consistent.
    source = sqlite3.connect(_sqlite_path(), timeout=30)
    target = sqlite3.connect(destination)
    try:
        source.backup(target, pages=-1)
    finally:
        target.close()
        source.close()
    destination.chmod(0o600)


@contextlib.contextmanager
def _pg_connection(program: str):
    """`program`'s command line up to its options, with the database named by a libpq
    connection string; a password goes through a private passfile, never the command line."""
    from psycopg.conninfo import make_conninfo

    executable = shutil.which(program)
    if executable is None:
        raise BackupError(f"未找到 {program}；请安装 PostgreSQL 客户端（postgresql-client）")
    db = settings.DATABASES["default"]
    params = {"dbname": str(db["NAME"])}
    for key, name in (("HOST", "host"), ("PORT", "port"), ("USER", "user")):
        if db.get(key):
            params[name] = str(db[key])
    with tempfile.TemporaryDirectory(prefix="gongkai-pg-") as tmp:
        if db.get("PASSWORD"):
            passfile = Path(tmp) / "pgpass"
            escaped = str(db["PASSWORD"]).replace("\\", "\\\\").replace(":", "\\:")
            passfile.write_text(f"*:*:*:*:{escaped}\n", encoding="utf-8")
            passfile.chmod(0o600)
            params["passfile"] = str(passfile)
        yield [executable, "--no-password", "--dbname", make_conninfo(**params)]


def _dump_postgres(destination: Path) -> None:
    with _pg_connection("pg_dump") as args:
        args += ["--format=custom", "--no-owner", "--no-privileges", "--file", str(destination)]
        _run(args, "pg_dump")
    destination.chmod(0o600)


def _run(args: list[str], program: str) -> None:
    result = subprocess.run(args, capture_output=True, text=True)
    if result.returncode != 0:
        reason = (result.stderr or result.stdout).strip().splitlines()
        raise BackupError(f"{program} 失败：{reason[-1] if reason else result.returncode}")


def _copy_file(source: Path, destination: Path) -> None:
    shutil.copyfile(source, destination)
    destination.chmod(0o600)


def _copy_tree(source: Path, destination: Path) -> None:
    _private_dir(destination)
    if not source.exists():
        return
    for root, dirs, names in os.walk(source):
        relative = Path(root).relative_to(source)
        for name in dirs:
            _private_dir(destination / relative / name)
        for name in names:
            try:
                _copy_file(Path(root) / name, destination / relative / name)
            except FileNotFoundError:
                # Removed while we walked (a deleted attachment): nothing left to copy.
                continue


def _entries(target: Path) -> list[dict]:
    entries = []
    for path in sorted(target.rglob("*")):
        if path.is_file() and path.name != MANIFEST:
            entries.append(
                {
                    "path": path.relative_to(target).as_posix(),
                    "size": path.stat().st_size,
                    "sha256": _sha256(path),
                }
            )
    return entries


def _write_manifest(target: Path, engine: str) -> Summary:
    entries = _entries(target)
    manifest = {
        "format": FORMAT,
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "engine": engine,
        "gongkai": _version(),
        "migrations": _applied_migrations(),
        "entries": entries,
    }
    temporary = target / (MANIFEST + ".tmp")
    temporary.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    temporary.chmod(0o600)
    os.replace(temporary, target / MANIFEST)  # last: its presence means the backup is complete
    files = sum(1 for entry in entries if entry["path"].startswith(FILES + "/"))
    return Summary(target, engine, files, sum(entry["size"] for entry in entries))


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("gongkai")
    except PackageNotFoundError:
        return "unknown"


def _applied_migrations() -> dict[str, str]:
    """The last applied migration per app: a restore into older code would break at migrate."""
    from django.db.migrations.recorder import MigrationRecorder

    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        if name > latest.get(app, ""):
            latest[app] = name
    return dict(sorted(latest.items()))


# --- verify and restore -------------------------------------------------------------------------


def read_manifest(source: Path) -> dict:
    source = Path(source)
    if not source.is_dir():
        raise BackupError(f"备份目录“{source}”不存在")
    path = source / MANIFEST
    if not path.is_file():
        raise BackupError(f"“{source}”中没有 {MANIFEST}：不是备份目录，或备份没有完成")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise BackupError(f"{MANIFEST} 已损坏，无法读取") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{MANIFEST} 的格式版本不受支持（应为 {FORMAT}）")
    return manifest


def verify(source: Path) -> dict:
    """Every file the manifest lists is there with its size and checksum, and nothing else is."""
    source = Path(source)
    manifest = read_manifest(source)
    entries = manifest.get("entries", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise BackupError(f"{MANIFEST} 的文件清单（entries）格式不正确")
    listed = set()
    for entry in entries:
        relative = str(entry.get("path", ""))
        if "\x00" in relative or relative.startswith("/"):
            raise BackupError(f"清单中的路径“{relative.replace(chr(0), '')}”不在备份目录内")
        path = (source / relative).resolve()
        if source.resolve() not in path.parents:
            raise BackupError(f"清单中的路径“{relative}”不在备份目录内")
        listed.add(relative)
        if not path.is_file():
            raise BackupError(f"备份缺少文件“{relative}”")
        if path.stat().st_size != entry.get("size") or _sha256(path) != entry.get("sha256"):
            raise BackupError(f"备份文件“{relative}”的校验和不符：文件已损坏或被修改")
    extra = [
        path.relative_to(source).as_posix()
        for path in source.rglob("*")
        if path.is_file() and path.name != MANIFEST
    ]
    unexpected = sorted(set(extra) - listed)
    if unexpected:
        raise BackupError(f"备份目录中有清单之外的文件“{unexpected[0]}”")
    database = SQLITE_FILE if manifest.get("engine") == "sqlite" else PG_FILE
    if database not in listed:
        raise BackupError("备份中没有数据库文件")
    return manifest


def restore(source: Path) -> Summary:
    """Restore `source` into this instance's (empty) database and files directory."""
    source = Path(source)
    manifest = verify(source)
    engine = _engine()
    if (source_engine := str(manifest.get("engine"))) != engine:
        names = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
        raise BackupError(
            f"备份来自 {names.get(source_engine, source_engine)} 数据库，"
            f"当前配置的是 {names.get(engine, engine)}"
        )
    media = Path(settings.MEDIA_ROOT)
    if not _database_is_empty():
        raise BackupError("目标数据库不是空的：恢复只写入空数据库，请先新建一个空库或数据目录")
    if not _is_empty_dir(media):
        raise BackupError(f"目标附件目录“{media}”不是空的：恢复只写入空的数据目录")
    old_umask = os.umask(0o077)
    try:
        if engine == "sqlite":
            _restore_sqlite(source / SQLITE_FILE)
        else:
            _restore_postgres(source / PG_FILE)
        _copy_tree(source / FILES, media)
        for name in GENERATED_KEYS:
            key = source / KEYS / name
            if key.is_file():
                _copy_file(key, Path(settings.VAR_DIR) / name)
    finally:
        os.umask(old_umask)
    files = sum(1 for entry in manifest["entries"] if str(entry["path"]).startswith(FILES + "/"))
    return Summary(source, engine, files, sum(entry["size"] for entry in manifest["entries"]))


def _database_is_empty() -> bool:
    if _engine() == "sqlite":
        path = _sqlite_path()
        if not path.exists() or path.stat().st_size == 0:
            return True
    return not connection.introspection.table_names()


def _restore_sqlite(dump: Path) -> None:
    path = _sqlite_path()
    connection.close()  # the (empty) file is replaced under it
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    _private_dir(path.parent)
    temporary = path.with_name(path.name + ".restoring")
    _copy_file(dump, temporary)
    os.replace(temporary, path)  # whole or not at all


def _restore_postgres(dump: Path) -> None:
    connection.close()
    with _pg_connection("pg_restore") as args:
        # One transaction: a failure leaves the database as empty as it was.
        args += ["--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error"]
        _run([*args, str(dump)], "pg_restore")


# --- scheduled backups --------------------------------------------------------------------------


def scheduled(root: Path, keep: int, now: dt.datetime | None = None) -> Summary:
    """A backup named by the time into `root`, then all but the newest `keep` complete ones
    removed (unfinished ones older than the newest complete one go too)."""
    root = Path(root)
    _private_dir(root)
    now = now or dt.datetime.now()
    summary = create(root / now.strftime(NAME_FORMAT))
    prune(root, keep)
    return summary


def prune(root: Path, keep: int) -> list[Path]:
    ours = sorted(path for path in Path(root).glob("gongkai-*") if _is_backup_name(path.name))
    complete = [path for path in ours if (path / MANIFEST).is_file()]
    if not complete:
        return []
    newest = complete[-1]
    doomed = complete[: max(len(complete) - max(keep, 1), 0)]
    doomed += [path for path in ours if path not in complete and path.name < newest.name]
    for path in doomed:
        shutil.rmtree(path)
    return doomed


def _is_backup_name(name: str) -> bool:
    try:
        dt.datetime.strptime(name, NAME_FORMAT)
    except ValueError:
        return False
    return True
