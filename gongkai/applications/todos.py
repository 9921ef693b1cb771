"""What waits for a user in 依申请公开: requests due within 3 working days, past their limit,
and requests whose latest step came back to the officer. One aggregate query."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from gongkai.agencies.scope import Capability, agencies_for, holds_anywhere
from gongkai.core.workbench import Todo

from . import clock, queues
from .choices import Status
from .models import Application

AREA = "依申请公开"


def todos(user) -> list[Todo]:
    if not (holds_anywhere(user, Capability.EDIT) or holds_anywhere(user, Capability.SIGN_OFF)):
        return []
    today = timezone.localdate()
    limit = queues.soon_limit(today, clock.current_calendar())
    mine = Q(agency__in=agencies_for(user, Capability.EDIT)) | Q(
        agency__in=agencies_for(user, Capability.SIGN_OFF)
    )
    qs = queues.with_last_step(Application.objects.exclude(status=Status.CLOSED).filter(mine))
    counts = qs.aggregate(
        soon=Count("pk", filter=Q(due_on__gte=today, due_on__lte=limit)),
        overdue=Count("pk", filter=Q(due_on__lt=today)),
        waiting=Count("pk", filter=Q(last_step__in=queues.WAITING_KINDS)),
    )
    url = reverse("applications_manage:worklist") + "?show=open"
    return [
        Todo(AREA, "已逾期未答复的申请", counts["overdue"], f"{url}&due=overdue", urgent=True),
        Todo(
            AREA, f"{queues.SOON} 个工作日内到期的申请", counts["soon"], f"{url}&due={queues.SOON}"
        ),
        Todo(
            AREA,
            "待处理的补正材料、征求意见答复、已缴费",
            counts["waiting"],
            f"{url}&waiting=1",
        ),
    ]
