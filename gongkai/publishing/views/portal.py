"""Pages across all bodies: search (/xxgk/search/) and sitemap.xml."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.core.paginator import Page, Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from gongkai.agencies.models import Agency
from gongkai.publishing import search as search_backend
from gongkai.publishing.models import Item, Kind, Scheme, Term

PER_PAGE = 20


class _CountOnly(list):
    """Lets Paginator page through a result set whose total the database already counted."""

    def __init__(self, total: int):
        super().__init__()
        self.total = total

    def count(self) -> int:  # type: ignore[override]
        return self.total


@require_GET
def search_view(request):
    q = (request.GET.get("q") or "").strip()[:100]
    order = "date" if request.GET.get("order") == "date" else "relevance"
    filters: dict = {}
    errors: list[str] = []
    agency = None
    if code := request.GET.get("agency"):
        agency = Agency.objects.filter(code=code).first()
        if agency is None:
            errors.append("未找到该机关。")
        else:
            filters["agency_id"] = agency.pk
    if term := request.GET.get("category"):
        term_obj = Term.objects.filter(scheme=Scheme.CATEGORY, code=term).first()
        if term_obj:
            filters["category_id"] = term_obj.pk
    if (kind := request.GET.get("kind")) in Kind.values:
        filters["kind"] = kind
    if (year := request.GET.get("year", "")).isdigit() and 1990 < int(year) < 2100:
        filters["year"] = int(year)
    page_number = request.GET.get("page") or 1
    try:
        # Counts stop at search.COUNT_CAP, so no further page exists.
        page_number = max(1, min(int(page_number), -(-search_backend.COUNT_CAP // PER_PAGE)))
    except ValueError:
        page_number = 1
    results = None
    page = None
    if q and not errors:
        results = search_backend.search(
            q, filters=filters, order=order, limit=PER_PAGE, offset=(page_number - 1) * PER_PAGE
        )
        paginator = Paginator(_CountOnly(results.total), PER_PAGE)
        page = Page(results.hits, min(page_number, max(paginator.num_pages, 1)), paginator)
        for hit in results.hits:
            hit.title_html = search_backend.highlight_title(hit.item.title, results.terms)
    return render(
        request,
        "publishing/search.html",
        {
            "q": q,
            "order": order,
            "results": results,
            "page": page,
            "errors": errors,
            "agency": agency,
            "kinds": Kind.choices,
            "categories": Term.objects.filter(scheme=Scheme.CATEGORY, is_active=True),
            "selected": {
                "agency": request.GET.get("agency", ""),
                "category": request.GET.get("category", ""),
                "kind": request.GET.get("kind", ""),
                "year": request.GET.get("year", ""),
            },
        },
    )


class ItemSitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        return (
            Item.objects.public()
            .select_related("agency")
            .only("id", "published_at", "corrected_at", "agency__code")
            .order_by("id")
        )

    def lastmod(self, item):
        return item.corrected_at or item.published_at


SITEMAPS = {"items": ItemSitemap}
