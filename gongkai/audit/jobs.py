"""Background work of the ledger: the daily anchor."""

from __future__ import annotations

import logging
from pathlib import Path

from django.conf import settings

from gongkai.core.jobs import daily

log = logging.getLogger(__name__)
ANCHOR_HOUR = 1  # 01:00 local time: after the day's work, before backups at 02:00


@daily("audit.anchor.export", ANCHOR_HOUR)
def export_daily_anchor(payload) -> None:
    from gongkai.audit.anchors import EmptyLedger, export_anchor

    if not settings.GONGKAI_AUDIT_ANCHOR_DIR:
        return
    try:
        path = export_anchor(Path(settings.GONGKAI_AUDIT_ANCHOR_DIR))
    except EmptyLedger:
        return
    log.info("audit anchor written to %s", path)
