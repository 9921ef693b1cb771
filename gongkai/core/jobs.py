"""A small job queue in the database, worked by `gongkai worker`.

Apps put handlers in their `jobs.py` with `@handler("app.kind")` (imported at start by
gongkai.core.plugins); enqueue work with `enqueue(kind, payload)`. A job is claimed by one worker with a conditional UPDATE (only a row
still unclaimed, or claimed so long ago that its worker must have died, can be taken).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import traceback
from collections.abc import Callable

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from gongkai.core.models import Job

log = logging.getLogger(__name__)

CLAIM_TIMEOUT = dt.timedelta(minutes=10)
MAX_ATTEMPTS = 5

_handlers: dict[str, Callable[[dict], None]] = {}


def _name(func: Callable) -> str:
    return f"{func.__module__}.{func.__qualname__}"


def handler(kind: str):
    """Register `func` for jobs of `kind`; two different functions for one kind fail at start."""

    def decorate(func: Callable[[dict], None]):
        existing = _handlers.get(kind)
        if existing is not None and _name(existing) != _name(func):
            raise ValueError(
                f"job kind {kind!r} has two handlers: {_name(existing)}, {_name(func)}"
            )
        _handlers[kind] = func
        return func

    return decorate


def handlers() -> dict[str, Callable[[dict], None]]:
    """Every registered handler; the apps' jobs.py were imported at start (gongkai.core.plugins)."""
    return dict(_handlers)


_daily: dict[str, int] = {}
# Kinds whose handler runs outside the job's transaction: a long read (a backup) inside an
# IMMEDIATE SQLite transaction would hold the write lock, and stop the site, for its length.
_outside_transaction: set[str] = set()


def daily(kind: str, hour: int, atomic: bool = True):
    """A handler that runs once a day at `hour` (local time): scheduled when a worker starts
    and again after each run, so there is always exactly one waiting."""

    def decorate(func: Callable[[dict], None]):
        _daily[kind] = hour
        if not atomic:
            _outside_transaction.add(kind)
        return handler(kind)(func)

    return decorate


def schedule_daily(kind: str | None = None) -> None:
    now = timezone.localtime()
    for name, hour in _daily.items():
        if kind is not None and name != kind:
            continue
        run_at = now.replace(hour=hour, minute=0, second=0, microsecond=0)
        if run_at <= now:
            run_at += dt.timedelta(days=1)
        waiting = Job.objects.filter(kind=name, done_at__isnull=True, claimed_at__isnull=True)
        if not waiting.exists():
            enqueue(name, run_after=run_at, dedupe_key=f"{name}:{run_at.date()}")


def enqueue(
    kind: str,
    payload: dict | None = None,
    run_after: dt.datetime | None = None,
    dedupe_key: str = "",
) -> Job:
    """Add a job. With a dedupe_key, an equal job still waiting is reused instead of doubled."""
    run_after = run_after or timezone.now()
    if dedupe_key:
        existing = Job.objects.filter(
            kind=kind, dedupe_key=dedupe_key, done_at__isnull=True, claimed_at__isnull=True
        ).first()
        if existing is not None:
            return existing
    return Job.objects.create(
        kind=kind, payload=payload or {}, run_after=run_after, dedupe_key=dedupe_key
    )


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def claim_next(name: str | None = None) -> Job | None:
    """Claim one due job for this worker, or None. Safe with several workers at once."""
    name = name or worker_name()
    now = timezone.now()
    claimable = Q(done_at__isnull=True, run_after__lte=now, attempts__lt=MAX_ATTEMPTS) & (
        Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - CLAIM_TIMEOUT)
    )
    for candidate in (
        Job.objects.filter(claimable)
        .order_by("run_after", "id")
        .values_list("id", "claimed_at")[:10]
    ):
        job_id, seen_claimed_at = candidate
        # The UPDATE only matches while the row is as we saw it: exactly one worker wins;
        # filter(claimed_at=None) is IS NULL, so this covers fresh and abandoned claims alike.
        won = Job.objects.filter(
            pk=job_id, done_at__isnull=True, claimed_at=seen_claimed_at
        ).update(claimed_by=name, claimed_at=now)
        if won:
            return Job.objects.get(pk=job_id)
    return None


def run_job(job: Job) -> bool:
    func = _handlers.get(job.kind)
    try:
        if func is None:
            raise LookupError(f"没有处理“{job.kind}”任务的程序")
        if job.kind in _outside_transaction:
            func(job.payload)
        with transaction.atomic():
            if job.kind not in _outside_transaction:
                func(job.payload)
            Job.objects.filter(pk=job.pk).update(
                done_at=timezone.now(), attempts=job.attempts + 1, error=""
            )
            if job.kind in _daily:
                schedule_daily(job.kind)
        return True
    except Exception:
        log.exception("job %s failed", job)
        # Retry later with back-off; the claim is released.
        delay = dt.timedelta(minutes=2 ** min(job.attempts, 6))
        Job.objects.filter(pk=job.pk).update(
            attempts=job.attempts + 1,
            error=traceback.format_exc()[-4000:],
            claimed_at=None,
            claimed_by="",
            run_after=timezone.now() + delay,
        )
        return False


def run_due(limit: int | None = None) -> int:
    """Run due jobs until none is left (or `limit`); returns how many ran."""
    count = 0
    while limit is None or count < limit:
        job = claim_next()
        if job is None:
            break
        run_job(job)
        count += 1
    return count


@daily("core.backup", 2, atomic=False)  # 02:00: after the ledger's anchor at 01:00
def scheduled_backup(payload) -> None:
    """The nightly backup into GONGKAI_BACKUP_DIR, keeping the newest GONGKAI_BACKUP_KEEP."""
    from pathlib import Path

    from django.conf import settings

    from gongkai.core import backup

    if not settings.GONGKAI_BACKUP_DIR:
        return
    summary = backup.scheduled(Path(settings.GONGKAI_BACKUP_DIR), settings.GONGKAI_BACKUP_KEEP)
    log.info("backup written to %s (%d files)", summary.path, summary.files)
