"""Keyset paging of the console's body table.

A page is "the next 50 rows after this body" in the table's order (the sort column, then the
path), not "skip 39,950 rows": the database seeks to the anchor row (an index range on `path`
when the table is sorted by name) instead of producing and discarding every row before the
page. Sorted by a computed column (applications, problems…), every row is computed and sorted
anyway, so the page is taken by position (`n=`). Links carry the code of the body at the edge of the page (`after=` / `before=`); `n=` only
numbers the page for the reader. The last page is read backwards from the end.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import ceil

from django.db.models import F, Q, QuerySet

# Sort keys that are columns of the body table (an index range or a cheap sort): sought by key.
STORED = {"path", "code", "depth"}


@dataclass
class Window:
    ids: list[int]
    count: int
    per_page: int
    number: int
    has_previous: bool
    has_next: bool
    first_code: str = ""
    last_code: str = ""

    @property
    def num_pages(self) -> int:
        return max(1, ceil(self.count / self.per_page))

    @property
    def previous_number(self) -> int:
        return max(1, self.number - 1)

    @property
    def next_number(self) -> int:
        return min(self.num_pages, self.number + 1)


def _seek(key: str, value, path: str, *, desc: bool, forward: bool) -> Q:
    """Rows after (forward) or before the anchor in the table's order: `key` ascending or
    descending, ties always by ascending path (as console.rows orders them)."""
    op = "gt" if forward != desc else "lt"
    tie = "gt" if forward else "lt"
    return Q(**{f"{key}__{op}": value}) | Q(**{key: value, f"path__{tie}": path})


def _order(key: str, desc: bool, forward: bool = True):
    """The table's order (forward) or its exact reverse."""
    first = F(key).desc() if desc == forward else F(key).asc()
    return first, F("path").asc() if forward else F("path").desc()


def window(
    qs: QuerySet,
    key: str,
    desc: bool,
    per_page: int,
    *,
    after: str = "",
    before: str = "",
    last: bool = False,
    number: int = 1,
) -> Window:
    """The ids of one page of `qs` ordered by (key, path), `key` descending when `desc`.

    `after` / `before` are body codes on the previous page's edges; an anchor that is no
    longer in the filtered table (the filter changed, the body moved) gives the first page."""
    count = qs.count()
    pages = max(1, ceil(count / per_page))
    if key not in STORED:
        # A computed column (a count per body): the database computes and sorts every row
        # whatever the paging, and a seek condition would compute it twice per row (3.3 s
        # instead of 0.56 s in the middle of 40,000 bodies), so the page is taken by position.
        number = pages if last else min(max(1, number), pages)
        rows = qs.values_list("pk", "code")[(number - 1) * per_page : number * per_page]
        return _window(list(rows), count, per_page, number, number > 1, number < pages)
    code = after or before
    anchor = qs.filter(code=code).values_list(key, "path").first() if code else None
    lean = qs.order_by().values_list("pk", "code")
    if last and count > per_page:
        # The last page holds the remainder, so pages read backwards from it line up with the
        # pages read forwards from the first.
        size = count - (pages - 1) * per_page
        got = list(lean.order_by(*_order(key, desc, forward=False))[:size])[::-1]
        return _window(got, count, per_page, pages, has_previous=True, has_next=False)
    if anchor is not None and before:
        value, path = anchor
        got = list(
            lean.filter(_seek(key, value, path, desc=desc, forward=False)).order_by(
                *_order(key, desc, forward=False)
            )[: per_page + 1]
        )
        if len(got) > per_page:
            got = got[:per_page][::-1]
            return _window(got, count, per_page, max(1, number), True, True)
        anchor = None  # fewer than a page before the anchor: the first page
    if anchor is not None:
        value, path = anchor
        lean = lean.filter(_seek(key, value, path, desc=desc, forward=True))
    got = list(lean.order_by(*_order(key, desc))[: per_page + 1])
    more = len(got) > per_page
    got = got[:per_page]
    if anchor is None:
        return _window(got, count, per_page, 1, has_previous=False, has_next=more)
    return _window(got, count, per_page, number if more else pages, True, more)


def _window(got, count, per_page, number, has_previous, has_next) -> Window:
    pages = max(1, ceil(count / per_page))
    return Window(
        ids=[pk for pk, _ in got],
        count=count,
        per_page=per_page,
        number=min(max(1, number), pages),
        has_previous=has_previous,
        has_next=has_next,
        first_code=got[0][1] if got else "",
        last_code=got[-1][1] if got else "",
    )
