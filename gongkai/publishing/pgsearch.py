"""PostgreSQL: the newest matches of a query over the whole index, by a plan chosen from a sample.

PostgreSQL's planner guesses how many entries a tsquery matches from per-word statistics, and
both ways it guesses wrong the search gets slow: for a word it has no statistics on (招聘, no
hits) it walks the whole table backwards (0.9 s at 1,000,000 entries); for words that come
together (民生 热线 诉求: 1,800 guessed, 121,000 real) it fetches every match from the heap
(0.7 s). Once the share d of matching entries is known, both plans have a predictable cost:

- walk: the primary key backwards, testing each entry: K / d entries for the newest K matches;
- collect: every match from the GIN index, then sort: d × N heap fetches, each costing about
  HEAP_FETCH_COST entry tests (measured at 1,000,000 entries: 0.44 µs to test an entry on the
  walk, 9.6 µs to collect a match).

A sample of about SAMPLE_PAGES pages measures d in a few milliseconds; the cheaper plan is then
forced by switching the other scans off for that statement. The worst case, where both cost the same, is about
sqrt(K × N × HEAP_FETCH_COST) entry tests: 100,000 (about 45 ms) for K = 500 and N = 1,000,000.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection, transaction

SAMPLE_PAGES = 400
HEAP_FETCH_COST = 20
# Below this many entries every plan is quick, and a sample would be too small to mean much.
SMALL_INDEX = 20_000

_MATCH = "e.tsv @@ plainto_tsquery('simple', %s)"
_RANK = "ts_rank(e.tsv, plainto_tsquery('simple', %s))"


@dataclass
class Found:
    rows: list[tuple[int, float]]  # (item id, score), newest first
    total: int  # the number of matches: exact, or estimated from the sample
    exact: bool


def _size(cur) -> tuple[int, int]:
    cur.execute(
        "SELECT relpages, reltuples FROM pg_class WHERE oid = 'publishing_searchentry'::regclass"
    )
    pages, tuples = cur.fetchone()
    return int(pages), int(tuples)  # reltuples is -1 before the first ANALYZE


def _sampled_density(cur, text: str, pages: int) -> float:
    percent = min(100.0, 100.0 * SAMPLE_PAGES / pages)
    cur.execute(
        f"SELECT count(*), count(*) FILTER (WHERE {_MATCH}) "
        "FROM publishing_searchentry e TABLESAMPLE SYSTEM (%s) REPEATABLE (7)",
        [text, percent],
    )
    sampled, hits = cur.fetchone()
    return hits / sampled if sampled else 0.0


@contextmanager
def _planner_without(cur, *scans: str) -> Iterator[None]:
    """Forbid the given scan kinds for the statements inside, then restore what was set: the
    caller may be inside a longer transaction (a test, ATOMIC_REQUESTS)."""
    names = [f"enable_{scan}" for scan in scans]
    cur.execute(
        "SELECT " + ", ".join("current_setting(%s), set_config(%s, 'off', true)" for _ in names),
        [v for n in names for v in (n, n)],
    )
    before = cur.fetchone()[::2]
    try:
        yield
    finally:
        cur.execute(
            "SELECT " + ", ".join("set_config(%s, %s, true)" for _ in names),
            [v for n, b in zip(names, before, strict=True) for v in (n, b)],
        )


def should_walk(density: float, k: int, entries: int) -> bool:
    """True when walking the key backwards is cheaper than collecting every match."""
    if density <= 0:
        return False
    return min(entries, k / density) < HEAP_FETCH_COST * density * entries


def newest_matches(text: str, k: int, *, rank: bool) -> Found:
    """The newest k entries matching `text` (space-separated words, all required)."""
    score = _RANK if rank else "0"
    score_params = [text] if rank else []
    with transaction.atomic(), connection.cursor() as cur:
        pages, entries = _size(cur)
        density = _sampled_density(cur, text, pages) if entries >= SMALL_INDEX else 0.0
        if should_walk(density, k, entries):
            with _planner_without(cur, "bitmapscan", "seqscan"):
                cur.execute(
                    f"SELECT e.item_id, {score} FROM publishing_searchentry e WHERE {_MATCH} "
                    "ORDER BY e.id DESC LIMIT %s",
                    [*score_params, text, k],
                )
                rows = cur.fetchall()
            if len(rows) < k:  # walked to the oldest entry: every match is here
                return Found(rows, len(rows), exact=True)
            return Found(rows, max(k, round(density * entries)), exact=False)
        with _planner_without(cur, "indexscan", "seqscan"):
            cur.execute(
                f"SELECT e.item_id, {score}, count(*) OVER () FROM publishing_searchentry e "
                f"WHERE {_MATCH} ORDER BY e.id DESC LIMIT %s",
                [*score_params, text, k],
            )
            fetched = cur.fetchall()
    return Found([r[:2] for r in fetched], fetched[0][2] if fetched else 0, exact=True)


def capped_count(text: str, cap: int) -> int:
    """Matches up to cap + 1, from the index (for an estimate too close to the cap to trust)."""
    with (
        transaction.atomic(),
        connection.cursor() as cur,
        _planner_without(cur, "indexscan", "seqscan"),
    ):
        cur.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM publishing_searchentry e WHERE {_MATCH} "
            "LIMIT %s) capped",
            [text, cap + 1],
        )
        return cur.fetchone()[0]
