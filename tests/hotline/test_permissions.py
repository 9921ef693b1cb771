"""Every hotline staff page and step, for every persona: 200/302/login/403/404.

The centre is agency_a (officer_a takes calls, reviewer_a approves extensions); the body is
agency_b (officer_b signs for and replies)."""

import pytest

from gongkai.hotline.services import TICKET
from tests.applications.test_permissions import LOGIN, PERSONAS, check, persona

from .helpers import new_ticket

pytestmark = pytest.mark.django_db

COVERED_URL_NAMES = {
    "hotline_manage:queue",
    "hotline_manage:register",
    "hotline_manage:callers",
    "hotline_manage:ticket",
    "hotline_manage:unmask",
    "hotline_manage:ticket_step",
    "hotline_manage:body_queue",
    "hotline_manage:assignment",
    "hotline_manage:assignment_step",
    "hotline_manage:topics",
    "hotline_manage:topics_group",
    "hotline_manage:topic",
    "hotline_manage:topic_respond",
    "hotline_manage:topic_merge",
    "hotline_manage:topic_split",
}
LIST = {
    "anonymous": LOGIN,
    "citizen": 403,
    "officer_a": 200,
    "reviewer_a": 200,
    "leader_a": 200,
    "officer_b": 200,
    "supervisor": 200,
    "admin_user": 200,
}
REGISTER = {**LIST, "reviewer_a": 403, "leader_a": 403, "supervisor": 403}
CENTRE_VIEW = {**LIST, "officer_b": 404}
CENTRE_EDIT = {
    **CENTRE_VIEW,
    "officer_a": 302,
    "reviewer_a": 403,
    "leader_a": 403,
    "supervisor": 403,
    "admin_user": 302,
}
UNMASK = {**CENTRE_EDIT, "reviewer_a": 404, "leader_a": 404, "supervisor": 404}
BODY_VIEW = {**LIST, "officer_a": 404, "reviewer_a": 404, "leader_a": 404}
BODY_EDIT = {**BODY_VIEW, "officer_b": 302, "supervisor": 403, "admin_user": 302}


@pytest.fixture
def dispatched(agency_a, agency_b, officer_a):
    t = new_ticket(agency_a, actor=officer_a).ticket
    TICKET.run("dispatch", t, {"body": agency_b.pk}, actor=officer_a)
    t.refresh_from_db()
    return t


@pytest.mark.parametrize("who", PERSONAS)
def test_every_page_answers_each_persona_as_the_roles_say(
    request, client_for, dispatched, agency_a, who
):
    client = client_for(persona(request, who))
    asg = dispatched.assignments.get()
    for url, table in [
        ("/manage/hotline/", LIST),
        ("/manage/hotline/?status=all&type=complaint&overdue=1", LIST),
        ("/manage/hotline/new/", REGISTER),
        (f"/manage/hotline/callers/?centre={agency_a.code}&phone=13805331234", LIST),
        (f"/manage/hotline/{dispatched.pk}/", CENTRE_VIEW),
        ("/manage/hotline/assignments/", LIST),
        (f"/manage/hotline/assignments/{asg.pk}/", BODY_VIEW),
    ]:
        check(client.get(url), table[who])


@pytest.mark.parametrize("who", PERSONAS)
def test_only_editors_of_the_centre_or_body_unmask_a_number(request, client_for, dispatched, who):
    table = {**UNMASK, "officer_b": 302}  # the body holding the ticket may call the caller
    check(
        client_for(persona(request, who)).post(f"/manage/hotline/{dispatched.pk}/unmask/"),
        table[who],
    )


@pytest.mark.parametrize("who", PERSONAS)
def test_a_centre_step_is_for_the_centres_editors(
    request, client_for, agency_a, agency_b, officer_a, who
):
    t = new_ticket(agency_a).ticket
    response = client_for(persona(request, who)).post(
        f"/manage/hotline/{t.pk}/steps/dispatch/", {"body": agency_b.pk}
    )
    check(response, CENTRE_EDIT[who])
    assert t.assignments.exists() == (CENTRE_EDIT[who] == 302)


@pytest.mark.parametrize("who", PERSONAS)
def test_a_body_step_is_for_the_bodys_editors(request, client_for, dispatched, who):
    asg = dispatched.assignments.get()
    response = client_for(persona(request, who)).post(
        f"/manage/hotline/assignments/{asg.pk}/steps/sign/"
    )
    check(response, BODY_EDIT[who])
    asg.refresh_from_db()
    assert (asg.status == "signed") == (BODY_EDIT[who] == 302)


@pytest.mark.parametrize("who", PERSONAS)
def test_the_staff_step_api_follows_the_same_scope(request, client_for, dispatched, who):
    response = client_for(persona(request, who)).get(
        f"/api/v1/manage/hotline/tickets/{dispatched.pk}/steps"
    )
    expected = {LOGIN: 401, 403: 401}.get(CENTRE_VIEW[who], CENTRE_VIEW[who])
    assert response.status_code == expected


@pytest.fixture
def topic(agency_a):
    from datetime import date

    from gongkai.hotline.models import Topic

    return Topic.objects.create(
        agency=agency_a, title="供暖", first_on=date(2024, 1, 2), last_on=date(2024, 1, 2)
    )


@pytest.mark.parametrize("who", PERSONAS)
def test_topic_pages_and_changes_follow_the_centres_roles(
    request, client_for, topic, agency_a, who
):
    from gongkai.hotline.models import Topic

    client = client_for(persona(request, who))
    check(client.get("/manage/hotline/topics/"), LIST[who])
    check(client.get(f"/manage/hotline/topics/{topic.pk}/"), CENTRE_VIEW[who])
    other = Topic.objects.create(
        agency=agency_a, title="x", first_on=topic.first_on, last_on=topic.last_on
    )
    for url, data in [
        (f"/manage/hotline/topics/{topic.pk}/split/", {"title": "新"}),
        (f"/manage/hotline/topics/{topic.pk}/merge/", {"other": other.pk}),
        (f"/manage/hotline/topics/{topic.pk}/respond/", {"kind": "other", "on": "2024-01-05"}),
    ]:
        check(client.post(url, data), CENTRE_EDIT[who])
    assert topic.responses.exists() == (CENTRE_EDIT[who] == 302)
    group = {
        **LIST,
        "officer_a": 302,
        "reviewer_a": 302,
        "leader_a": 302,
        "officer_b": 302,
        "supervisor": 302,
        "admin_user": 302,
    }
    check(client.post("/manage/hotline/topics/group/", {"centre": agency_a.code}), group[who])
