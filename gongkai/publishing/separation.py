"""No one approves their own work (等保 三权分立 / 四眼原则): whoever submitted an item does not
review it, and whoever reviewed it does not sign it off. Who did what is read from the ledger,
the record the law asks for anyway. GONGKAI_SEPARATE_DUTIES=false turns it off for a body
that truly has one person (documented as a deviation in docs/security.md)."""

from __future__ import annotations

from django.conf import settings

from gongkai.audit.models import Event
from gongkai.publishing.actions import ITEM_APPROVE as APPROVE
from gongkai.publishing.actions import ITEM_SUBMIT as SUBMIT


def _last_actor_id(item, action: str) -> int | None:
    return (
        Event.objects.filter(object_type="publishing.item", object_id=str(item.pk), action=action)
        .order_by("-id")
        .values_list("actor_id", flat=True)
        .first()
    )


def reviewer_conflict(item, user) -> str | None:
    """Why `user` may not review `item` (a Chinese sentence), or None."""
    if settings.GONGKAI_SEPARATE_DUTIES and _last_actor_id(item, SUBMIT) == user.pk:
        return "提交人不能审核自己提交的信息，请由其他审核人审核。"
    return None


def signer_conflict(item, user) -> str | None:
    """Why `user` may not sign `item` off (a Chinese sentence), or None."""
    if not settings.GONGKAI_SEPARATE_DUTIES:
        return None
    if _last_actor_id(item, APPROVE) == user.pk:
        return "审核人不能签发自己审核过的信息，请由其他领导签发。"
    if _last_actor_id(item, SUBMIT) == user.pk:
        return "提交人不能签发自己提交的信息，请由其他领导签发。"
    return None
