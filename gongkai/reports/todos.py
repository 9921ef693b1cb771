"""What waits for a user in annual reports: drafts to fill, 保密审查, 审定, publication. One
aggregate query."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse

from gongkai.agencies.scope import Capability, agencies_for, holds_anywhere
from gongkai.core.workbench import Todo

from .models import Report, ReportStatus

AREA = "年度报告"
# (status, capability that acts on it, label)
STEPS = (
    (ReportStatus.DRAFT, Capability.EDIT, "待填写、提交的年报"),
    (ReportStatus.SUBMITTED, Capability.REVIEW, "待保密审查的年报"),
    (ReportStatus.REVIEWED, Capability.SIGN_OFF, "待领导审定的年报"),
    (ReportStatus.APPROVED, Capability.SIGN_OFF, "已审定待发布的年报"),
)


def todos(user) -> list[Todo]:
    steps = [step for step in STEPS if holds_anywhere(user, step[1])]
    if not steps:
        return []
    counts = Report.objects.aggregate(
        **{
            status: Count("pk", filter=Q(status=status, agency__in=agencies_for(user, capability)))
            for status, capability, _ in steps
        }
    )
    url = reverse("reports_manage:list")
    return [
        Todo(AREA, label, counts[status], f"{url}?status={status}") for status, _, label in steps
    ]
