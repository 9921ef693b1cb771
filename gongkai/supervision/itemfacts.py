"""What the website checks need from the item table, read once per self-check run.

The checks used to ask per chunk of 2,000 bodies (`agency_id IN (…)`). A body's items are
spread over the whole table (they are published over years, between everybody else's), so each
chunk's bitmap scan read nearly every heap page: 41,928 of 42,214 pages for one chunk at 20,000
bodies. Ten chunks read the table ten times; twice the bodies meant twenty chunks over a table
twice the size, four times the work. Here each question is one GROUP BY over the run's bodies,
which reads the table once (the planner picks an index for a small subtree); the answers are
per body and small (bodies × columns), and each chunk takes its bodies' share.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from functools import cached_property

from django.db.models import Max, QuerySet

from gongkai.publishing.models import Item, Kind

LINK = re.compile(r"/xxgk/([\w-]+)/art/(\d+)/(?:files/(\d+)/)?")


class ItemFacts:
    """Per-body facts about public items. `bodies`: agency ids, or a queryset of them (a
    subquery, so a province's ids are not sent back to the database as a list)."""

    def __init__(self, bodies: list[int] | QuerySet) -> None:
        self.bodies = bodies

    def _public(self) -> QuerySet:
        # No ORDER BY: the model's default ordering would go into GROUP BY / DISTINCT.
        return Item.objects.public().filter(agency_id__in=self.bodies).order_by()

    @cached_property
    def _columns(self) -> tuple[dict[int, dt.datetime], dict[int, dict[int, dt.datetime]]]:
        last: dict[int, dt.datetime] = {}
        per_column: dict[int, dict[int, dt.datetime]] = defaultdict(dict)
        rows = (
            self._public()
            .values("agency_id", "category_id")
            .annotate(last=Max("published_at"))
            .values_list("agency_id", "category_id", "last")
        )
        # Not .iterator(): a server-side cursor makes PostgreSQL plan for the first rows (an
        # index walk in body order, 29 s instead of 3 s at 20,000 bodies) and run serially.
        for aid, term_id, when in rows:
            if when is not None and (aid not in last or when > last[aid]):
                last[aid] = when
            if term_id is not None:
                per_column[aid][term_id] = when
        return last, per_column

    @property
    def last_published(self) -> dict[int, dt.datetime]:
        """The latest publication per body (首页)."""
        return self._columns[0]

    @property
    def per_column(self) -> dict[int, dict[int, dt.datetime]]:
        """The latest publication per body and column (category term id)."""
        return self._columns[1]

    @cached_property
    def kinds(self) -> dict[int, set[str]]:
        """The kinds of item each body has published (the standard columns)."""
        out: dict[int, set[str]] = defaultdict(set)
        for aid, kind in self._public().values_list("agency_id", "kind").distinct():
            out[aid].add(kind)
        return out

    @cached_property
    def links(self) -> dict[int, list[tuple]]:
        """Per body: (item pk, title, body code, linked item id, linked attachment id or None)
        for every gongkai link in its published items."""
        out: dict[int, list[tuple]] = defaultdict(list)
        rows = (
            self._public()
            .filter(body__contains="/xxgk/")
            .values_list("pk", "agency_id", "title", "agency__code", "body")
        )
        for pk, aid, title, code, body in rows.iterator(chunk_size=2_000):
            for _code, item_id, att_id in LINK.findall(body or ""):
                out[aid].append((pk, title, code, int(item_id), att_id and int(att_id)))
        return out

    def annual_reports_for(self, year: int) -> set[int]:
        """Bodies with a published annual-report item whose title names `year` (a report
        published by hand, outside the report module)."""
        if year not in self._annual:
            self._annual[year] = set(
                self._public()
                .filter(kind=Kind.ANNUAL_REPORT, title__contains=str(year))
                .values_list("agency_id", flat=True)
                .distinct()
            )
        return self._annual[year]

    @cached_property
    def _annual(self) -> dict[int, set[int]]:
        return {}
