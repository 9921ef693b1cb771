"""How a body handles requests (HandlingRules), read in one place: whether replies need the
leader's sign-off (the body's choice, else the deployment's GONGKAI_REPLY_SIGN_OFF)."""

from __future__ import annotations

from django.conf import settings

from gongkai.applications.models import HandlingRules


def sign_off_required(agency) -> bool:
    rule = (
        HandlingRules.objects.filter(agency=agency)
        .values_list("sign_off_required", flat=True)
        .first()
    )
    return settings.GONGKAI_REPLY_SIGN_OFF if rule is None else rule
