import pytest

from gongkai.publishing import search, services
from tests.publishing.helpers import published

pytestmark = pytest.mark.django_db


def test_segmentation_keeps_two_character_words():
    assert "政务" in search.segment("政务服务中心管理办公室")


def test_it_finds_an_item_by_a_two_and_a_four_character_query(agency_a, officer_a, leader_a):
    item = published(agency_a, officer_a, leader_a, title="周村区政务服务中心信息公开工作要点")
    published(agency_a, officer_a, leader_a, title="关于春季植树的通知", body="<p>植树造林</p>")
    for q in ("政务", "信息公开", "政务 要点"):
        results = search.search(q)
        assert [h.item.pk for h in results.hits] == [item.pk], q
    assert search.search("不存在的词语组合").total == 0


def test_it_highlights_and_escapes_the_snippet(agency_a, officer_a, leader_a):
    published(
        agency_a,
        officer_a,
        leader_a,
        title="政务公开",
        body="<p>&lt;b&gt;政务公开&lt;/b&gt;要点</p>",
    )
    hit = search.search("政务").hits[0]
    assert "<mark>政务</mark>" in hit.snippet and "<b>" not in hit.snippet


def test_a_withdrawn_item_disappears_from_search(agency_a, officer_a, leader_a):
    item = published(agency_a, officer_a, leader_a, title="政务公开目录")
    assert search.search("政务").total == 1
    services.withdraw(item, leader_a, "发布有误")
    assert search.search("政务").total == 0


def test_a_correction_reindexes(agency_a, officer_a, leader_a):
    item = published(agency_a, officer_a, leader_a, title="旧标题", body="<p>内容</p>")
    services.correct(item, leader_a, "更正标题", title="新的水利标题")
    assert search.search("水利").total == 1


def test_filters_narrow_the_results(agency_a, agency_b, officer_a, leader_a, officer_b):
    from gongkai.agencies.models import Membership

    published(agency_a, officer_a, leader_a, title="政务公开甲", kind="normative")
    leader_b = leader_a.__class__.objects.create_user("leader_b", password="x-password-123")
    Membership.objects.create(user=leader_b, agency=agency_b, role="leader")
    published(agency_b, officer_b, leader_b, title="政务公开乙")
    assert search.search("政务").total == 2
    assert search.search("政务", filters={"agency_id": agency_b.pk}).total == 1
    assert search.search("政务", filters={"kind": "normative"}).total == 1
    assert search.search("政务", filters={"year": 2001}).total == 0


def test_every_filter_and_their_combination(agency_a, officer_a, leader_a):
    from django.utils import timezone

    from gongkai.publishing.models import Term

    category = Term.objects.get(scheme="category", code="20-01")
    a = published(agency_a, officer_a, leader_a, title="水利规划", category=category)
    b = published(agency_a, officer_a, leader_a, title="水利工程", kind="normative")
    year = timezone.localtime(a.published_at).year
    cases = [
        ({"category_id": category.pk}, [a]),
        ({"kind": "normative"}, [b]),
        ({"year": year}, [b, a]),
        ({"year": year, "kind": "normative", "agency_id": agency_a.pk}, [b]),
        ({"year": year + 1}, []),
        ({"category_id": category.pk, "kind": "normative"}, []),
        ({"kind": None, "year": None}, [b, a]),  # empty filters are no filters
    ]
    for filters, expected in cases:
        hits = search.search("水利", filters=filters, order="date").hits
        assert [h.item.pk for h in hits] == [i.pk for i in expected], filters


def test_a_correction_moves_the_item_between_filters(agency_a, officer_a, leader_a):
    item = published(agency_a, officer_a, leader_a, title="水利通知")
    services.correct(item, leader_a, "更正类型", kind="normative")
    assert search.search("水利", filters={"kind": "normative"}).total == 1
    assert search.search("水利", filters={"kind": "general"}).total == 0


def test_the_migration_gives_old_entries_their_filter_words(agency_a, officer_a, leader_a):
    import importlib

    from django.apps import apps

    from gongkai.publishing.models import SearchEntry

    item = published(agency_a, officer_a, leader_a, title="水利通知", kind="normative")
    SearchEntry.objects.filter(item=item).update(words=" ".join(search.segment(item.title)))
    assert search.search("水利", filters={"kind": "normative"}).total == 0
    migration = importlib.import_module("gongkai.publishing.migrations.0005_search_filter_words")
    migration.add_filter_words(apps, None)
    migration.add_filter_words(apps, None)  # twice: the words are not doubled
    assert search.search("水利", filters={"kind": "normative"}).total == 1
    words = SearchEntry.objects.get(item=item).words.split()
    assert words.count(f"zzfa{agency_a.pk}") == 1


def test_query_syntax_is_never_interpreted(agency_a, officer_a, leader_a):
    published(agency_a, officer_a, leader_a, title="政务公开")
    for q in ('"', "政务 OR", "NEAR(政务", "*", "政务'; DROP TABLE x; --"):
        # neither an error nor a match the words do not make: at most the one item
        assert search.search(q).total in (0, 1)


def test_date_order_puts_the_newest_first_and_relevance_the_best_match(
    agency_a, officer_a, leader_a
):
    strong = published(agency_a, officer_a, leader_a, title="水利水利水利工程", body="<p>水利</p>")
    newest = published(agency_a, officer_a, leader_a, title="关于水利的通知", body="<p>其他</p>")
    assert [h.item.pk for h in search.search("水利", order="date").hits] == [newest.pk, strong.pk]
    assert search.search("水利").hits[0].item.pk == strong.pk


def test_counts_stop_at_the_cap(agency_a, officer_a, leader_a, monkeypatch):
    monkeypatch.setattr(search, "COUNT_CAP", 2)
    for _ in range(3):
        published(agency_a, officer_a, leader_a, title="政务公开")
    results = search.search("政务")
    assert results.total == 2 and results.capped and len(results.hits) == 2
    # No page starts beyond the cap: such offsets would only cost time.
    assert (
        search.search("政务", offset=2).hits == [] and search.search("政务", offset=99).total == 2
    )


class _Doc:
    def __init__(self, text):
        self.summary, self.body_text = "", text


from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@given(st.text(max_size=300), st.lists(st.text(min_size=1, max_size=5), min_size=1, max_size=4))
def test_snippets_never_carry_markup_from_the_text(text, tokens):
    import re as _re

    snippet = str(search.highlight(_Doc(text), tokens))
    assert _re.sub(r"</?mark>", "", snippet).count("<") == 0


@given(st.text(max_size=60))
def test_any_query_becomes_safe_fts5_syntax(q):
    expr = search._fts5_query(search.query_tokens(q))
    # every token is one double-quoted phrase; quotes inside are doubled
    for part in filter(None, expr.split(" AND ")):
        assert part.startswith('"') and part.endswith('"')
        assert '"' not in part[1:-1].replace('""', "")


def test_relevance_pages_come_from_one_ranking(agency_a, officer_a, leader_a, monkeypatch):
    monkeypatch.setattr(search, "CANDIDATES", 3)
    items = [
        published(agency_a, officer_a, leader_a, title="水利" * (n % 3 + 1), body="<p>其他</p>")
        for n in range(7)
    ]
    seen = []
    for offset in range(0, 8, 2):
        seen += [h.item.pk for h in search.search("水利", limit=2, offset=offset).hits]
    assert sorted(seen) == sorted(i.pk for i in items)  # every item once: none twice, none lost
    newest_first = [i.pk for i in reversed(items)]
    assert set(seen[:3]) == set(newest_first[:3])  # the newest three, ranked…
    assert seen[3:] == newest_first[3:]  # …then the rest by date


def test_the_year_filter_is_the_year_in_china(agency_a, officer_a, leader_a):
    import datetime as dt

    item = published(agency_a, officer_a, leader_a, title="跨年水利通知")
    item.published_at = dt.datetime(2024, 12, 31, 20, 0, tzinfo=dt.UTC)  # 2025-01-01 04:00 北京
    item.save(update_fields=["published_at"])
    search.index_item(item)
    assert search.search("水利", filters={"year": 2025}).total == 1
    assert search.search("水利", filters={"year": 2024}).total == 0


def test_text_can_never_pass_a_filter(agency_a, agency_b, officer_a, leader_a):
    published(
        agency_a, officer_a, leader_a, title="水利", body=f"<p>zzfa{agency_b.pk} zzfkrule</p>"
    )
    assert search.search("水利", filters={"agency_id": agency_b.pk}).total == 0
    assert search.search("水利", filters={"kind": "rule"}).total == 0
