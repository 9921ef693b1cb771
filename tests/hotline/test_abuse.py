"""Anonymous hotline tickets and tracking look-ups go through the one limiter
(gongkai.core.throttle): per client and per centre, a CAPTCHA past a threshold, 429 in Chinese
with Retry-After — the same rules as applications (tests/applications/test_abuse.py)."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client
from django.utils import timezone

from gongkai.core.models import ThrottleEvent
from gongkai.hotline import abuse
from gongkai.hotline.models import Ticket
from gongkai.hotline.tracking import TRACK_PER_TICKET
from tests.captcha import solved_captcha

from .helpers import new_ticket

pytestmark = pytest.mark.django_db

API = "/api/v1/hotline/tickets"


def web_url(agency) -> str:
    return f"/xxgk/{agency.code}/rx/"


def message(**extra) -> dict:
    return {"phone": "13700002222", "type": "suggestion", "content": "建议增设公交站点。", **extra}


def test_200_portal_messages_from_one_address_in_a_minute_stop_at_the_limit(agency_a, settings):
    # 25 an hour: a window longer than the test, so a slow machine cannot let more slide in
    settings.GONGKAI_RATE_LIMITS = "hotline.client=25/3600"
    client = Client(REMOTE_ADDR="203.0.113.5")
    statuses = [
        client.post(web_url(agency_a), {**message(), **solved_captcha()}).status_code
        for _ in range(200)
    ]
    assert Ticket.objects.count() == 25
    assert statuses.count(302) == 25 and statuses.count(429) == 175
    last = client.post(web_url(agency_a), message())
    assert re.search(r"提交诉求过于频繁，请\d+分钟后再试", last.content.decode())
    assert 0 < int(last["Retry-After"]) <= 3600
    other = Client(REMOTE_ADDR="198.51.100.1").post(web_url(agency_a), message())
    assert other.status_code == 302  # another address is not affected


def test_200_api_tickets_from_one_address_stop_at_the_limit(agency_a, settings):
    # the generic per-address API limit (api.client) is lifted to see the hotline's own
    settings.GONGKAI_RATE_LIMITS = (
        "hotline.client=25/3600,hotline.captcha=1000/60,api.client=1000/60"
    )
    client = Client(REMOTE_ADDR="203.0.113.8")
    body = json.dumps({**message(), "agency": agency_a.code})
    statuses = [
        client.post(API, body, content_type="application/json").status_code for _ in range(200)
    ]
    assert statuses.count(201) == 25 and statuses.count(429) == 175
    assert Ticket.objects.count() == 25
    refused = client.post(API, body, content_type="application/json")
    assert refused.json()["detail"].startswith("提交诉求过于频繁") and refused["Retry-After"]


def test_past_the_threshold_the_portal_form_asks_for_a_captcha(agency_a):
    client = Client(REMOTE_ADDR="203.0.113.6")
    assert "验证码" not in client.get(web_url(agency_a)).content.decode()
    for _ in range(abuse.CAPTCHA_AFTER.limit):
        assert client.post(web_url(agency_a), message()).status_code == 302
    page = client.get(web_url(agency_a)).content.decode()
    assert "验证码" in page and "/captcha/image/" in page
    refused = client.post(web_url(agency_a), {**message(), "captcha_0": "x", "captcha_1": "1"})
    assert refused.status_code == 200 and "验证码不正确" in refused.content.decode()
    assert Ticket.objects.count() == abuse.CAPTCHA_AFTER.limit
    solved = client.post(web_url(agency_a), {**message(), **solved_captcha()})
    assert solved.status_code == 302 and Ticket.objects.count() == abuse.CAPTCHA_AFTER.limit + 1


def test_the_api_refuses_past_the_captcha_threshold_with_a_chinese_429(agency_a):
    client = Client(REMOTE_ADDR="203.0.113.7")
    body = json.dumps({**message(), "agency": agency_a.code})
    for _ in range(abuse.CAPTCHA_AFTER.limit):
        assert client.post(API, body, content_type="application/json").status_code == 201
    refused = client.post(API, body, content_type="application/json")
    assert refused.status_code == 429 and "验证码" in refused.json()["detail"]
    assert refused.json()["errors"] == {} and int(refused["Retry-After"]) > 0


def test_a_centre_flooded_from_many_addresses_stops_at_its_own_limit(agency_a, agency_b, settings):
    settings.GONGKAI_RATE_LIMITS = "hotline.body=5/3600"
    for i in range(7):
        Client(REMOTE_ADDR=f"192.0.2.{i}").post(web_url(agency_a), message())
    assert Ticket.objects.filter(agency=agency_a).count() == 5
    assert Client(REMOTE_ADDR="192.0.2.99").post(web_url(agency_b), message()).status_code == 302


def test_staff_intake_is_not_limited(agency_a, officer_a, settings):
    settings.GONGKAI_RATE_LIMITS = "hotline.client=1/60,hotline.body=1/60"
    for _ in range(3):
        new_ticket(agency_a, actor=officer_a)  # phone calls taken by an agent
    assert Ticket.objects.count() == 3


def test_ten_wrong_codes_from_one_address_do_not_lock_out_the_caller_elsewhere(agency_a):
    receipt = new_ticket(agency_a)
    no = receipt.ticket.ticket_no
    guesser = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(10):
        bad = guesser.get(f"{API}/track", {"ticket_no": no, "code": "WRONGCOD"})
        assert bad.status_code == 404
    stopped = guesser.get(f"{API}/track", {"ticket_no": no, "code": receipt.code})
    assert stopped.status_code == 429 and stopped["Retry-After"]
    assert stopped.json()["detail"].startswith("查询失败次数过多")
    caller = Client(REMOTE_ADDR="198.51.100.7")
    assert caller.get(f"{API}/track", {"ticket_no": no, "code": receipt.code}).status_code == 200
    page = caller.post(f"/xxgk/{agency_a.code}/rx/cx/", {"ticket_no": no, "code": receipt.code})
    assert page.status_code == 200 and no in page.content.decode()
    # the failures are counted by the shared limiter (no table of the hotline's own)
    assert ThrottleEvent.objects.filter(key__startswith="hotline.track.client:").count() == 10


def test_the_portal_tracking_page_answers_429_with_retry_after(agency_a):
    receipt = new_ticket(agency_a)
    no = receipt.ticket.ticket_no
    guesser = Client(REMOTE_ADDR="203.0.113.10")
    url = f"/xxgk/{agency_a.code}/rx/cx/"
    for _ in range(10):
        assert guesser.post(url, {"ticket_no": no, "code": "WRONG"}).status_code == 200
    stopped = guesser.post(url, {"ticket_no": no, "code": receipt.code})
    assert stopped.status_code == 429 and int(stopped["Retry-After"]) > 0
    assert re.search(r"查询失败次数过多，请\d+分钟后再试", stopped.content.decode())
    assert "已受理" not in stopped.content.decode()


def test_a_number_guessed_from_many_addresses_slows_down(agency_a, monkeypatch):
    receipt = new_ticket(agency_a)
    # The clock stands still, so the 2-second delay cannot pass on a slow machine.
    frozen = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: frozen)
    no = receipt.ticket.ticket_no
    for i in range(TRACK_PER_TICKET.delay_after):
        Client(REMOTE_ADDR=f"192.0.2.{i + 1}").get(
            f"{API}/track", {"ticket_no": no, "code": "WRONGCOD"}
        )
    slowed = Client(REMOTE_ADDR="192.0.2.200").get(
        f"{API}/track", {"ticket_no": no, "code": "WRONGCOD"}
    )
    assert slowed.status_code == 429
