"""The hall touch-screen's small catalogue (service guides, window phones)."""

from __future__ import annotations

from django.db import transaction

from gongkai.agencies.scope import Capability, require_capability
from gongkai.audit.services import record, snapshot
from gongkai.publishing import actions
from gongkai.publishing.models import KioskEntry


@transaction.atomic
def save_kiosk_entry(entry: KioskEntry, user) -> KioskEntry:
    require_capability(user, Capability.EDIT, entry.agency)
    created = entry.pk is None
    entry.save()
    record(
        actions.KIOSK_CREATE if created else actions.KIOSK_UPDATE,
        entry,
        actor=user,
        agency=entry.agency,
        after=snapshot(entry),
    )
    return entry


@transaction.atomic
def delete_kiosk_entry(entry: KioskEntry, user) -> None:
    require_capability(user, Capability.EDIT, entry.agency)
    record(actions.KIOSK_DELETE, entry, actor=user, agency=entry.agency, before=snapshot(entry))
    entry.delete()
