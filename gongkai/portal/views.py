"""The public 政府信息公开 column: the region tree of bodies, a body's home page, its column
overview (/gk/) and its 政府信息公开指南 (/zn/)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from gongkai.agencies.models import Agency, AgencyLevel
from gongkai.portal import columns, regions
from gongkai.publishing.models import Kind
from gongkai.publishing.views.public import public_items

SUGGEST_LIMIT = 10


@require_GET
def agency_list(request):
    q = request.GET.get("q", "").strip()[:50]
    level = request.GET.get("level", "")
    context = {"q": q, "level": level, "levels": AgencyLevel.choices}
    if not q and level not in AgencyLevel.values:
        # No filter: the region tree (市 → 区县 → 部门 / 乡镇街道).
        context["tree"] = regions.tree()
        return render(request, "portal/agency_list.html", context)
    qs = Agency.objects.filter(is_active=True).select_related("parent")
    if q:
        qs = qs.filter(Q(name__contains=q) | Q(short_name__contains=q))
    if level in AgencyLevel.values:
        qs = qs.filter(level=level)
    context["page"] = Paginator(qs.order_by("path"), 100).get_page(request.GET.get("page"))
    return render(request, "portal/agency_list.html", context)


@require_GET
def agency_suggest(request):
    """Type-ahead for the body filter of the search form: names containing the typed text."""
    q = request.GET.get("q", "").strip()[:50]
    if not q:
        return JsonResponse({"items": []})
    rows = (
        Agency.objects.filter(is_active=True)
        .filter(Q(name__contains=q) | Q(short_name__contains=q))
        .order_by("depth", "path")
        .values("code", "name")[:SUGGEST_LIMIT]
    )
    return JsonResponse({"items": list(rows)}, json_dumps_params={"ensure_ascii": False})


def _agency(code: str) -> Agency:
    return get_object_or_404(Agency.objects.select_related("parent"), code=code, is_active=True)


@require_GET
def agency_home(request, code: str):
    agency = _agency(code)
    context = {
        "agency": agency,
        "parent": agency.parent,
        "columns": columns.columns(agency),
        "latest": columns.latest_items(agency),
        "reading_points": agency.reading_points.all(),
        "groups": regions.child_groups(agency),
        "region_reports": regions.region_reports_link(agency),
    }
    return render(request, "portal/agency_home.html", context)


@require_GET
def column_overview(request, code: str):
    agency = _agency(code)
    return render(
        request,
        "portal/columns.html",
        {"agency": agency, "columns": columns.columns(agency, latest=10)},
    )


@require_GET
def guide(request, code: str):
    """The 政府信息公开指南 (条例 Art. 12): contact block, reading points and how to apply,
    then any guide documents the body published as items."""
    agency = _agency(code)
    documents = public_items(agency).filter(kind=Kind.GUIDE)
    return render(
        request,
        "portal/guide.html",
        {
            "agency": agency,
            "reading_points": agency.reading_points.all(),
            "documents": columns.item_entries(documents, 20),
        },
    )
