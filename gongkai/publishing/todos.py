"""What waits for a user in proactive disclosure: drafts, 保密审查, 签发, items past the Art. 26
limit (20 working days from forming). One aggregate query."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from gongkai.agencies.scope import Capability, agencies_for, holds_anywhere
from gongkai.core.workbench import Todo

from .models import Item, ItemStatus

AREA = "主动公开"
OPEN = [ItemStatus.DRAFT, ItemStatus.REVIEW, ItemStatus.SIGNOFF, ItemStatus.SCHEDULED]


def todos(user) -> list[Todo]:
    wanted = [
        cap
        for cap in (Capability.EDIT, Capability.REVIEW, Capability.SIGN_OFF, Capability.VIEW)
        if holds_anywhere(user, cap)
    ]
    if not wanted:
        return []
    today = timezone.localdate()

    def on(cap: Capability) -> Q:
        return Q(agency__in=agencies_for(user, cap))

    counts = Item.objects.filter(status__in=OPEN).aggregate(
        draft=Count("pk", filter=Q(status=ItemStatus.DRAFT) & on(Capability.EDIT)),
        review=Count("pk", filter=Q(status=ItemStatus.REVIEW) & on(Capability.REVIEW)),
        signoff=Count("pk", filter=Q(status=ItemStatus.SIGNOFF) & on(Capability.SIGN_OFF)),
        overdue=Count("pk", filter=Q(due_on__lt=today) & on(Capability.VIEW)),
    )
    items = reverse("publishing_manage:items")
    out = []
    if Capability.EDIT in wanted:
        out.append(Todo(AREA, "草稿和退回修改的信息", counts["draft"], f"{items}?status=draft"))
    if Capability.REVIEW in wanted:
        out.append(Todo(AREA, "待审核（保密审查）", counts["review"], f"{items}?status=review"))
    if Capability.SIGN_OFF in wanted:
        out.append(Todo(AREA, "待签发", counts["signoff"], f"{items}?status=signoff"))
    out.append(
        Todo(
            AREA,
            "超过公开期限（第二十六条：20 个工作日）仍未发布",
            counts["overdue"],
            f"{items}?overdue=1",
            urgent=True,
        )
    )
    return out
