"""Public pages of one body's 政府信息公开 column (under /xxgk/<code>/)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Count
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from gongkai.agencies.models import Agency
from gongkai.core.dates import full_date, short_date
from gongkai.publishing.models import (
    Attachment,
    Item,
    Kind,
    Scheme,
    Term,
)
from gongkai.publishing.pagecache import cached_page

PER_PAGE = 20
LIST_FIELDS = [
    "id",
    "title",
    "published_at",
    "index_number",
    "kind",
    "agency__code",
    "agency__name",
]


def _agency(code: str) -> Agency:
    return get_object_or_404(Agency, code=code, is_active=True)


def public_items(agency: Agency | None = None):
    qs = Item.objects.public().select_related("agency")
    return qs.filter(agency=agency) if agency is not None else qs


def _page(request, qs):
    return Paginator(qs.only(*LIST_FIELDS).order_by("-published_at", "-id"), PER_PAGE).get_page(
        request.GET.get("page")
    )


@require_GET
@cached_page
def kind_list(request, code, kind):
    agency = _agency(code)
    page = _page(request, public_items(agency).filter(kind=kind))
    title = Kind(kind).label
    return render(
        request, "publishing/list.html", {"agency": agency, "page": page, "heading": title}
    )


@require_GET
@cached_page
def category_index(request, code):
    agency = _agency(code)
    counts = dict(
        public_items(agency).values_list("category_id").annotate(n=Count("id")).order_by()
    )
    terms = Term.objects.filter(scheme=Scheme.CATEGORY, is_active=True)
    rows = [(t, counts.get(t.pk, 0)) for t in terms]
    page = _page(request, public_items(agency).exclude(kind__in=[Kind.GUIDE, Kind.SYSTEM]))
    return render(
        request, "publishing/categories.html", {"agency": agency, "rows": rows, "page": page}
    )


@require_GET
@cached_page
def category_list(request, code, term):
    agency = _agency(code)
    term = get_object_or_404(Term, scheme=Scheme.CATEGORY, code=term)
    page = _page(request, public_items(agency).filter(category=term))
    return render(
        request,
        "publishing/list.html",
        {"agency": agency, "page": page, "heading": term.name, "term": term},
    )


@require_GET
@cached_page
def item_detail(request, code, pk):
    item = get_object_or_404(
        public_items().select_related("topic", "genre", "category", "interprets"),
        pk=pk,
        agency__code=code,
    )
    return render(
        request,
        "publishing/item.html",
        {
            "agency": item.agency,
            "item": item,
            "attachments": item.attachments.all(),
            "interpretations": item.interpretations.public().only("id", "title", "agency__code"),
            "versions": item.versions.only("version", "replaced_at", "note"),
        },
    )


@require_GET
def attachment(request, code, pk, att):
    obj = get_object_or_404(Attachment.objects.select_related("item__agency"), pk=att, item_id=pk)
    if not obj.item.is_public or obj.item.agency.code != code:
        raise Http404
    # as_attachment + filename: Django writes an RFC 6266/5987 Content-Disposition, so a
    # name with quotes or CJK characters can neither break the header nor render inline.
    response = FileResponse(
        obj.file.open("rb"),
        as_attachment=True,
        filename=obj.original_name,
        content_type=obj.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def _led_items(agency, limit=10):
    return list(public_items(agency).only(*LIST_FIELDS)[:limit])


@require_GET
@cached_page
def led_text(request, code):
    agency = _agency(code)
    # Local (Asia/Shanghai) dates; the year only when it is not this year.
    lines = [f"{short_date(i.published_at)} {i.title}" for i in _led_items(agency)]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
@cached_page
def led_json(request, code):
    agency = _agency(code)
    data = {
        "agency": agency.name,
        "items": [
            {
                "title": i.title,
                "date": full_date(i.published_at),
                "url": request.build_absolute_uri(i.get_absolute_url()),
            }
            for i in _led_items(agency)
        ],
    }
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})
