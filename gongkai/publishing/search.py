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
    from gongkai.publishing.models import SearchDoc

    text = " ".join(
        [item.title, item.summary, item.keywords, item.document_number, item.body_text]
        + [a.text for a in item.attachments.all()][:5]
    )
    SearchDoc.objects.update_or_create(item=item, defaults={"words": " ".join(segment(text))})


def unindex_item(item) -> None:
    from gongkai.publishing.models import SearchDoc

    SearchDoc.objects.filter(item=item).delete()


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


def search(
    q: str,
    *,
    filters: dict | None = None,
    order: str = "relevance",
    limit: int = 20,
    offset: int = 0,
) -> Results:
    from gongkai.publishing.models import Disclosure, Item, Status

    tokens = query_tokens(q)
    if not tokens:
        return Results(0, [], [])
    where, fparams = _filters_sql(filters or {})
    base = f" AND i.status = %s AND i.disclosure = %s{where}"
    bparams = [Status.PUBLISHED, Disclosure.PROACTIVE, *fparams]
    if connection.vendor == "postgresql":
        match_from = (
            "FROM publishing_searchdoc d JOIN publishing_item i ON i.id = d.item_id, "
            "plainto_tsquery('simple', %s) query WHERE d.tsv @@ query"
        )
        mparams = [" ".join(tokens)]
        score = "ts_rank(d.tsv, query)"
    else:
        match_from = (
            "FROM publishing_searchdoc_fts f JOIN publishing_item i ON i.id = f.rowid "
            "WHERE publishing_searchdoc_fts MATCH %s"
        )
        mparams = [_fts5_query(tokens)]
        score = "-bm25(publishing_searchdoc_fts)"
    order_sql = "i.published_at DESC, i.id DESC" if order == "date" else f"{score} DESC, i.id DESC"
    with connection.cursor() as cur:
        cur.execute(f"SELECT COUNT(*) {match_from}{base}", mparams + bparams)
        total = cur.fetchone()[0]
        cur.execute(
            f"SELECT i.id, {score} {match_from}{base} ORDER BY {order_sql} LIMIT %s OFFSET %s",
            mparams + bparams + [limit, offset],
        )
        rows = cur.fetchall()
    items = Item.objects.select_related("agency", "category").in_bulk([r[0] for r in rows])
    terms = list(dict.fromkeys([p.lower() for p in q.split()[:12] if _WORD.search(p)] + tokens))
    hits = [Hit(items[r[0]], highlight(items[r[0]], terms), float(r[1] or 0)) for r in rows]
    return Results(total, hits, tokens, terms)


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
