"""The nightly self-check, run by `gongkai worker`."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from gongkai.core.jobs import enqueue, handler

NIGHTLY_HOUR = 2


def schedule_next_check() -> None:
    tomorrow = timezone.localdate() + timedelta(days=1)
    run_after = timezone.make_aware(
        datetime.combine(tomorrow, datetime.min.time()).replace(hour=NIGHTLY_HOUR)
    )
    enqueue(
        "supervision.selfcheck", run_after=run_after, dedupe_key=f"supervision.selfcheck:{tomorrow}"
    )


@handler("supervision.selfcheck")
def nightly_check(payload: dict) -> None:
    from .selfcheck import run

    # The worker's own work: no user acted, so the ledger says 系统.
    year = int(payload.get("year") or timezone.localdate().year - 1)
    run(None, year, actor=None)
    schedule_next_check()
