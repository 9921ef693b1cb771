"""Full-text search over public items: rjieba-segmented words, indexed by the database itself.

SQLite: an FTS5 table (unicode61) kept in step with publishing_searchdoc by triggers.
PostgreSQL: a generated tsvector('simple') column on publishing_searchdoc with a GIN index.
Both are created by migration 0002; callers only see `index_item`, `unindex_item`, `search`.
Segmenting in Python is what makes 2-character queries (政务) work: FTS5's trigram tokenizer
cannot match them (environment-notes.md §4).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

import rjieba
from django.db import connection
from django.utils.safestring import SafeString, mark_safe

_WORD = re.compile(r"\w", re.UNICODE)


def segment(text: str) -> list[str]:
    """Index tokens: every word and its sub-words (cut_for_search), lower-cased, no punctuation."""
    return [t.lower() for t in rjieba.cut_for_search(text or "") if _WORD.search(t) and t.strip()]


def query_tokens(q: str) -> list[str]:
    """The words a query must all contain. Precise cut: its words are among the index tokens."""
    tokens: list[str] = []
    for part in (q or "").split():
        for t in rjieba.cut(part):
            t = t.strip().lower()
            if t and _WORD.search(t) and t not in tokens:
                tokens.append(t)
    return tokens[:12]


def index_item(item) -> None:
    from gongkai.publishing.models import SearchEntry

    text = " ".join(
        [item.title, item.summary, item.keywords, item.document_number, item.body_text]
        + [a.text for a in item.attachments.all()][:5]
    )
    # update_or_create keeps the entry's id, so a correction keeps its place in date order.
    SearchEntry.objects.update_or_create(item=item, defaults={"words": " ".join(segment(text))})


def unindex_item(item) -> None:
    from gongkai.publishing.models import SearchEntry

    SearchEntry.objects.filter(item=item).delete()


# Relevance ranks the newest CANDIDATES matches: scoring every match of a common two-character
# word (hundreds of thousands on a national corpus) costs seconds, and on a government site the
# newest documents are the likeliest answer. Counts stop at COUNT_CAP ("超过 1000 条"):
# counting every match costs as much as ranking it.
CANDIDATES = 500
COUNT_CAP = 1_000


@dataclass
class Hit:
    item: object
    snippet: SafeString
    score: float = 0.0


@dataclass
class Results:
    total: int
    hits: list[Hit] = field(default_factory=list)
    tokens: list[str] = field(default_factory=list)
    # What to highlight: the query's own words first, so 信息公开 is marked as one run.
    terms: list[str] = field(default_factory=list)
    capped: bool = False
    ranked_among: int = CANDIDATES


def _filters_sql(filters: dict) -> tuple[str, list]:
    sql, params = [], []
    if filters.get("agency_ids"):
        ids = [int(i) for i in filters["agency_ids"]]
        sql.append(f"i.agency_id IN ({', '.join(['%s'] * len(ids))})")
        params += ids
    if filters.get("category_id"):
        sql.append("i.category_id = %s")
        params.append(int(filters["category_id"]))
    if filters.get("kind"):
        sql.append("i.kind = %s")
        params.append(filters["kind"])
    if filters.get("year"):
        import datetime as dt

        from django.utils import timezone

        year = int(filters["year"])
        tz = timezone.get_current_timezone()
        sql.append("i.published_at >= %s AND i.published_at < %s")
        params += [dt.datetime(year, 1, 1, tzinfo=tz), dt.datetime(year + 1, 1, 1, tzinfo=tz)]
    return "".join(f" AND {s}" for s in sql), params


def _fts5_query(tokens: list[str]) -> str:
    # Every token is a quoted phrase, so user input can never become FTS5 syntax.
    return " AND ".join('"' + t.replace('"', '""') + '"' for t in tokens)


def _match_sql(tokens: list[str], joined: bool) -> tuple[str, list, str, str, str]:
    """(FROM … WHERE, its params, score expression, sequence column, item id column).

    Only public items have search entries (publish adds, withdrawal removes), so without
    filters the index is queried alone; filters need the item row.
    """
    if connection.vendor == "postgresql":
        join = " JOIN publishing_item i ON i.id = e.item_id" if joined else ""
        return (
            f"FROM publishing_searchentry e{join} WHERE e.tsv @@ plainto_tsquery('simple', %s)",
            [" ".join(tokens)],
            "ts_rank(e.tsv, plainto_tsquery('simple', %s))",
            "e.id",
            "e.item_id",
        )
    join = (
        " JOIN publishing_searchentry e ON e.id = f.rowid JOIN publishing_item i ON i.id = e.item_id"
        if joined
        else ""
    )
    return (
        f"FROM publishing_search_fts f{join} WHERE publishing_search_fts MATCH %s",
        [_fts5_query(tokens)],
        "-bm25(publishing_search_fts)",
        "f.rowid",
        "e.item_id" if joined else "f.rowid",
    )


def _newest_by_sql(tokens: list[str], filters: dict, k: int, rank: bool) -> tuple[list, int]:
    """The newest k matches as (item id, score) and the match count up to COUNT_CAP + 1, by
    plain SQL: SQLite's FTS5 walks its index newest-first by itself, and with filters
    PostgreSQL starts from the (few) items that pass them."""
    from gongkai.publishing.models import Disclosure, SearchEntry, Status

    where, fparams = _filters_sql(filters)
    joined = bool(where)
    match, mparams, score, seq, item_col = _match_sql(tokens, joined)
    if joined:
        body = f"{match} AND i.status = %s AND i.disclosure = %s{where}"
        params = [*mparams, Status.PUBLISHED, Disclosure.PROACTIVE, *fparams]
    else:
        body, params = match, mparams
    if not rank:
        score = "0"
    score_params = mparams if rank and connection.vendor == "postgresql" else []
    with connection.cursor() as cur:
        cur.execute(
            f"SELECT COUNT(*) FROM (SELECT 1 {body} LIMIT %s) capped", [*params, COUNT_CAP + 1]
        )
        total = cur.fetchone()[0]
        cur.execute(
            f"SELECT {item_col}, {score} {body} ORDER BY {seq} DESC LIMIT %s",
            [*score_params, *params, k],
        )
        rows = cur.fetchall()
    if connection.vendor != "postgresql" and not joined:  # FTS5 rowids are entry ids
        to_item = dict(
            SearchEntry.objects.filter(pk__in=[r[0] for r in rows]).values_list("pk", "item_id")
        )
        rows = [(to_item[r[0]], r[1]) for r in rows if r[0] in to_item]
    return rows, total


def _newest_on_postgresql(tokens: list[str], k: int, rank: bool) -> tuple[list, int]:
    from gongkai.publishing import pgsearch

    text = " ".join(tokens)
    found = pgsearch.newest_matches(text, k, rank=rank)
    if found.exact:
        return found.rows, found.total
    if found.total > 2 * COUNT_CAP:  # a sampled estimate this far above the cap is safe
        return found.rows, COUNT_CAP + 1
    return found.rows, pgsearch.capped_count(text, COUNT_CAP)


def search(
    q: str,
    *,
    filters: dict | None = None,
    order: str = "relevance",
    limit: int = 20,
    offset: int = 0,
) -> Results:
    from gongkai.publishing.models import Item

    tokens = query_tokens(q)
    if not tokens:
        return Results(0, [], [])
    rank = order != "date"
    k = max(CANDIDATES, offset + limit) if rank else offset + limit
    if connection.vendor == "postgresql" and not _filters_sql(filters or {})[0]:
        rows, total = _newest_on_postgresql(tokens, k, rank)
    else:
        rows, total = _newest_by_sql(tokens, filters or {}, k, rank)
    if rank:  # stable: equal scores stay newest first
        rows = sorted(rows, key=lambda r: -float(r[1] or 0))
    rows = rows[offset : offset + limit]
    items = Item.objects.public().select_related("agency", "category").in_bulk([r[0] for r in rows])
    terms = list(dict.fromkeys([p.lower() for p in q.split()[:12] if _WORD.search(p)] + tokens))
    hits = [
        Hit(items[r[0]], highlight(items[r[0]], terms), float(r[1] or 0))
        for r in rows
        if r[0] in items
    ]
    return Results(min(total, COUNT_CAP), hits, tokens, terms, capped=total > COUNT_CAP)


def highlight(item, tokens: list[str], width: int = 90) -> SafeString:
    """An escaped excerpt around the first match with every token wrapped in <mark>."""
    text = " ".join((item.summary or item.body_text or "").split())
    lowered = text.lower()
    positions = [lowered.find(t) for t in tokens if lowered.find(t) >= 0]
    start = max(0, min(positions) - width // 3) if positions else 0
    excerpt = text[start : start + width]
    pattern = re.compile(
        "|".join(re.escape(t) for t in sorted(tokens, key=len, reverse=True)), re.I
    )
    out, last = [], 0
    for m in pattern.finditer(excerpt):
        out.append(html.escape(excerpt[last : m.start()]))
        out.append(f"<mark>{html.escape(m.group())}</mark>")
        last = m.end()
    out.append(html.escape(excerpt[last:]))
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + width < len(text) else ""
    return mark_safe(prefix + "".join(out) + suffix)  # noqa: S308 - every piece escaped above


def highlight_title(title: str, tokens: list[str]) -> SafeString:
    if not tokens:
        return mark_safe(html.escape(title))  # noqa: S308
    pattern = re.compile(
        "|".join(re.escape(t) for t in sorted(tokens, key=len, reverse=True)), re.I
    )
    out, last = [], 0
    for m in pattern.finditer(title):
        out.append(html.escape(title[last : m.start()]))
        out.append(f"<mark>{html.escape(m.group())}</mark>")
        last = m.end()
    out.append(html.escape(title[last:]))
    return mark_safe("".join(out))  # noqa: S308
