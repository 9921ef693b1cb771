"""What a body's staff see of supervision on their dashboard (one context function)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from gongkai.agencies.models import Membership

from .access import SUPERVISING_ROLES
from .models import Finding, Notice, NoticeKind

REMINDER_DAYS = 90  # older reminders have had their effect or been superseded


def panel_context(user) -> dict:
    if not (user and user.is_authenticated):
        return {}
    held = list(Membership.objects.filter(user=user).values_list("agency_id", "role"))
    own = [aid for aid, role in held if role not in SUPERVISING_ROLES]
    since = timezone.now() - dt.timedelta(days=REMINDER_DAYS)
    return {
        "supervises": user.is_superuser or any(r in SUPERVISING_ROLES for _, r in held),
        "reminders": list(
            Notice.objects.filter(
                kind=NoticeKind.REMINDER, target_id__in=own, issued_at__gte=since
            ).select_related("issuer")[:10]
        ),
        "findings": list(
            Finding.objects.filter(agency_id__in=own).order_by("-veto", "indicator")[:50]
        ),
    }
