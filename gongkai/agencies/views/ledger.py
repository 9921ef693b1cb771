"""The ledger's staff pages. They live with the bodies, not in audit: who may read an event is
decided by the body it belongs to (gongkai.agencies.scope), and audit sits below agencies."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from gongkai.agencies.models import SystemRole
from gongkai.agencies.scope import agencies_for, is_admin, staff_required, system_role_required
from gongkai.audit.labels import label_events
from gongkai.audit.models import Event
from gongkai.audit.services import history_for


@staff_required
def object_history(request, object_type: str, object_id: str):
    events = list(history_for(object_type, object_id).select_related("agency"))
    if not events:
        raise Http404("未找到")
    if not is_admin(request.user):
        visible = set(agencies_for(request.user).values_list("pk", flat=True))
        if any(event.agency_id not in visible for event in events):
            raise Http404("未找到")
    label_events(events)
    return render(
        request,
        "audit/history.html",
        {"events": events, "object_label": events[0].object_label},
    )


@system_role_required(SystemRole.AUDIT_ADMIN)
def ledger(request):
    page = Paginator(Event.objects.select_related("agency").order_by("-id"), 50).get_page(
        request.GET.get("page")
    )
    page.object_list = label_events(list(page.object_list))
    return render(request, "audit/ledger.html", {"page": page})
