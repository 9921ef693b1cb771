"""The hall touch-screen (自助查询机): a closed loop of pages. Every link stays under
/kiosk/, there is a back button on every page, an idle timer returns to the kiosk home, and
nothing links to the staff login or the rest of the site (a visitor must not wander off)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from gongkai.publishing.models import KioskEntry, KioskEntryKind
from gongkai.publishing.pagecache import cached_page
from gongkai.publishing.views.public import LIST_FIELDS, _agency, public_items

PER_PAGE = 8
IDLE_SECONDS = 90


def _context(agency, **extra) -> dict:
    return {"agency": agency, "idle_seconds": IDLE_SECONDS, **extra}


@require_GET
@cached_page
def home(request, code):
    agency = _agency(code)
    entries = KioskEntry.objects.filter(agency=agency)
    return render(
        request,
        "publishing/kiosk/home.html",
        _context(
            agency,
            is_home=True,
            guides=[e for e in entries if e.kind == KioskEntryKind.GUIDE],
            phones=[e for e in entries if e.kind == KioskEntryKind.PHONE],
            latest=public_items(agency).only(*LIST_FIELDS)[:PER_PAGE],
        ),
    )


@require_GET
@cached_page
def item_list(request, code):
    agency = _agency(code)
    page = Paginator(
        public_items(agency).only(*LIST_FIELDS).order_by("-published_at", "-id"), PER_PAGE
    ).get_page(request.GET.get("page"))
    return render(request, "publishing/kiosk/list.html", _context(agency, page=page))


@require_GET
@cached_page
def item_detail(request, code, pk):
    item = get_object_or_404(
        public_items().select_related("genre", "category"), pk=pk, agency__code=code
    )
    return render(
        request,
        "publishing/kiosk/item.html",
        _context(item.agency, item=item, attachments=item.attachments.all()),
    )
