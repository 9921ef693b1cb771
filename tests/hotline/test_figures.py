"""Figures: `gongkai hotline stats`, the 2014 `resp.*` keys, and the seed's 2017 demo."""

import json
from datetime import date

import pytest

from gongkai.hotline import figures
from gongkai.hotline.choices import ResponseKind
from gongkai.hotline.models import Response, Topic
from gongkai.hotline.services import ASSIGNMENT, TICKET
from gongkai.hotline.stats import period, stats

from .helpers import new_ticket

pytestmark = pytest.mark.django_db


def run_cli(capsys, *args):
    from gongkai.cli import main

    with pytest.raises(SystemExit) as exc:
        main(list(args))
    out, err = capsys.readouterr()
    return exc.value.code, out, err


def test_rates_are_null_when_undefined(agency_a):
    s = stats([agency_a.pk], *period(2030))
    assert s["received"] == 0
    assert all(
        s[k] is None for k in ("direct_rate", "reply_rate", "satisfaction_rate", "rework_rate")
    )


def test_stats_follow_the_tickets(agency_a, agency_b, officer_a, officer_b):
    direct = new_ticket(agency_a, type="consult").ticket
    TICKET.run("answer", direct, {"answer": "已答复"}, actor=officer_a)
    t = new_ticket(agency_a, channel="web").ticket
    TICKET.run("dispatch", t, {"body": agency_b.pk}, actor=officer_a)
    asg = t.assignments.get()
    ASSIGNMENT.run("sign", asg, actor=officer_b)
    asg.refresh_from_db()
    ASSIGNMENT.run("reply", asg, {"reply": "已处理"}, actor=officer_b)
    t.refresh_from_db()
    TICKET.run("callback", t, {"result": "dissatisfied"}, actor=officer_a)
    t.refresh_from_db()
    TICKET.run("rework", t, {"reason": "未解决"}, actor=officer_a)
    asg.refresh_from_db()
    ASSIGNMENT.run("reply", asg, {"reply": "已解决"}, actor=officer_b)
    t.refresh_from_db()
    TICKET.run("callback", t, {"result": "basically"}, actor=officer_a)
    t.refresh_from_db()
    TICKET.run("close", t, {}, actor=officer_a)
    dup = new_ticket(agency_a).ticket
    dup.duplicate_of = t
    dup.save()  # a merged duplicate counts once, in the ticket it was merged into
    s = stats([agency_a.pk], *period(t.received_on.year))
    assert s["received"] == 2
    assert s["by_channel"]["phone"] == 1 and s["by_channel"]["web"] == 1
    assert s["by_type"] == {**s["by_type"], "consult": 1, "complaint": 1}
    assert s["by_category"] == {"housing": 2}
    assert s["direct_rate"] == 0.5
    assert s["on_time_sign_rate"] == 1.0 and s["reply_rate"] == 1.0
    assert s["on_time_close_rate"] == 1.0
    assert s["satisfaction_rate"] == 1.0  # the last callback counts
    assert s["rework_rate"] == 0.5


def test_the_stats_command_prints_json_and_text(capsys, agency_a):
    new_ticket(agency_a)
    year = str(date.today().year)
    code, out, _ = run_cli(
        capsys, "hotline", "stats", "--agency", agency_a.name, "--year", year, "--json"
    )
    assert code == 0
    data = json.loads(out)
    assert data["received"] == 1 and data["direct_rate"] == 0.0 and data["reply_rate"] is None
    assert set(data) == {
        "received",
        "by_channel",
        "by_type",
        "by_category",
        "direct_rate",
        "on_time_sign_rate",
        "on_time_close_rate",
        "reply_rate",
        "satisfaction_rate",
        "rework_rate",
    }
    code, out, _ = run_cli(capsys, "hotline", "stats", "--agency", agency_a.code, "--year", year)
    assert code == 0 and "受理量：1 件" in out and "回复率：—" in out
    code, _, err = run_cli(capsys, "hotline", "stats", "--agency", "不存在", "--year", year)
    assert code == 2 and "不存在" in err
    code, _, err = run_cli(
        capsys, "hotline", "stats", "--agency", agency_a.code, "--year", year, "--month", "13"
    )
    assert code == 2 and "月份" in err


def test_resp_keys_count_a_topic_once_and_leave_unknown_ways_out(agency_a):
    assert figures.contribute([agency_a.pk], 2024, "2014") == {}
    topic = Topic.objects.create(
        agency=agency_a, title="供暖不热", first_on=date(2024, 1, 5), last_on=date(2024, 1, 9)
    )
    Response.objects.create(topic=topic, kind=ResponseKind.OTHER, on=date(2024, 1, 9))
    Response.objects.create(topic=topic, kind=ResponseKind.PRESS, on=date(2024, 1, 10), leader=True)
    other = Topic.objects.create(
        agency=agency_a, title="公交线路", first_on=date(2024, 3, 1), last_on=date(2024, 3, 1)
    )
    Response.objects.create(topic=other, kind=ResponseKind.OTHER, on=date(2024, 3, 2))
    got = figures.contribute([agency_a.pk], 2024, "2014")
    assert got == {
        "resp.total": 2,
        "resp.press": 1,
        "resp.press_leader": 1,
        "resp.other": 2,
    }
    assert figures.contribute([agency_a.pk], 2024, "2021") == {}
    assert figures.contribute([agency_a.pk], 2023, "2014")["resp.total"] == 0
