"""Background work of the hotline for `gongkai worker`: the daily D-1 reminders and the
escalation of tickets no body has signed for."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from gongkai.core import jobs
from gongkai.core.jobs import enqueue, handler


def schedule_next_run() -> None:
    """Keep one daily run queued for tomorrow 07:00 (deduplicated)."""
    tomorrow = timezone.localdate() + timedelta(days=1)
    run_after = timezone.make_aware(datetime.combine(tomorrow, datetime.min.time()).replace(hour=7))
    enqueue("hotline.daily", run_after=run_after, dedupe_key=f"hotline.daily:{tomorrow}")


_queued_for: list[date] = []  # this process: the day whose daily run is known to be queued


def ensure_next_run() -> None:
    """schedule_next_run() once per process and day (intake calls it for every ticket). Once
    that transaction committed, tomorrow's run stays queued until it runs, and the run queues
    the next one; asking the job table again for every ticket tells nothing new."""
    tomorrow = timezone.localdate() + timedelta(days=1)
    if _queued_for == [tomorrow]:
        return
    schedule_next_run()

    def remember() -> None:
        _queued_for[:] = [tomorrow]

    transaction.on_commit(remember)


@handler("hotline.daily")
def daily(payload) -> None:
    from gongkai.hotline.reminders import escalate_unclaimed, send_due_reminders

    send_due_reminders()
    escalate_unclaimed()
    schedule_next_run()


@jobs.daily("hotline.retention", 3)  # 03:00, after the nightly backup
def retention(payload) -> None:
    """Anonymise callers of tickets closed longer ago than GONGKAI_PERSONAL_DATA_YEARS."""
    from gongkai.hotline.retention import anonymise_due

    anonymise_due()
