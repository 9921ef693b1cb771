"""派单目录: the body a ticket should go to, by category (or its parent) and area."""

from __future__ import annotations

from gongkai.hotline.models import DispatchRule, Ticket


def suggest(ticket: Ticket):
    """The suggested body, or None. The most specific rule wins: the ticket's own category
    before its parent, the ticket's area before the rule for the whole district."""
    if not ticket.category_id:
        return None
    cats = [ticket.category_id]
    if ticket.category.parent_id:
        cats.append(ticket.category.parent_id)
    rules = list(
        DispatchRule.objects.filter(
            centre_id=ticket.agency_id, category_id__in=cats, area__in=[ticket.area, ""]
        ).select_related("body")
    )
    rules.sort(key=lambda r: (cats.index(r.category_id), r.area != ticket.area))
    return rules[0].body if rules else None
