"""Background work of the calendar: tell the apps to recompute open deadlines after a change."""

from __future__ import annotations

from gongkai.core.jobs import handler
from gongkai.workdays.signals import calendar_changed


@handler("workdays.recompute")
def recompute(payload: dict) -> None:
    from gongkai.workdays.services import current_calendar

    calendar = current_calendar()
    # send(), not send_robust(): a failing receiver fails the job, which is then retried.
    calendar_changed.send(sender=recompute, calendar=calendar)
