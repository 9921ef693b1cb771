"""Pages across all bodies: search (/xxgk/search/) and sitemap.xml."""

from __future__ import annotations

import re

from django.contrib.sitemaps import Sitemap
from django.core.paginator import Page, Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from gongkai.agencies.models import Agency
from gongkai.publishing import search as search_backend
from gongkai.publishing.models import Item, Kind, Scheme, Term

PER_PAGE = 20
# 机关代字〔年份〕序号 as typed: 〔〕, [], 【】 or () around the year.
DOC_NUMBER = re.compile(r"^(?P<prefix>\S+?)[〔\[【(（](?P<year>\d{4})[〕\]】)）](?P<no>\d+)号$")
DOC_NUMBER_CANDIDATES = 50


def normalise_doc_number(q: str) -> str | None:
    """The official spelling (〔〕) of a typed 文号, or None when q is not one."""
    m = DOC_NUMBER.match(q.replace(" ", ""))
    return f"{m['prefix']}〔{m['year']}〕{m['no']}号" if m else None


def find_by_number(q: str, filters: dict) -> list[Item]:
    """Items whose 索引号 or 文号 is exactly what was typed.

    索引号 is unique and indexed: one lookup. 文号 has no index of its own but is part of
    every item's full-text entry, so the candidates come from the search index and are then
    compared exactly (two bodies may share a 文号, so several can match).
    """
    code = q.strip().upper()
    by_index = list(Item.objects.public().select_related("agency").filter(index_number=code)[:1])
    if by_index:
        return by_index
    doc = normalise_doc_number(q)
    if doc is None:
        return []
    found = search_backend.search(doc, filters=filters, order="date", limit=DOC_NUMBER_CANDIDATES)
    return [hit.item for hit in found.hits if normalise_doc_number(hit.item.document_number) == doc]


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
    ambiguous: list[Agency] = []
    if wanted := request.GET.get("agency", "").strip()[:200]:
        # A code (links from a body's pages) or a name picked in the type-ahead.
        active = Agency.objects.filter(is_active=True)
        try:
            agency = active.resolve(wanted)
        except Agency.DoesNotExist:
            same_name = list(active.filter(name=wanted).only("code", "name", "parent")[:10])
            if len(same_name) > 1:
                ambiguous = same_name
                errors.append(f"有多个机关名为“{wanted}”，请选择其中一个：")
            else:
                errors.append(f"未找到该机关：“{wanted}”。请输入机关名称并从提示中选择。")
        else:
            filters["agency_id"] = agency.pk
    if term := request.GET.get("category"):
        term_obj = Term.objects.filter(scheme=Scheme.CATEGORY, code=term).first()
        if term_obj:
            filters["category_id"] = term_obj.pk
    if (kind := request.GET.get("kind")) in Kind.values:
        filters["kind"] = kind
    if (year := request.GET.get("year", "")).isdecimal() and 1990 < int(year) < 2100:
        filters["year"] = int(year)
    page_number = request.GET.get("page") or 1
    try:
        # Counts stop at search.COUNT_CAP, so no further page exists.
        page_number = max(1, min(int(page_number), -(-search_backend.COUNT_CAP // PER_PAGE)))
    except ValueError:
        page_number = 1
    results = None
    page = None
    exact = find_by_number(q, filters) if q and not errors else []
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
            "exact": exact,
            "ambiguous": ambiguous,
            "kinds": Kind.choices,
            "categories": Term.objects.filter(scheme=Scheme.CATEGORY, is_active=True),
            "selected": {
                "agency": agency.name if agency else request.GET.get("agency", ""),
                "agency_code": agency.code if agency else "",
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
