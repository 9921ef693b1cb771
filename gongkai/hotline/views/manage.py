"""Staff pages: the centre's queue and agent form, a ticket's page, the body's queue."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import F
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.agencies.scope import (
    Capability,
    agencies_for,
    get_scoped_or_404,
    has_capability,
    scope_queryset,
    staff_required,
)
from gongkai.audit.actions import label_for
from gongkai.audit.services import history_for, record
from gongkai.core.paging import CappedPaginator
from gongkai.hotline import actions as A
from gongkai.hotline import intake, services
from gongkai.hotline.choices import AssignmentStatus, TicketChannel, TicketStatus, TicketType
from gongkai.hotline.forms import AgentIntakeForm
from gongkai.hotline.intake import earlier_tickets, possible_duplicates
from gongkai.hotline.models import Assignment, Category, Ticket
from gongkai.hotline.queue import queue_tickets
from gongkai.workflow.views import bound_steps, step_forms, step_view

PAGE_SIZE = 50
# The queue counts at most this many tickets (40 pages); past it the pager says 超过 2000 条.
QUEUE_COUNT_CAP = 2000


def _centres(user):
    return agencies_for(user, Capability.EDIT).order_by("name")


@staff_required
def queue(request):
    """The centre's queue: open tickets by limit, filters kept across pages."""
    qs = queue_tickets(request.user, request.GET)
    status = request.GET.get("status", "open")
    today = timezone.localdate()
    q = request.GET.get("q", "").strip()
    page = CappedPaginator(qs, PAGE_SIZE, cap=QUEUE_COUNT_CAP).get_page(request.GET.get("page"))
    return render(
        request,
        "hotline/manage/queue.html",
        {
            "page": page,
            "today": today,
            "q": q,
            "status": status,
            "statuses": TicketStatus.choices,
            "types": TicketType.choices,
            "channels": TicketChannel.choices,
            "can_register": _centres(request.user).exists(),
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def register(request):
    """The agent's form: built for the keyboard (tab order = speaking order, Enter submits)."""
    centres = _centres(request.user)
    if not centres.exists():
        raise PermissionDenied("您没有受理热线诉求的权限")
    centre_code = request.POST.get("centre") or request.GET.get("centre") or centres[0].code
    centre = centres.filter(code=centre_code).first() or centres[0]
    if request.method == "POST":
        form = AgentIntakeForm(request.POST, centres=centres, centre=centre)
        if form.is_valid():
            receipt = intake.intake(
                centre,
                form.cleaned_data,
                channel=form.cleaned_data["channel"],
                actor=request.user,
                emergency=form.cleaned_data.get("emergency", False),
            )
            # Shown once, after the commit: the agent reads both to the caller.
            messages.success(
                request,
                f"已受理，工单编号 {receipt.ticket.ticket_no}，查询码 {receipt.code}"
                "（请告知来电人，查询码只显示这一次）",
            )
            return redirect(receipt.ticket.get_manage_url())
    else:
        # ?phone= comes from the telephony screen pop: the caller's number is already known.
        form = AgentIntakeForm(
            initial={"phone": request.GET.get("phone", "")[:30]}, centres=centres, centre=centre
        )
    categories = Category.objects.filter(is_active=True).select_related("parent")
    return render(
        request,
        "hotline/manage/register.html",
        {"form": form, "categories": categories},
    )


@staff_required
def callers(request):
    """The caller's earlier tickets by number (masked), for the agent's screen."""
    centre = _centres(request.user).filter(code=request.GET.get("centre", "")).first()
    phone = request.GET.get("phone", "").strip()
    if centre is None or len(phone) < 5:
        return JsonResponse({"tickets": []})
    rows = [
        {
            "ticket_no": t.ticket_no,
            "received_on": t.received_on.isoformat(),
            "type": t.get_type_display(),
            "category": t.category.full_name if t.category_id else "",
            "status": t.get_status_display(),
            "url": t.get_manage_url(),
        }
        for t in earlier_tickets(centre, phone)
    ]
    return JsonResponse({"tickets": rows})


def _ticket(request, pk: int) -> Ticket:
    qs = Ticket.objects.select_related("agency", "body", "category__parent")
    return get_scoped_or_404(qs, request.user, Capability.VIEW, pk=pk)


@staff_required
def ticket(request, pk: int):
    return _ticket_page(request, _ticket(request, pk))


def _ticket_page(request, t: Ticket):
    return render(
        request,
        "hotline/manage/ticket.html",
        {
            "ticket": t,
            "obj": t,
            "step_url": "hotline_manage:ticket_step",
            "step_forms": step_forms(services.TICKET, t, request.user, **bound_steps(request)),
            "assignments": t.assignments.select_related("body"),
            "callbacks": t.callbacks.all(),
            "earlier": [e for e in earlier_tickets(t.agency, t.phone) if e.pk != t.pk],
            "duplicates": possible_duplicates(t),
            "history": [(e, label_for(e.action)) for e in history_for(t)[:50]],
            "unmasked": request.session.pop(f"rx_unmask_{t.pk}", False) and t.phone,
        },
    )


ticket_step = step_view(services.TICKET, page=_ticket_page)


@staff_required
@require_POST
def unmask(request, pk: int):
    """Show the full number once; each unmasked view is an audit event."""
    t = Ticket.objects.select_related("agency", "body").filter(pk=pk).first()
    if t is None or not (
        has_capability(request.user, Capability.EDIT, t.agency)
        or (t.body_id and has_capability(request.user, Capability.EDIT, t.body))
    ):
        raise Http404("未找到")
    back = request.POST.get("next", "")
    back = back if back.startswith("/manage/hotline/") else t.get_manage_url()
    reason = request.POST.get("reason", "").strip()[:200]
    if not reason:
        messages.error(request, "请写明查看完整号码的理由。")
        return redirect(back)
    record(
        A.TICKET_UNMASK,
        t,
        agency=t.agency,
        actor=request.user,
        after={"field": "phone", "reason": reason},
    )
    # read (and forgotten) by the next page view: one reveal shows the number once
    request.session[f"rx_unmask_{t.pk}"] = True
    return redirect(back)


@staff_required
def body_queue(request):
    """A body's tickets: waiting to be signed for, in hand, replied."""
    qs = scope_queryset(
        Assignment.objects.select_related("ticket", "body", "ticket__category"),
        request.user,
        Capability.VIEW,
        "body",
    )
    status = request.GET.get("status", "open")
    if status == "open":
        qs = qs.filter(status__in=[AssignmentStatus.PENDING, AssignmentStatus.SIGNED])
    elif status in AssignmentStatus.values:
        qs = qs.filter(status=status)
    qs = qs.order_by(F("ticket__due_on").asc(nulls_last=True), "id")
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "hotline/manage/body_queue.html",
        {
            "page": page,
            "status": status,
            "statuses": AssignmentStatus.choices,
            "today": timezone.localdate(),
        },
    )


@staff_required
def assignment(request, pk: int):
    qs = Assignment.objects.select_related("ticket__category__parent", "ticket__agency", "body")
    return _assignment_page(
        request, get_scoped_or_404(qs, request.user, Capability.VIEW, "body", pk=pk)
    )


def _assignment_page(request, a: Assignment):
    return render(
        request,
        "hotline/manage/assignment.html",
        {
            "assignment": a,
            "ticket": a.ticket,
            "obj": a,
            "step_url": "hotline_manage:assignment_step",
            "step_forms": step_forms(services.ASSIGNMENT, a, request.user, **bound_steps(request)),
            "unmasked": request.session.pop(f"rx_unmask_{a.ticket_id}", False) and a.ticket.phone,
        },
    )


assignment_step = step_view(services.ASSIGNMENT, page=_assignment_page)
