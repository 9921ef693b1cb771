"""Telephony: a call start with the caller's number opens that caller's history on the agent's
screen; imported call records give 接通率."""

import datetime as dt

import pytest
from django.test import Client

from gongkai.hotline.channels.cti import connect_rate, import_calls
from gongkai.hotline.models import Call, PartnerSystem

pytestmark = pytest.mark.django_db


@pytest.fixture
def cti_key(agency_a):
    return PartnerSystem.issue(agency_a, "话务平台", PartnerSystem.Kind.CTI)[1]


def event(key, **data):
    return Client().post(
        "/hotline/cti/calls",
        data,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )


def test_an_answered_call_pops_up_once_on_that_agents_screen(cti_key, officer_a, reviewer_a):
    assert event(cti_key, call_id="c1", caller="13805331234").status_code == 200
    assert event(cti_key, call_id="c1", event="answer", agent=officer_a.username).json()["answered"]
    agent = Client()
    agent.force_login(officer_a)
    url = agent.get("/manage/hotline/cti/next").json()["url"]
    assert "phone=13805331234" in url and agent.get(url).status_code == 200
    assert agent.get("/manage/hotline/cti/next").json()["url"] is None
    other = Client()
    other.force_login(reviewer_a)
    assert other.get("/manage/hotline/cti/next").json()["url"] is None


def test_call_events_need_the_systems_key(cti_key):
    assert event("nope", call_id="c1").status_code == 401
    assert event(cti_key, call_id="").status_code == 400
    assert event(cti_key, call_id="c2", event="hangup").status_code == 400
    assert not Call.objects.exists()


def test_call_records_give_the_connect_rate_and_import_once(agency_a):
    csv_text = (
        "call_id,started_at,caller,answered,duration,agent\n"
        "r1,2026-11-02 09:00:00,13800000001,是,120,a\n"
        "r2,2026-11-02 09:05:00,13800000002,否,0,\n"
        "r3,2026-11-03 10:00:00,13800000003,1,60,b\n"
        "r4,2026-11-03 10:30:00,13800000004,1,30,b\n"
    )
    assert import_calls(agency_a, csv_text).created == 4
    assert import_calls(agency_a, csv_text).created == 0
    rate = connect_rate([agency_a.pk], dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    assert rate == {"incoming": 4, "answered": 3, "connect_rate": 0.75}
    assert (
        connect_rate([agency_a.pk], dt.date(2026, 10, 1), dt.date(2026, 10, 31))["connect_rate"]
        is None
    )
    bad = import_calls(agency_a, "call_id,started_at,answered\nx,not-a-time,1\n")
    assert bad.errors and "第 2 行" in bad.errors[0]
