"""The API's one pagination scheme: ``offset`` and ``limit`` in the query, ``{"count": n,
"items": [...]}`` in the answer. Out-of-range values are refused (422, Chinese field messages)
rather than silently clamped, so a client learns its mistake. Staff pages with very long lists
use ``CappedPaginator`` (page numbers, a count that stops at a cap)."""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import Annotated

from django.core.paginator import Paginator as DjangoPaginator
from ninja import Field, Query, Schema
from pydantic import AfterValidator

from gongkai.core.bounds import MAX_YEAR, MIN_YEAR, date_message

MAX_LIMIT = 100
# Deep pages cost a scan of everything before them; nobody reads past this by paging.
MAX_OFFSET = 100_000


def _sane(value):
    message = date_message(value)
    if message:
        raise ValueError(message)
    return value


# Dates and date-times in API input: the same 1900–2100 bound as the forms.
SaneDate = Annotated[dt.date, AfterValidator(_sane)]
SaneDateTime = Annotated[dt.datetime, AfterValidator(_sane)]


class PageIn(Schema):
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description=f"跳过的条数（0–{MAX_OFFSET}）")
    limit: int = Field(20, ge=1, le=MAX_LIMIT, description=f"每页条数（1–{MAX_LIMIT}）")


def year_field(description: str = "年份"):
    return Query(
        None, ge=MIN_YEAR, le=MAX_YEAR, description=f"{description}（{MIN_YEAR}–{MAX_YEAR}）"
    )


def page(qs, paging: PageIn) -> tuple[int, list]:
    """(total count, the rows of this page)."""
    return qs.count(), list(qs[paging.offset : paging.offset + paging.limit])


class CappedPaginator(DjangoPaginator):
    """A page-number paginator for big staff lists that counts at most `cap` rows.

    Counting every matching row costs a walk over all of them (100,000 open hotline tickets:
    tens of milliseconds per page view, for a figure nobody pages through). This one counts
    ``SELECT COUNT(*) FROM (… LIMIT cap + 1)``; past the cap `capped` is true and templates say
    "超过 N 条" instead of an exact total. Pages up to cap / per_page stay reachable."""

    def __init__(self, object_list, per_page, cap: int = 10_000, **kwargs) -> None:
        super().__init__(object_list, per_page, **kwargs)
        self.cap = cap
        self.capped = False

    @cached_property
    def count(self) -> int:
        n = self.object_list.order_by()[: self.cap + 1].count()
        self.capped = n > self.cap
        return min(n, self.cap)
