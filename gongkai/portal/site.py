"""Site-wide pages: robots.txt, favicon, 网站地图 and 联系我们."""

from __future__ import annotations

from django.contrib.staticfiles import finders
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from gongkai.agencies.models import Agency

# Staff pages and endless query spaces are kept out of crawlers; everything public is listed
# in the sitemap.
ROBOTS_DISALLOW = ("/manage/", "/django-admin/", "/api/", "/xxgk/search/")


@require_GET
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {p}" for p in ROBOTS_DISALLOW)]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap_index'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
@cache_control(max_age=86400, public=True)
def favicon(request):
    path = finders.find("gongkai/favicon.ico")
    if path is None:  # pragma: no cover - the file ships with the package
        raise Http404
    return FileResponse(open(path, "rb"), content_type="image/x-icon")  # noqa: SIM115


@require_GET
def site_map(request):
    """The human 网站地图: the site's pages and the top two levels of bodies with their
    columns; deeper levels are one click away in the region tree of /xxgk/."""
    tops = list(Agency.objects.filter(is_active=True, depth__lte=1).order_by("path"))
    return render(request, "portal/site_map.html", {"bodies": tops})


@require_GET
def contact(request):
    roots = Agency.objects.filter(is_active=True, parent__isnull=True).order_by(
        "sort_order", "name"
    )
    return render(request, "portal/contact.html", {"roots": roots})
