"""What waits for a user in 依申请公开: requests due within 3 working days, past their limit,
requests whose latest step came back to the officer, and (for a leader) drafted replies and
extension requests waiting for a signature. One aggregate query."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from gongkai.agencies.scope import Capability, agencies_for, holds_anywhere
from gongkai.core.workbench import Todo

from . import clock, outbox, queues
from .choices import ApplicationStatus, DraftStatus
from .models import Application, Draft

AREA = "依申请公开"


def todos(user) -> list[Todo]:
    if not (holds_anywhere(user, Capability.EDIT) or holds_anywhere(user, Capability.SIGN_OFF)):
        return []
    today = timezone.localdate()
    limit = queues.soon_limit(today, clock.current_calendar())
    signs = holds_anywhere(user, Capability.SIGN_OFF)
    signable = agencies_for(user, Capability.SIGN_OFF)
    mine = Q(agency__in=agencies_for(user, Capability.EDIT)) | Q(agency__in=signable)
    qs = queues.with_last_step(
        Application.objects.exclude(status=ApplicationStatus.CLOSED).filter(mine)
    )
    extra = {}
    # Only for a user who signs: an empty `signable` in a filter would empty the whole aggregate.
    if signs:  # the same requests the worklist's ?sign=1 lists: a draft pending where they sign
        pending = Draft.objects.filter(application=OuterRef("pk"), status=DraftStatus.PENDING)
        qs = qs.annotate(pending=Exists(pending))
        extra["sign"] = Count("pk", filter=Q(pending=True, agency__in=signable))
    counts = qs.aggregate(
        soon=Count("pk", filter=Q(due_on__gte=today, due_on__lte=limit)),
        overdue=Count("pk", filter=Q(due_on__lt=today)),
        waiting=Count("pk", filter=Q(last_step__in=queues.WAITING_KINDS)),
        **extra,
    )
    url = reverse("applications_manage:worklist") + "?show=open"
    sign = [Todo(AREA, "待签批的答复和延期申请", counts["sign"], f"{url}&sign=1")] if signs else []
    return (
        sign
        + _failed_notices(user)
        + [
            Todo(AREA, "已逾期未答复的申请", counts["overdue"], f"{url}&due=overdue", urgent=True),
            Todo(
                AREA,
                f"{queues.SOON} 个工作日内到期的申请",
                counts["soon"],
                f"{url}&due={queues.SOON}",
            ),
            Todo(
                AREA,
                "待处理的补正材料、征求意见答复、已缴费",
                counts["waiting"],
                f"{url}&waiting=1",
            ),
        ]
    )


def _failed_notices(user) -> list[Todo]:
    """For a body's administrators, and only while there are some: notices the worker gave up on."""
    if not holds_anywhere(user, Capability.ADMIN):
        return []
    count = outbox.gave_up_count(user)
    url = reverse("applications_manage:failed_notices")
    return [Todo(AREA, "未能发送给申请人的通知", count, url, urgent=True)] if count else []
