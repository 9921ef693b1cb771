"""Background work of this module for `gongkai worker`."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from gongkai.core.jobs import enqueue, handler


def schedule_next_reminders() -> None:
    tomorrow = timezone.localdate() + timedelta(days=1)
    run_after = timezone.make_aware(datetime.combine(tomorrow, datetime.min.time()).replace(hour=7))
    enqueue(
        "applications.reminders",
        run_after=run_after,
        dedupe_key=f"applications.reminders:{tomorrow}",
    )


@handler("applications.reminders")
def reminders(payload) -> None:
    from gongkai.applications.reminders import send_due_reminders

    send_due_reminders()
    schedule_next_reminders()


def recompute_open_deadlines(sender, calendar, **kwargs) -> None:
    """Receiver of gongkai.workdays.signals.calendar_changed (connected in apps.py)."""
    from gongkai.applications.services import recompute_open

    recompute_open(reason=f"工作日历变更（版本 {calendar.version}）", calendar=calendar)
