"""PostgreSQL: the newest matches of a query over the whole index, by a plan chosen from a sample.

PostgreSQL's planner guesses how many entries a tsquery matches from per-word statistics, and
both ways it guesses wrong the search gets slow: for a word it has no statistics on (招聘, no
hits) it walks the whole table backwards (0.9 s at 1,000,000 entries); for words that come
together (民生 热线 诉求: 1,800 guessed, 121,000 real) it fetches every match from the heap
(0.7 s). The two plans have costs we can predict from a sample:

- walk: the primary key backwards, testing each entry, until the K newest matches are found:
  as many entries as are newer than the K-th newest match;
- collect: every match from the GIN index, then sort: one heap fetch per match, each costing
  about HEAP_FETCH_COST entry tests (measured at 1,000,000 entries: 0.44 µs to test an entry
  on the walk, 9.6 µs to collect a match).

A sample of about SAMPLE_PAGES pages, read newest first, tells both: the share of matches, and
how far back the K-th newest match lies. Where the matches lie matters as much as how many
there are: a filter on last year (zzfy2025) matches nothing among this year's entries, which a
walk would test one by one. The cheaper plan is then forced by switching the other scans off for
that statement. When the matches are spread evenly the worst case, where both plans cost the
same, is about sqrt(K × N × HEAP_FETCH_COST) entry tests: 100,000 (about 45 ms) for K = 500
and N = 1,000,000.
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
MIN_HITS = 5
# Sampled matches enough for an estimated total to stand in for a count (about ±20 %).
TRUSTED_HITS = 20

_MATCH = "e.tsv @@ plainto_tsquery('simple', %s)"
_RANK = "ts_rank(e.tsv, plainto_tsquery('simple', %s))"


@dataclass
class Found:
    rows: list[tuple[int, float]]  # (item id, score), newest first
    total: int  # the number of matches: exact, or estimated from the sample
    exact: bool
    sampled_hits: int = 0  # what an estimated total rests on

    def surely_above(self, cap: int) -> bool:
        """The total is certainly more than `cap`, without counting."""
        if self.exact:
            return self.total > cap
        return self.sampled_hits >= TRUSTED_HITS and self.total > 2 * cap


def _size(cur) -> tuple[int, int]:
    cur.execute(
        "SELECT relpages, reltuples FROM pg_class WHERE oid = 'publishing_searchentry'::regclass"
    )
    pages, tuples = cur.fetchone()
    return int(pages), int(tuples)  # reltuples is -1 before the first ANALYZE


def _sample(cur, text: str, pages: int) -> list[bool]:
    """Whether each sampled entry matches, newest first."""
    percent = min(100.0, 100.0 * SAMPLE_PAGES / pages)
    cur.execute(
        f"SELECT {_MATCH} FROM publishing_searchentry e TABLESAMPLE SYSTEM (%s) REPEATABLE (7) "
        "ORDER BY e.id DESC",
        [text, percent],
    )
    return [row[0] for row in cur.fetchall()]


@dataclass
class Estimate:
    walk: float  # entries a walk tests before it has the k newest matches (an upper estimate)
    matches: float  # entries that match
    hits: int  # matches in the sample: below MIN_HITS the two figures above are guesses


def estimate(sample: list[bool], k: int, entries: int) -> Estimate:
    """Scale the newest-first sample up to the whole index.

    The walk is estimated to end at the sampled match that stands for the k-th newest one; no
    closer, though the k newest may lie before it: where nothing was sampled, nothing is known
    (the newest entries may all be of this year, and the filter asks for last year's)."""
    if not sample:
        return Estimate(walk=entries, matches=0, hits=0)
    share = len(sample) / entries
    hits = sum(sample)
    needed = k * share  # matches the sample holds among the k newest (often less than one)
    seen = 0
    for position, hit in enumerate(sample, 1):
        seen += hit
        if hit and seen >= needed:
            return Estimate(walk=position / share, matches=hits / share, hits=hits)
    return Estimate(walk=entries, matches=hits / share, hits=hits)  # the walk goes to the end


def should_walk(est: Estimate) -> bool:
    """True when walking the key backwards is cheaper than collecting every match. With only a
    few sampled matches the walk could test the whole index, and collecting them is cheap."""
    return est.hits >= MIN_HITS and est.walk < HEAP_FETCH_COST * est.matches


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
    # On an error nothing is restored: the caller's atomic block rolls the settings back, and a
    # statement in the aborted transaction would only hide the error.
    yield
    cur.execute(
        "SELECT " + ", ".join("set_config(%s, %s, true)" for _ in names),
        [v for n, b in zip(names, before, strict=True) for v in (n, b)],
    )


def newest_matches(text: str, k: int, *, rank: bool) -> Found:
    """The newest k entries matching `text` (space-separated words, all required)."""
    score = _RANK if rank else "0"
    score_params = [text] if rank else []
    with transaction.atomic(), connection.cursor() as cur:
        pages, entries = _size(cur)
        sample = _sample(cur, text, pages) if entries >= SMALL_INDEX else []
        est = estimate(sample, k, max(entries, 1))
        if should_walk(est):
            with _planner_without(cur, "bitmapscan", "seqscan"):
                cur.execute(
                    f"SELECT e.item_id, {score} FROM publishing_searchentry e WHERE {_MATCH} "
                    "ORDER BY e.id DESC LIMIT %s",
                    [*score_params, text, k],
                )
                rows = cur.fetchall()
            if len(rows) < k:  # walked to the oldest entry: every match is here
                return Found(rows, len(rows), exact=True)
            return Found(rows, max(k, round(est.matches)), exact=False, sampled_hits=est.hits)
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
