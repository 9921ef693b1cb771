"""Hot topics: grouping by keywords + category + window, merge, split, responses, the report."""

from datetime import date

import pytest

from gongkai.audit.models import Event
from gongkai.hotline import figures, topics
from gongkai.hotline.models import Ticket, Topic

from .helpers import new_ticket

pytestmark = pytest.mark.django_db


def heating(agency, n, **kw):
    return [
        new_ticket(
            agency,
            content=f"小区供暖温度不达标，暖气片不热，第{i}户",
            category=_cat("utilities-heat"),
            **kw,
        ).ticket
        for i in range(n)
    ]


def _cat(code):
    from gongkai.hotline.models import Category

    return Category.objects.get(code=code)


def test_grouping_makes_a_topic_of_similar_tickets_only(agency_a, officer_a):
    similar = heating(agency_a, 3)
    new_ticket(agency_a, content="公交车司机服务态度差", category=_cat("traffic-bus"))
    today = similar[0].received_on
    made = topics.group(agency_a, today, today, actor=officer_a)
    assert len(made) == 1
    topic = made[0]
    assert set(topic.tickets.values_list("pk", flat=True)) == {t.pk for t in similar}
    assert "供暖" in topic.keywords and topic.category.code == "utilities"
    assert topics.group(agency_a, today, today, actor=officer_a) == []  # grouped tickets stay put
    assert Event.objects.filter(action="hotline.topic.create").count() == 1


def test_merge_and_split_and_a_topic_counts_once(agency_a, officer_a):
    a = Topic.objects.create(
        agency=agency_a, title="供暖", first_on=date(2024, 1, 2), last_on=date(2024, 1, 5)
    )
    b = Topic.objects.create(
        agency=agency_a, title="暖气不热", first_on=date(2024, 1, 4), last_on=date(2024, 1, 8)
    )
    tickets = heating(agency_a, 4)
    Ticket.objects.filter(pk__in=[t.pk for t in tickets[:2]]).update(topic=a)
    Ticket.objects.filter(pk__in=[t.pk for t in tickets[2:]]).update(topic=b)
    topics.respond(a, actor=officer_a, kind="other", on=date(2024, 1, 6))
    topics.respond(b, actor=officer_a, kind="press", on=date(2024, 1, 9), leader=True)
    assert figures.contribute([agency_a.pk], 2024, "2014")["resp.total"] == 2
    topics.merge(a, b, actor=officer_a)
    got = figures.contribute([agency_a.pk], 2024, "2014")
    assert got["resp.total"] == 1 and got["resp.other"] == 1 and got["resp.press_leader"] == 1
    assert a.tickets.count() == 4 and Topic.objects.get(pk=b.pk).merged_into_id == a.pk
    with pytest.raises(topics.TopicError):
        topics.merge(a, b, actor=officer_a)
    new = topics.split(a, [tickets[0].pk], "一号楼供暖", actor=officer_a)
    assert list(new.tickets.values_list("pk", flat=True)) == [tickets[0].pk]
    with pytest.raises(topics.TopicError, match="属于该话题"):
        topics.split(a, [tickets[0].pk], "x", actor=officer_a)


def test_responses_follow_the_2014_rules(agency_a, officer_a):
    t = Topic.objects.create(
        agency=agency_a, title="x", first_on=date(2024, 1, 2), last_on=date(2024, 1, 2)
    )
    with pytest.raises(topics.TopicError, match="解读稿件"):
        topics.respond(t, actor=officer_a, kind="interpretation", on=date(2024, 1, 3))
    with pytest.raises(topics.TopicError, match="主要负责同志"):
        topics.respond(t, actor=officer_a, kind="social", on=date(2024, 1, 3), leader=True)
    with pytest.raises(topics.TopicError, match="回应方式"):
        topics.respond(t, actor=officer_a, kind="rumour", on=date(2024, 1, 3))


def test_topic_pages(client_for, agency_a, officer_a, officer_b):
    t = Topic.objects.create(
        agency=agency_a, title="供暖", first_on=date(2024, 1, 2), last_on=date(2024, 1, 2)
    )
    c = client_for(officer_a)
    assert "供暖" in c.get("/manage/hotline/topics/").content.decode()
    r = c.post(
        f"/manage/hotline/topics/{t.pk}/respond/",
        {"kind": "interview", "on": "2024-01-05", "leader": "on"},
    )
    assert r.status_code == 302 and t.responses.get().leader
    assert client_for(officer_b).get(f"/manage/hotline/topics/{t.pk}/").status_code == 404
    assert (
        client_for(officer_b)
        .post(f"/manage/hotline/topics/{t.pk}/respond/", {"kind": "other", "on": "2024-01-05"})
        .status_code
        == 404
    )


def test_a_refused_response_comes_back_with_its_errors_beside_the_fields(
    client_for, agency_a, officer_a
):
    t = Topic.objects.create(
        agency=agency_a, title="供暖", first_on=date(2024, 1, 2), last_on=date(2024, 1, 2)
    )
    r = client_for(officer_a).post(
        f"/manage/hotline/topics/{t.pk}/respond/", {"kind": "interview", "note": "已答复"}
    )
    page = r.content.decode()
    assert r.status_code == 400 and not t.responses.exists()
    assert "error-summary" in page and 'href="#id_on"' in page and "请填写回应日期" in page
    assert 'value="已答复"' in page  # what was typed stays
