"""PostgreSQL search plans: whichever plan the sample picks, the answer is the plain query's."""

import pytest
from django.db import connection
from django.utils import timezone

from gongkai.publishing import pgsearch, search
from gongkai.publishing.models import Item, SearchEntry


def _sample(size: int, hits_at) -> list[bool]:
    return [position in hits_at for position in range(size)]


def test_walking_is_chosen_for_dense_words_and_collecting_for_rare_ones():
    n, k = 1_000_000, 500  # a 4,000-entry sample: 0.4 % of the index
    dense = pgsearch.estimate(_sample(4000, range(0, 4000, 3)), k, n)
    assert pgsearch.should_walk(dense)
    assert 900 < dense.walk < 2000 and 330_000 < dense.matches < 335_000  # truly 1,500
    assert not pgsearch.should_walk(pgsearch.estimate(_sample(4000, {3999}), k, n))
    assert not pgsearch.should_walk(pgsearch.estimate(_sample(4000, set()), k, n))
    assert not pgsearch.should_walk(pgsearch.estimate([], k, n))


def test_where_the_matches_lie_decides_as_much_as_how_many():
    n, k = 1_000_000, 500
    spread = pgsearch.estimate(_sample(4000, range(0, 4000, 100)), k, n)
    old_only = pgsearch.estimate(_sample(4000, range(3000, 4000, 25)), k, n)
    assert spread.matches == old_only.matches == 10_000
    assert pgsearch.should_walk(spread)  # the 500th newest match is near: walk
    assert not pgsearch.should_walk(old_only)  # 750,000 entries to test first: collect


def test_fewer_matches_than_wanted_walk_to_the_end():
    est = pgsearch.estimate(_sample(4000, {5}), 500, 1_000_000)
    assert est.walk == 1_000_000


pg_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the plans are PostgreSQL's (SQLite uses FTS5)"
)

ENTRIES = 3000


def _words(n: int) -> str:
    words = ["常见"]
    if n % 10 == 0:
        words.append("十分之一")
    if n % 1000 == 7:
        words.append("罕见")
    words.append("甲方" if n % 2 else "乙方")  # never together
    if n % 20 == 3:
        words += ["民生", "热线"]  # always together
    return " ".join(words)


@pytest.fixture
def corpus(agency_a, monkeypatch):
    monkeypatch.setattr(pgsearch, "SMALL_INDEX", 0)  # sample even this small index
    monkeypatch.setattr(pgsearch, "SAMPLE_PAGES", 10_000)  # … all of it, so densities are exact
    now = timezone.now()
    items = Item.objects.bulk_create(
        Item(
            agency=agency_a,
            title=f"条目{n}",
            body_text=_words(n),
            formed_on=now.date(),
            status="published",
            published_at=now - timezone.timedelta(minutes=ENTRIES - n),
            index_number=f"T/{n:05d}",
        )
        for n in range(ENTRIES)
    )
    SearchEntry.objects.bulk_create(
        SearchEntry(item=i, words=_words(n)) for n, i in enumerate(items)
    )
    with connection.cursor() as cur:
        cur.execute("ANALYZE publishing_searchentry")  # pg_class must know the index's size


def _plain(text: str, k: int) -> tuple[list[int], int]:
    with connection.cursor() as cur:
        cur.execute(
            "SELECT item_id FROM publishing_searchentry "
            "WHERE tsv @@ plainto_tsquery('simple', %s) ORDER BY id DESC",
            [text],
        )
        ids = [r[0] for r in cur.fetchall()]
    return ids[:k], len(ids)


QUERIES = ["常见", "十分之一", "罕见", "甲方 乙方", "民生 热线", "没有的词"]


@pg_only
@pytest.mark.parametrize("plan", ["walk", "collect", "chosen"])
@pytest.mark.parametrize("text", QUERIES)
def test_every_plan_gives_the_newest_matches(corpus, monkeypatch, plan, text):
    if plan != "chosen":
        monkeypatch.setattr(pgsearch, "should_walk", lambda *a: plan == "walk")
    for k in (5, 200):
        expected, total = _plain(text, k)
        found = pgsearch.newest_matches(text, k, rank=True)
        assert [r[0] for r in found.rows] == expected, (text, k)
        if found.exact:
            assert found.total == total
        else:  # an estimate: only when the walk stopped early, so there are more than k
            assert total > k and found.total >= k


@pg_only
def test_the_sample_picks_the_plan(corpus, monkeypatch):
    chosen = []
    real = pgsearch.should_walk
    monkeypatch.setattr(pgsearch, "should_walk", lambda *a: chosen.append(real(*a)) or chosen[-1])
    for text in ("常见", "罕见", "甲方 乙方", "没有的词"):
        pgsearch.newest_matches(text, 20, rank=False)
    assert chosen == [True, False, False, False]


@pg_only
def test_the_planner_settings_are_restored_inside_a_longer_transaction(corpus):
    pgsearch.newest_matches("常见", 20, rank=False)
    pgsearch.newest_matches("罕见", 20, rank=False)
    pgsearch.capped_count("常见", 10)
    with connection.cursor() as cur:
        for name in ("enable_seqscan", "enable_bitmapscan", "enable_indexscan"):
            cur.execute(f"SHOW {name}")
            assert cur.fetchone()[0] == "on", name


@pg_only
def test_search_counts_exactly_below_the_cap_and_says_more_above_it(corpus, monkeypatch):
    monkeypatch.setattr(search, "COUNT_CAP", 100)
    rare = search.search("罕见")
    assert (rare.total, rare.capped) == (_plain("罕见", 1)[1], False)
    common = search.search("常见")
    assert (common.total, common.capped) == (100, True)
    # An estimate near the cap is not trusted: 150 matches, estimated within 2 × the cap.
    near = search.search("民生 热线")
    assert _plain("民生 热线", 1)[1] == 150
    assert (near.total, near.capped) == (100, True)
    assert [h.item.title for h in search.search("十分之一", order="date").hits[:2]] == [
        "条目2990",
        "条目2980",
    ]


def test_a_lucky_early_sample_hit_of_a_rare_word_does_not_start_a_walk():
    # One sampled match near the top stands for ~250 matches; the real 20th newest may be far back.
    est = pgsearch.estimate(_sample(4000, {3}), 20, 1_000_000)
    assert est.walk < pgsearch.HEAP_FETCH_COST * est.matches
    assert not pgsearch.should_walk(est)


def test_an_estimate_replaces_a_count_only_when_it_rests_on_enough_sampled_matches():
    found = pgsearch.Found([], 5_000, exact=False, sampled_hits=pgsearch.TRUSTED_HITS)
    assert found.surely_above(1_000)
    assert not pgsearch.Found([], 5_000, exact=False, sampled_hits=6).surely_above(1_000)
    assert not pgsearch.Found([], 1_500, exact=False, sampled_hits=400).surely_above(1_000)
    assert pgsearch.Found([], 1_001, exact=True).surely_above(1_000)
