"""Background work of this module, run by `gongkai worker`."""

from __future__ import annotations

from gongkai.core.jobs import handler
from gongkai.rules.calendar import WorkCalendar
from gongkai.workdays.hooks import register_recompute


@handler("publishing.publish")
def publish_scheduled_item(payload: dict) -> None:
    from gongkai.publishing.services import publish_scheduled

    publish_scheduled(int(payload["item"]))


@register_recompute
def recompute_publish_deadlines(calendar: WorkCalendar) -> None:
    """After a calendar change, the Art. 26 deadline of every unpublished item is redone."""
    from gongkai.publishing.services import recompute_deadlines

    recompute_deadlines(calendar)
