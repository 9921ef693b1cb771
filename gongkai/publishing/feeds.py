"""RSS 2.0 and Atom feeds of a body's public items, optionally of one Art. 20 category."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed

from gongkai.agencies.models import Agency
from gongkai.publishing.models import Item, Scheme, Term

FEED_SIZE = 20


class ItemFeed(Feed):
    def get_object(self, request, code, term=None):
        agency = get_object_or_404(Agency, code=code, is_active=True)
        category = get_object_or_404(Term, scheme=Scheme.CATEGORY, code=term) if term else None
        return agency, category

    def title(self, obj):
        agency, category = obj
        return f"{agency.name} 政府信息公开" + (f" · {category.name}" if category else "")

    def link(self, obj):
        return f"/xxgk/{obj[0].code}/"

    def description(self, obj):
        return f"{obj[0].name}最新主动公开的政府信息"

    def items(self, obj):
        agency, category = obj
        qs = Item.objects.public().filter(agency=agency).select_related("agency")
        if category is not None:
            qs = qs.filter(category=category)
        return qs.order_by("-published_at", "-id")[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary or item.body_text[:200]

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.corrected_at or item.published_at

    def item_guid(self, item):
        return item.index_number or str(item.pk)

    item_guid_is_permalink = False


class ItemAtomFeed(ItemFeed):
    feed_type = Atom1Feed
    subtitle = ItemFeed.description
