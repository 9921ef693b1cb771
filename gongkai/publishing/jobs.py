"""Background work of this module, run by `gongkai worker`."""

from __future__ import annotations

from gongkai.core.jobs import handler


@handler("publishing.publish")
def publish_scheduled_item(payload: dict) -> None:
    from gongkai.publishing.services import publish_scheduled

    publish_scheduled(int(payload["item"]))
