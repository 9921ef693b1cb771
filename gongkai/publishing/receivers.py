"""Publishing's answers to other apps' signals (connected in PublishingConfig.ready)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from gongkai.core import filescope
from gongkai.publishing import services


def make_draft(sender, *, agency, actor, title, summary="", body="", keywords="", files=(), **kw):
    """A draft item with the document attached (gongkai.core.signals.draft_for_publication)."""
    with filescope.discard_on_error(), transaction.atomic():
        item = services.create_item(
            agency,
            actor,
            title=title,
            body=body,
            summary=summary,
            keywords=keywords,
            formed_on=timezone.localdate(),
        )
        for name, data in files:
            services.add_attachment(item, actor, name, data)
    return item
