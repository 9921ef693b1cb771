"""Background work of this module for `gongkai worker`."""

from __future__ import annotations

from gongkai.core.jobs import daily, handler


@handler("applications.reminders")
def reminders(payload) -> None:
    from gongkai.applications.reminders import schedule_next_reminders, send_due_reminders

    send_due_reminders()
    schedule_next_reminders()


@handler("applications.notify")
def notify_applicant(payload) -> None:
    from gongkai.applications.notify import send

    send(payload["notice"])


@daily("applications.retention", 3)  # 03:00, after the nightly backup
def retention(payload) -> None:
    """Anonymise applicants of requests closed longer ago than GONGKAI_PERSONAL_DATA_YEARS."""
    from gongkai.applications.retention import anonymise_due

    anonymise_due()


def recompute_open_deadlines(sender, calendar, **kwargs) -> None:
    """Receiver of gongkai.workdays.signals.calendar_changed (connected in apps.py)."""
    from gongkai.applications.services import recompute_open

    recompute_open(reason=f"工作日历变更（版本 {calendar.version}）", calendar=calendar)
