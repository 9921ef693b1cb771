"""The public 政府信息公开 column: the list of bodies and each body's home page."""

from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, render

from gongkai.agencies.models import Agency, AgencyLevel


def agency_list(request):
    q = request.GET.get("q", "").strip()[:50]
    level = request.GET.get("level", "")
    qs = Agency.objects.filter(is_active=True).select_related("parent")
    if q:
        qs = qs.filter(Q(name__contains=q) | Q(short_name__contains=q))
    if level in AgencyLevel.values:
        qs = qs.filter(level=level)
    page = Paginator(qs.order_by("path"), 100).get_page(request.GET.get("page"))
    return render(
        request,
        "portal/agency_list.html",
        {"page": page, "q": q, "level": level, "levels": AgencyLevel.choices},
    )


def agency_home(request, code: str):
    agency = get_object_or_404(Agency.objects.select_related("parent"), code=code, is_active=True)
    context = {
        "agency": agency,
        "ancestors": agency.ancestors(),
        "reading_points": agency.reading_points.all(),
        "children": agency.children.filter(is_active=True).order_by("sort_order", "name"),
        "columns": _columns(agency),
    }
    return render(request, "portal/agency_home.html", context)


def _columns(agency: Agency) -> list[dict]:
    """The four standard columns (国办公开办函〔2019〕61号). Modules fill them as they land."""
    from django.urls import NoReverseMatch, reverse

    def url(name: str) -> str | None:
        try:
            return reverse(name, kwargs={"code": agency.code})
        except NoReverseMatch:
            return None

    return [
        {"title": "政府信息公开指南", "url": "#guide"},
        {"title": "政府信息公开制度", "url": url("portal:publishing_rules")},
        {"title": "法定主动公开内容", "url": url("portal:publishing_items")},
        {"title": "政府信息公开年报", "url": url("portal:reports_list")},
        {"title": "依申请公开", "url": url("portal:applications_apply")},
    ]
