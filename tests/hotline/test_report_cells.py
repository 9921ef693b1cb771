"""Changing one ticket's outcome, or one topic's response, moves exactly the expected figures.

Every key of every report format is computed through the reports' compute path
(gongkai.reports.compute, all apps' contributors) before and after one change, together with
the hotline statistics the report's narrative quotes; the test asserts the exact set of keys
that changed and their new values — nothing else may move.

A ticket's outcome (callback, rework, close) is not a cell of any annual-report table: the
2014 table's 回应解读 rows count topics and their responses (hotline/figures.py). So a ticket
change must leave every report cell as it was and move only the statistics it should.
"""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.hotline import topics
from gongkai.hotline.choices import ResponseKind
from gongkai.hotline.models import Response, Topic
from gongkai.hotline.services import ASSIGNMENT, TICKET
from gongkai.hotline.stats import period, stats
from gongkai.reports.compute import compute
from gongkai.reports.formats import FORMATS

from .helpers import new_ticket

pytestmark = pytest.mark.django_db


def figures(agency, year: int) -> dict:
    """{(source, key): value} for every key the reports can compute and every hotline figure."""
    out = {}
    for fmt in FORMATS:
        for key, (value, _source) in compute([agency.pk], year, fmt).items():
            out[(fmt, key)] = value
    for key, value in stats([agency.pk], *period(year)).items():
        if isinstance(value, dict):
            out.update({("stats", f"{key}.{k}"): v for k, v in value.items()})
        else:
            out[("stats", key)] = value
    return out


def moved(before: dict, after: dict) -> dict:
    """{key: (before, after)} for the keys whose value changed, appeared or disappeared."""
    return {
        k: (before.get(k), after.get(k))
        for k in before.keys() | after.keys()
        if before.get(k) != after.get(k)
    }


def _replied(centre, body, officer_c, officer_b):
    t = new_ticket(centre).ticket
    TICKET.run("dispatch", t, {"body": body.pk}, actor=officer_c)
    asg = t.assignments.get()
    ASSIGNMENT.run("sign", asg, actor=officer_b)
    asg.refresh_from_db()
    ASSIGNMENT.run("reply", asg, {"reply": "已处理"}, actor=officer_b)
    t.refresh_from_db()
    return t


@pytest.fixture
def world(agency_a, agency_b, officer_a, officer_b):
    """Four tickets of this year at centre A (one 直办, three replied by body B, one of them
    called back 满意 and closed) and two topics answered by 其他方式."""
    year = date.today().year
    direct = new_ticket(agency_a, type="consult").ticket
    TICKET.run("answer", direct, {"answer": "已答复"}, actor=officer_a)
    done = _replied(agency_a, agency_b, officer_a, officer_b)
    TICKET.run("callback", done, {"result": "satisfied"}, actor=officer_a)
    done.refresh_from_db()
    TICKET.run("close", done, {}, actor=officer_a)
    open_ = _replied(agency_a, agency_b, officer_a, officer_b)
    _replied(agency_a, agency_b, officer_a, officer_b)
    t1 = Topic.objects.create(
        agency=agency_a, title="供暖不热", first_on=date(year, 1, 2), last_on=date(year, 1, 9)
    )
    t2 = Topic.objects.create(
        agency=agency_a, title="公交线路", first_on=date(year, 1, 3), last_on=date(year, 1, 3)
    )
    for t in (t1, t2):
        topics.respond(t, actor=officer_a, kind=ResponseKind.OTHER, on=date(year, 1, 10))
    return {"year": year, "open": open_, "topics": (t1, t2)}


def test_the_world_is_what_the_other_tests_assume(world, agency_a):
    f = figures(agency_a, world["year"])
    assert f[("2014", "resp.total")] == 2 and f[("2014", "resp.other")] == 2
    assert ("2014", "resp.press") not in f  # never used: left for the officer to enter
    assert f[("stats", "received")] == 4
    assert f[("stats", "satisfaction_rate")] == 1.0 and f[("stats", "rework_rate")] == 0.0


def test_a_callback_moves_only_the_satisfaction_figures(world, agency_a, officer_a):
    year, ticket = world["year"], world["open"]
    before = figures(agency_a, year)
    TICKET.run("callback", ticket, {"result": "dissatisfied"}, actor=officer_a)
    after = figures(agency_a, year)
    # 1 of 1 reached callers satisfied -> 1 of 2; no report cell moves.
    assert moved(before, after) == {("stats", "satisfaction_rate"): (1.0, 0.5)}


def test_a_rework_and_close_move_only_their_rates(world, agency_a, officer_a, officer_b):
    year, ticket = world["year"], world["open"]
    TICKET.run("callback", ticket, {"result": "dissatisfied"}, actor=officer_a)
    ticket.refresh_from_db()
    before = figures(agency_a, year)
    TICKET.run("rework", ticket, {"reason": "未解决"}, actor=officer_a)
    # The rework clears the last callback (it judged the old reply), so 1 of 1 reached callers
    # is satisfied again; the reworked ticket's old reply no longer counts as on time (its
    # closed_late is unknown until the new reply) but it stays replied: 3 of 4 on time.
    assert moved(before, figures(agency_a, year)) == {
        ("stats", "satisfaction_rate"): (0.5, 1.0),
        ("stats", "on_time_close_rate"): (1.0, 0.75),
    }
    asg = ticket.assignments.get()
    ASSIGNMENT.run("reply", asg, {"reply": "已解决"}, actor=officer_b)
    ticket.refresh_from_db()
    TICKET.run("callback", ticket, {"result": "satisfied"}, actor=officer_a)
    ticket.refresh_from_db()
    before_close = figures(agency_a, year)
    TICKET.run("close", ticket, {}, actor=officer_a)
    after_close = figures(agency_a, year)
    # 2 closed, none reworked -> 3 closed, one of them reworked; nothing else.
    assert moved(before_close, after_close) == {("stats", "rework_rate"): (0.0, 0.3333)}


def test_a_first_response_to_a_topic_moves_total_and_its_way(world, agency_a, officer_a):
    year = world["year"]
    fresh = Topic.objects.create(
        agency=agency_a, title="噪声扰民", first_on=date(year, 2, 1), last_on=date(year, 2, 1)
    )
    before = figures(agency_a, year)
    topics.respond(fresh, actor=officer_a, kind=ResponseKind.OTHER, on=date(year, 2, 3))
    assert moved(before, figures(agency_a, year)) == {
        ("2014", "resp.total"): (2, 3),
        ("2014", "resp.other"): (2, 3),
    }


def test_a_second_way_counts_the_topic_once(world, agency_a, officer_a):
    year, (t1, _) = world["year"], world["topics"]
    before = figures(agency_a, year)
    topics.respond(t1, actor=officer_a, kind=ResponseKind.PRESS, on=date(year, 1, 12), leader=True)
    # The topic was answered already: resp.total stays; the press rows appear (before: blank).
    assert moved(before, figures(agency_a, year)) == {
        ("2014", "resp.press"): (None, 1),
        ("2014", "resp.press_leader"): (None, 1),
    }


def test_changing_a_responses_way_moves_one_row_to_another(world, agency_a, officer_a):
    year, (t1, t2) = world["year"], world["topics"]
    topics.respond(t2, actor=officer_a, kind=ResponseKind.SOCIAL, on=date(year, 1, 11))
    before = figures(agency_a, year)
    Response.objects.filter(topic=t1, kind=ResponseKind.OTHER).update(kind=ResponseKind.SOCIAL)
    assert moved(before, figures(agency_a, year)) == {
        ("2014", "resp.other"): (2, 1),
        ("2014", "resp.social"): (1, 2),
    }


def test_merging_two_answered_topics_counts_them_once(world, agency_a, officer_a):
    year, (t1, t2) = world["year"], world["topics"]
    before = figures(agency_a, year)
    topics.merge(t1, t2, actor=officer_a)
    # Both responses now belong to one topic: one topic fewer, the responses unchanged.
    assert moved(before, figures(agency_a, year)) == {("2014", "resp.total"): (2, 1)}


def test_a_response_in_another_year_moves_nothing_this_year(world, agency_a, officer_a):
    year, (t1, _) = world["year"], world["topics"]
    before = figures(agency_a, year)
    topics.respond(t1, actor=officer_a, kind=ResponseKind.OTHER, on=date(year - 1, 12, 30))
    assert moved(before, figures(agency_a, year)) == {}
    assert figures(agency_a, year - 1)[("2014", "resp.total")] == 1
