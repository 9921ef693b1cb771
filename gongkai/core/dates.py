"""Dates as the public sees them: always in the site's time zone (Asia/Shanghai), and never
without the year unless it is this year (a bare "03-05" on a sign in December is ambiguous)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


def local_date(value: dt.date | dt.datetime | None) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def full_date(value: dt.date | dt.datetime | None) -> str:
    day = local_date(value)
    return day.isoformat() if day else ""


def short_date(value: dt.date | dt.datetime | None, today: dt.date | None = None) -> str:
    """ "12-01" for this year, "2025-12-01" for any other year."""
    day = local_date(value)
    if day is None:
        return ""
    today = today or timezone.localdate()
    return f"{day:%m-%d}" if day.year == today.year else day.isoformat()
