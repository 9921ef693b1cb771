"""Background work of the calendar: recompute open deadlines after a change."""

from __future__ import annotations

from gongkai.core.jobs import handler
from gongkai.workdays.hooks import recompute_hooks


@handler("workdays.recompute")
def recompute(payload: dict) -> None:
    from gongkai.core.jobs import load_handlers
    from gongkai.workdays.services import current_calendar

    # Hooks live in other modules' jobs.py; importing them registers the hooks.
    load_handlers()
    calendar = current_calendar()
    for hook in recompute_hooks():
        hook(calendar)
