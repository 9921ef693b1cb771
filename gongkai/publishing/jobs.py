"""Background work of this module, run by `gongkai worker`."""

from __future__ import annotations

from gongkai.core.jobs import handler
from gongkai.rules.calendar import WorkCalendar


@handler("publishing.publish")
def publish_scheduled_item(payload: dict) -> None:
    from gongkai.publishing.steps import publish_scheduled

    publish_scheduled(int(payload["item"]))


def recompute_publish_deadlines(sender, calendar: WorkCalendar, **kwargs) -> None:
    """After a calendar change, the Art. 26 deadline of every unpublished item is redone.

    A receiver of gongkai.workdays.signals.calendar_changed (connected in apps.py)."""
    from gongkai.publishing.items import recompute_deadlines

    recompute_deadlines(calendar)
