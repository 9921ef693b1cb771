"""The API's one pagination scheme: ``offset`` and ``limit`` in the query, ``{"count": n,
"items": [...]}`` in the answer. Out-of-range values are refused (422, Chinese field messages)
rather than silently clamped, so a client learns its mistake."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

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
