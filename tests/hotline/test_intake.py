"""Intake on the API, the portal form and the agent form; numbers, codes, tracking, privacy."""

import json

import pytest

from gongkai.audit.models import Event
from gongkai.hotline import intake, limits
from gongkai.hotline.models import Ticket, hash_code

from .helpers import agent_call, caller_data, new_ticket

pytestmark = pytest.mark.django_db
API = "/api/v1/hotline/tickets"


def post_json(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


def test_the_api_takes_a_ticket_anonymously_and_answers_the_contract(client, agency_a):
    r = post_json(
        client,
        API,
        {
            "agency": agency_a.code,
            "name": "王五",
            "phone": "13900001111",
            "type": "consult",
            "category": "policy-services",
            "content": "请问居住证怎么办理？",
            "public_consent": True,
        },
    )
    assert r.status_code == 201, r.content
    body = r.json()
    assert set(body) == {"ticket_no", "code", "received_at", "due_on"}
    t = Ticket.objects.get()
    assert body["ticket_no"] == t.ticket_no == f"RX-BODY-A-{t.received_on.year}-000001"
    assert t.code_hash == hash_code(t.ticket_no, body["code"]) and body["code"] not in t.code_hash
    assert body["due_on"] == limits.close_due(t.received_on, "consult").isoformat()
    assert t.channel == "api" and t.public_consent and t.category.code == "policy-services"
    assert Event.objects.filter(action="hotline.ticket.receive", object_id=str(t.pk)).count() == 1


def test_bad_api_input_gets_chinese_field_errors_and_writes_nothing(client, agency_a):
    r = post_json(
        client, API, {"agency": "nope", "type": "rumour", "content": "短", "category": "x"}
    )
    assert r.status_code == 400
    errors = r.json()["errors"]
    assert errors["agency"] == ["受理机关“nope”不存在"]
    assert errors["type"] == ["诉求类型不正确"]
    assert errors["phone"] == ["请填写联系电话"]
    assert "分类不存在" in errors["category"][0]
    assert "过短" in errors["content"][0]
    assert not Ticket.objects.exists()


def test_numbers_are_gap_free_and_a_failed_intake_gives_its_number_back(agency_a, monkeypatch):
    first = new_ticket(agency_a).ticket

    def boom(*a, **k):
        raise RuntimeError("disk full")

    monkeypatch.setattr("gongkai.hotline.intake.record", boom)
    with pytest.raises(RuntimeError):
        new_ticket(agency_a)
    monkeypatch.undo()
    second = new_ticket(agency_a).ticket
    assert [first.ticket_no[-6:], second.ticket_no[-6:]] == ["000001", "000002"]
    assert Ticket.objects.count() == 2


def test_tracking_needs_the_right_code_and_shows_no_personal_data(client, agency_a):
    receipt = new_ticket(agency_a)
    url = f"{API}/track"
    ok = client.get(url, {"ticket_no": receipt.ticket.ticket_no, "code": receipt.code})
    assert ok.status_code == 200 and ok.json()["status"] == "received"
    text = ok.content.decode()
    for secret in ("李四", "13805331234", "某小区"):
        assert secret not in text
    bad = client.get(url, {"ticket_no": receipt.ticket.ticket_no, "code": "WRONGCOD"})
    assert bad.status_code == 404 and bad.json()["detail"].startswith("工单编号或查询码不正确")
    # The rest of the throttling is in test_abuse.py.


def test_the_portal_form_acknowledges_after_commit_and_tracks(client, agency_a):
    r = client.post(
        f"/xxgk/{agency_a.code}/rx/",
        {
            "name": "赵六",
            "phone": "13700002222",
            "type": "suggestion",
            "content": "建议在丝绸路增设公交站点。",
            "mailbox": "on",
        },
    )
    assert r.status_code == 302
    page = client.get(r["Location"])
    t = Ticket.objects.get()
    assert t.channel == "mailbox"
    html = page.content.decode()
    assert t.ticket_no in html and "赵六" not in html and "13700002222" not in html
    code = page.context["code"]
    tracked = client.post(f"/xxgk/{agency_a.code}/rx/cx/", {"ticket_no": t.ticket_no, "code": code})
    assert "已受理" in tracked.content.decode() and "13700002222" not in tracked.content.decode()
    wrong = client.post(f"/xxgk/{agency_a.code}/rx/cx/", {"ticket_no": t.ticket_no, "code": "X"})
    assert "工单编号或查询码不正确" in wrong.content.decode()


def test_the_portal_form_shows_errors_and_stores_nothing(client, agency_a):
    r = client.post(f"/xxgk/{agency_a.code}/rx/", {"type": "consult", "content": ""})
    assert r.status_code == 200
    assert "请填写联系电话" in r.content.decode() and "请填写诉求内容" in r.content.decode()
    assert not Ticket.objects.exists()


def test_the_agent_form_registers_a_call_and_shows_earlier_tickets_masked(
    client, agency_a, officer_a
):
    earlier = new_ticket(agency_a, actor=officer_a).ticket
    client.force_login(officer_a)
    r = client.get("/manage/hotline/callers/", {"centre": agency_a.code, "phone": "13805331234"})
    assert [row["ticket_no"] for row in r.json()["tickets"]] == [earlier.ticket_no]
    r = client.post(
        "/manage/hotline/new/",
        agent_call(agency_a),
    )
    t = Ticket.objects.exclude(pk=earlier.pk).get()
    assert r.status_code == 302 and r["Location"] == t.get_manage_url()
    assert t.registered_by == officer_a and t.category.code == "urban-roads"
    page = client.get(t.get_manage_url()).content.decode()
    assert "138****1234" in page and "13805331234" not in page and earlier.ticket_no in page


def test_unmasking_a_number_is_an_audit_event(client, agency_a, officer_a):
    t = new_ticket(agency_a).ticket
    client.force_login(officer_a)
    url = f"/manage/hotline/{t.pk}/unmask/"
    refused = client.post(url, {"reason": " "}, follow=True).content.decode()
    assert "请写明查看完整号码的理由" in refused and "13805331234" not in refused
    assert not Event.objects.filter(action="hotline.ticket.unmask").exists()
    client.post(url, {"reason": "回访联系来电人"})
    assert "13805331234" in client.get(t.get_manage_url()).content.decode()
    assert "13805331234" not in client.get(t.get_manage_url()).content.decode()  # once
    event = Event.objects.get(action="hotline.ticket.unmask")
    assert event.actor == officer_a and event.after == {
        "field": "phone",
        "reason": "回访联系来电人",
    }


def test_intake_service_keeps_the_upstream_number_once(agency_a):
    from django.db import IntegrityError

    intake.intake(agency_a, caller_data(), channel="upstream", upstream_no="SD12345-1", actor=None)
    with pytest.raises(IntegrityError):
        intake.intake(
            agency_a, caller_data(), channel="upstream", upstream_no="SD12345-1", actor=None
        )
