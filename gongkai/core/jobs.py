"""A small job queue in the database, worked by `gongkai worker`.

Modules put handlers in their `jobs.py` with `@handler("module.kind")`; enqueue work with
`enqueue(kind, payload)`. A job is claimed by one worker with a conditional UPDATE (only a row
still unclaimed, or claimed so long ago that its worker must have died, can be taken).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import traceback
from collections.abc import Callable
from importlib import import_module

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from gongkai.core.models import Job

log = logging.getLogger(__name__)

JOB_MODULES = [
    "gongkai.workdays.jobs",
    "gongkai.publishing.jobs",
    "gongkai.applications.jobs",
    "gongkai.reports.jobs",
]
CLAIM_TIMEOUT = dt.timedelta(minutes=10)
MAX_ATTEMPTS = 5

_handlers: dict[str, Callable[[dict], None]] = {}


def handler(kind: str):
    def decorate(func: Callable[[dict], None]):
        _handlers[kind] = func
        return func

    return decorate


def load_handlers() -> dict[str, Callable[[dict], None]]:
    for module_path in JOB_MODULES:
        try:
            import_module(module_path)
        except ModuleNotFoundError as exc:
            if exc.name != module_path:
                raise
    return _handlers


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
    handlers = load_handlers()
    func = handlers.get(job.kind)
    try:
        if func is None:
            raise LookupError(f"没有处理“{job.kind}”任务的程序")
        with transaction.atomic():
            func(job.payload)
            Job.objects.filter(pk=job.pk).update(
                done_at=timezone.now(), attempts=job.attempts + 1, error=""
            )
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
