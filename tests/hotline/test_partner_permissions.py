"""The partner directory and the CTI screen pop, for every persona; and referral as a step."""

import pytest

from gongkai.hotline.models import Partner, Referral
from gongkai.hotline.services import TICKET
from gongkai.workflow.steps import StepError
from tests.applications.test_permissions import LOGIN, PERSONAS, check, persona

from .helpers import new_ticket

pytestmark = pytest.mark.django_db

COVERED_URL_NAMES = {
    "hotline_manage:partners",
    "hotline_manage:partner_new",
    "hotline_manage:partner_edit",
    "hotline_manage:cti_next",
    "hotline_manage:analysis",
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
NEW = {**LIST, "reviewer_a": 403, "leader_a": 403, "supervisor": 403}
EDIT = {**NEW, "officer_b": 404, "reviewer_a": 403, "leader_a": 403}


@pytest.fixture
def partner(agency_a):
    return Partner.objects.create(
        agency=agency_a,
        kind=Partner.Kind.ENTERPRISE,
        name="安康居家养老服务公司",
        services="上门助餐、助浴",
        phone="0533-6000000",
    )


@pytest.mark.parametrize("who", PERSONAS)
def test_directory_pages_answer_each_persona(request, client_for, partner, who):
    client = client_for(persona(request, who))
    check(client.get("/manage/hotline/partners/"), LIST[who])
    check(client.get("/manage/hotline/partners/new/"), NEW[who])
    check(client.get(f"/manage/hotline/partners/{partner.pk}/"), EDIT[who])
    check(client.get("/manage/hotline/cti/next"), LIST[who])
    check(client.get("/manage/hotline/analysis/?year=2026&month=11"), LIST[who])


def test_an_officer_adds_a_partner_and_the_save_is_audited(client_for, officer_a, agency_a):
    from gongkai.audit.models import Event

    client = client_for(officer_a)
    response = client.post(
        "/manage/hotline/partners/new/",
        {"kind": "volunteer", "name": "区志愿服务中心", "services": "助老", "is_active": "on"},
    )
    assert response.status_code == 302
    partner = Partner.objects.get(name="区志愿服务中心")
    assert partner.agency == agency_a
    assert Event.objects.filter(action="hotline.partner.save", actor=officer_a).exists()
    bad = client.post("/manage/hotline/partners/new/", {"kind": "volunteer", "name": ""})
    assert bad.status_code == 200 and Partner.objects.count() == 1


def test_referral_is_a_step_with_its_outcome(agency_a, officer_a, reviewer_a, partner):
    ticket = new_ticket(agency_a, actor=officer_a).ticket
    assert "refer-result" not in [s.name for s in TICKET.available(ticket, officer_a)]
    with pytest.raises(StepError):
        TICKET.run("refer", ticket, {}, actor=officer_a)
    TICKET.run("refer", ticket, {"partner": partner.pk, "note": "需上门助餐"}, actor=officer_a)
    assert "refer-result" in [s.name for s in TICKET.available(ticket, officer_a)]
    TICKET.run("refer-result", ticket, {"outcome": "served"}, actor=officer_a)
    referral = Referral.objects.get()
    assert referral.outcome == "served" and referral.referred_by == officer_a
    from gongkai.audit.models import Event

    event = Event.objects.get(action="hotline.ticket.refer_result")
    assert event.object_id == str(ticket.pk) and event.actor == officer_a
    assert event.before == {"outcome": "", "outcome_note": ""}
    assert event.after == {"referral": referral.pk, "outcome": "served", "outcome_note": ""}
    with pytest.raises(StepError, match="没有待反馈的转介"):
        TICKET.run("refer-result", ticket, {"outcome": "served"}, actor=officer_a)


def test_a_partner_of_another_centre_cannot_be_referred_to(agency_a, agency_b, officer_a):
    elsewhere = Partner.objects.create(agency=agency_b, kind="enterprise", name="外区公司")
    ticket = new_ticket(agency_a, actor=officer_a).ticket
    with pytest.raises(StepError) as refused:
        TICKET.run("refer", ticket, {"partner": elsewhere.pk}, actor=officer_a)
    assert "partner" in refused.value.errors and not Referral.objects.exists()
