"""留言选登 on the portal: the list of published questions and replies of a centre, and one of
them. Only the reviewed public text is shown (gongkai.hotline.selection), never the ticket."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from gongkai.agencies.models import Agency
from gongkai.hotline.models import PublicReply

PER_PAGE = 20
LIST_FIELDS = ("pk", "title", "category", "asked_on", "answered_on", "answered_by")


def _agency(code: str) -> Agency:
    return get_object_or_404(Agency, code=code, is_active=True)


def selected(request, code: str):
    agency = _agency(code)
    qs = PublicReply.objects.live().filter(agency=agency).only(*LIST_FIELDS)
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "hotline/public/selected.html", {"agency": agency, "page": page})


def selected_detail(request, code: str, pk: int):
    agency = _agency(code)
    reply = get_object_or_404(PublicReply.objects.live(), pk=pk, agency=agency)
    return render(
        request, "hotline/public/selected_detail.html", {"agency": agency, "reply": reply}
    )
