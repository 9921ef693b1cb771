"""What waits for a user in the hotline: at a centre, tickets to dispatch, to call back, past
their limit, extension requests; at a handling body, tickets to sign for and to answer. One
aggregate query per table."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from gongkai.agencies.scope import Capability, agencies_for, holds_anywhere
from gongkai.core.workbench import Todo

from .choices import AssignmentStatus, ExtensionStatus, TicketStatus
from .models import Assignment, Ticket

AREA = "民生热线"


def todos(user) -> list[Todo]:
    if not holds_anywhere(user, Capability.EDIT):
        return []
    bodies = agencies_for(user, Capability.EDIT)
    today = timezone.localdate()
    at_centre = Ticket.objects.filter(agency__in=bodies).aggregate(
        dispatch=Count("pk", filter=Q(status__in=[TicketStatus.RECEIVED, TicketStatus.RETURNED])),
        callback=Count("pk", filter=Q(status=TicketStatus.REPLIED)),
        overdue=Count(
            "pk",
            filter=Q(due_on__lt=today) & ~Q(status__in=[TicketStatus.CLOSED, TicketStatus.REPLIED]),
        ),
    )
    mine, centre = Q(body__in=bodies), Q(ticket__agency__in=bodies)
    at_body = Assignment.objects.filter(mine | centre).aggregate(
        sign=Count("pk", filter=mine & Q(status=AssignmentStatus.PENDING)),
        handle=Count("pk", filter=mine & Q(status=AssignmentStatus.SIGNED)),
        # the centre decides on a body's request for more time
        extension=Count("pk", filter=centre & Q(extension=ExtensionStatus.REQUESTED)),
    )
    queue = reverse("hotline_manage:queue")
    body_queue = reverse("hotline_manage:body_queue")
    out = []
    if any(at_centre.values()):
        out += [
            Todo(AREA, "超过办结时限的工单", at_centre["overdue"], f"{queue}?overdue=1", True),
            Todo(AREA, "待派单（含退单待重派）", at_centre["dispatch"], f"{queue}?status=received"),
            Todo(AREA, "已答复待回访", at_centre["callback"], f"{queue}?status=replied"),
        ]
    if at_body["sign"] or at_body["handle"]:
        out += [
            Todo(AREA, "待签收的工单", at_body["sign"], f"{body_queue}?status=pending"),
            Todo(AREA, "办理中的工单", at_body["handle"], f"{body_queue}?status=signed"),
        ]
    if at_body["extension"]:
        out.append(Todo(AREA, "待审批的延期申请", at_body["extension"], queue))
    return out  # nothing in the hotline: no hotline lines on the workbench
