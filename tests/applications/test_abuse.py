"""Anonymous applications are limited per client and per body, with a CAPTCHA past a threshold."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client

from gongkai.applications import abuse
from gongkai.applications.models import Application
from tests.captcha import solved_captcha

from .factories import person_data

pytestmark = pytest.mark.django_db


def apply_url(agency) -> str:
    return f"/xxgk/{agency.code}/ysqgk/"


def test_200_applications_from_one_address_in_a_minute_stop_at_the_limit(agency_a, settings):
    # A 10-minute window: on a loaded machine 200 posts can take longer than a minute, and a
    # sliding 60-s window would then (rightly) let more through.
    settings.GONGKAI_RATE_LIMITS = "apply.client=25/600"
    client = Client(REMOTE_ADDR="203.0.113.5")
    statuses = []
    for _ in range(200):
        data = {**person_data(), **solved_captcha()}
        statuses.append(client.post(apply_url(agency_a), data).status_code)
    assert Application.objects.count() == 25
    assert statuses.count(302) == 25 and statuses.count(429) == 175
    last = client.post(apply_url(agency_a), person_data())
    assert re.search(r"提交申请过于频繁，请\d+(秒|分钟)后再试", last.content.decode())
    assert 0 < int(last["Retry-After"]) <= 600
    # another address is not affected
    other = Client(REMOTE_ADDR="198.51.100.1").post(apply_url(agency_a), person_data())
    assert other.status_code == 302


def test_past_the_threshold_the_form_asks_for_a_captcha(agency_a):
    client = Client(REMOTE_ADDR="203.0.113.6")
    assert "验证码" not in client.get(apply_url(agency_a)).content.decode()
    for _ in range(abuse.CAPTCHA_AFTER.limit):
        assert client.post(apply_url(agency_a), person_data()).status_code == 302
    page = client.get(apply_url(agency_a)).content.decode()
    assert "验证码" in page and "/captcha/image/" in page
    refused = client.post(
        apply_url(agency_a), {**person_data(), "captcha_0": "x", "captcha_1": "1"}
    )
    assert refused.status_code == 200
    assert "验证码不正确" in refused.content.decode() or "请填写验证码" in refused.content.decode()
    assert Application.objects.count() == abuse.CAPTCHA_AFTER.limit


def test_a_body_flooded_from_many_addresses_stops_at_its_own_limit(agency_a, agency_b, settings):
    settings.GONGKAI_RATE_LIMITS = "apply.body=5/3600"
    for i in range(7):
        Client(REMOTE_ADDR=f"10.0.0.{i}").post(apply_url(agency_a), person_data())
    assert Application.objects.filter(agency=agency_a).count() == 5
    assert (
        Client(REMOTE_ADDR="10.0.1.1").post(apply_url(agency_b), person_data()).status_code == 302
    )


def test_the_api_refuses_past_the_captcha_threshold_with_a_chinese_429(agency_a):
    client = Client(REMOTE_ADDR="203.0.113.7")

    def post():
        body = {**person_data(), "agency": agency_a.code}
        return client.post(
            "/api/v1/applications", json.dumps(body), content_type="application/json"
        )

    for _ in range(abuse.CAPTCHA_AFTER.limit):
        assert post().status_code == 201
    refused = post()
    assert refused.status_code == 429 and "验证码" in refused.json()["detail"]
    assert refused.json()["errors"] == {} and int(refused["Retry-After"]) > 0


def test_anonymous_search_and_api_are_rate_limited(client, settings):
    settings.GONGKAI_RATE_LIMITS = "search.client=3/60,api.client=4/60"
    codes = [client.get("/xxgk/search/", {"q": "通知"}).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    api = [client.get("/api/v1/agencies").status_code for _ in range(5)]
    assert api == [200, 200, 200, 200, 429]
    limited = client.get("/api/v1/agencies")
    assert limited.json()["detail"].startswith("操作过于频繁") and limited["Retry-After"]
