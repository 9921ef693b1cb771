"""The worker's nightly backup and its retention (gongkai.core.backup.scheduled / prune). The
backup itself is exercised end to end in test_backup.py; here it is replaced by a directory
with a manifest, so that retention can be checked over many nights quickly."""

from __future__ import annotations

import datetime as dt

from gongkai.core import backup, jobs


def _fake_create(target):
    target.mkdir(mode=0o700)
    (target / backup.MANIFEST).write_text("{}")
    return backup.Summary(target, "sqlite", 0, 0)


def test_the_nightly_backup_keeps_only_the_newest_ones(tmp_path, monkeypatch):
    monkeypatch.setattr(backup, "create", _fake_create)
    unfinished = tmp_path / "gongkai-20261101-020000"  # a backup killed half-way
    unfinished.mkdir()
    (tmp_path / "notes").mkdir()  # not ours: never touched
    for day in range(2, 12):
        backup.scheduled(tmp_path, keep=3, now=dt.datetime(2026, 11, day, 2, 0))
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "gongkai-20261109-020000",
        "gongkai-20261110-020000",
        "gongkai-20261111-020000",
        "notes",
    ]
    assert oct(tmp_path.stat().st_mode & 0o777) == "0o700"


def test_retention_never_removes_the_only_complete_backup(tmp_path, monkeypatch):
    monkeypatch.setattr(backup, "create", _fake_create)
    backup.scheduled(tmp_path, keep=0, now=dt.datetime(2026, 11, 2, 2, 0))
    assert [p.name for p in tmp_path.iterdir()] == ["gongkai-20261102-020000"]


def test_the_worker_backs_up_at_two_only_when_a_directory_is_configured(
    tmp_path, monkeypatch, settings
):
    monkeypatch.setattr(backup, "create", _fake_create)
    assert jobs._daily["core.backup"] == 2
    settings.GONGKAI_BACKUP_DIR = ""
    jobs.scheduled_backup({})
    assert not any(tmp_path.iterdir())
    settings.GONGKAI_BACKUP_DIR = str(tmp_path / "nightly")
    settings.GONGKAI_BACKUP_KEEP = 2
    jobs.scheduled_backup({})
    assert len(list((tmp_path / "nightly").glob("gongkai-*"))) == 1
