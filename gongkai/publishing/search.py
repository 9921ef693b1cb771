"""Full-text search over public items: rjieba-segmented words, indexed by the database itself.

SQLite: an FTS5 table (unicode61) kept in step with publishing_searchentry by triggers.
PostgreSQL: a generated tsvector('simple') column on publishing_searchentry with a GIN index.
Both are created by migration 0003; callers only see `index_item`, `unindex_item`, `search`.
Segmenting in Python is what makes 2-character queries (政务) work: FTS5's trigram tokenizer
cannot match them (environment-notes.md §4).

The search filters (body, category, kind, year) are words of the entry too (zzfa17, zzfy2025):
a filtered search is one more required word, answered by the same index and the same plans,
with no join to the items.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

import rjieba
from django.db import connection
from django.utils.safestring import SafeString, mark_safe

_WORD = re.compile(r"\w", re.UNICODE)
FILTER_PREFIX = "zzf"


def segment(text: str) -> list[str]:
    """Index tokens: every word and its sub-words (cut_for_search), lower-cased, no punctuation.
    Words that look like filter words (zzf…) are left out, so text can never pass a filter."""
    return [
        t.lower()
        for t in rjieba.cut_for_search(text or "")
        if _WORD.search(t) and t.strip() and not t.lower().startswith(FILTER_PREFIX)
    ]


def query_tokens(q: str) -> list[str]:
    """The words a query must all contain. Precise cut: its words are among the index tokens."""
    tokens: list[str] = []
    for part in (q or "").split():
        for t in rjieba.cut(part):
            t = t.strip().lower()
            if t and _WORD.search(t) and t not in tokens:
                tokens.append(t)
    return tokens[:12]


def _filter_word(field: str, value: object) -> str:
    # Letters and digits only: both tokenizers split on anything else.
    return f"{FILTER_PREFIX}{field}{re.sub(r'[^0-9a-z]', '', str(value).lower())}"


def filter_words(item) -> list[str]:
    """The words an entry carries for the filters: its body, kind, year and category."""
    from django.utils import timezone

    words = [_filter_word("a", item.agency_id), _filter_word("k", item.kind)]
    if item.published_at:
        words.append(_filter_word("y", timezone.localtime(item.published_at).year))
    if item.category_id:
        words.append(_filter_word("c", item.category_id))
    return words


def filter_query(filters: dict) -> list[str]:
    """The filter words a search requires (keys agency_id, category_id, kind, year)."""
    fields = {"agency_id": "a", "kind": "k", "year": "y", "category_id": "c"}
    return [_filter_word(fields[key], value) for key, value in filters.items() if value]


def entry_words(item, text: str) -> str:
    return " ".join(segment(text) + filter_words(item))


def index_item(item) -> None:
    from gongkai.publishing.models import SearchEntry

    text = " ".join(
        [item.title, item.summary, item.keywords, item.document_number, item.body_text]
        + [a.text for a in item.attachments.all()][:5]
    )
    # update_or_create keeps the entry's id, so a correction keeps its place in date order.
    SearchEntry.objects.update_or_create(item=item, defaults={"words": entry_words(item, text)})


def tidy_index() -> None:
    """After rewriting many entries: FTS5 merges its segments (a rewritten index left in pieces
    was 4× slower), PostgreSQL refreshes the statistics the search plans read."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE publishing_searchentry")
        else:
            cursor.execute(
                "INSERT INTO publishing_search_fts(publishing_search_fts) VALUES('optimize')"
            )


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


def _fts5_query(tokens: list[str]) -> str:
    # Every token is a quoted phrase, so user input can never become FTS5 syntax.
    return " AND ".join('"' + t.replace('"', '""') + '"' for t in tokens)


def _newest_on_sqlite(words: list[str], k: int, rank: bool) -> tuple[list, int]:
    """FTS5 walks its doclists newest-first by itself: plain SQL is fast on SQLite."""
    from gongkai.publishing.models import SearchEntry

    match = [_fts5_query(words)]
    score = "-bm25(publishing_search_fts)" if rank else "0"
    body = "FROM publishing_search_fts WHERE publishing_search_fts MATCH %s"
    with connection.cursor() as cur:
        cur.execute(f"SELECT COUNT(*) FROM (SELECT 1 {body} LIMIT %s)", [*match, COUNT_CAP + 1])
        total = cur.fetchone()[0]
        cur.execute(f"SELECT rowid, {score} {body} ORDER BY rowid DESC LIMIT %s", [*match, k])
        rows = cur.fetchall()
    # FTS5 rowids are entry ids.
    to_item = dict(
        SearchEntry.objects.filter(pk__in=[r[0] for r in rows]).values_list("pk", "item_id")
    )
    return [(to_item[r[0]], r[1]) for r in rows if r[0] in to_item], total


def _newest_on_postgresql(words: list[str], k: int, rank: bool) -> tuple[list, int]:
    from gongkai.publishing import pgsearch

    text = " ".join(words)
    found = pgsearch.newest_matches(text, k, rank=rank)
    if found.exact:
        return found.rows, found.total
    if found.surely_above(COUNT_CAP):
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
    # Counts stop at COUNT_CAP, so no page starts beyond it: a far offset would only cost time.
    offset = max(0, min(offset, COUNT_CAP))
    limit = max(0, min(limit, COUNT_CAP - offset))
    rank = order != "date"
    k = max(CANDIDATES, offset + limit) if rank else max(1, offset + limit)
    words = tokens + filter_query(filters or {})
    newest = _newest_on_postgresql if connection.vendor == "postgresql" else _newest_on_sqlite
    rows, total = newest(words, k, rank)
    if rank:  # the newest CANDIDATES by score (stable: ties stay newest first), then by date,
        # so every page of one search comes from the same ranking
        rows = sorted(rows[:CANDIDATES], key=lambda r: -float(r[1] or 0)) + rows[CANDIDATES:]
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
