"""A NUL (U+0000) in a parameter is refused before any view with a Chinese 400 (the API's error
shape under /api/): PostgreSQL cannot hold NUL in text, and `?under=%00` on the supervision
console, or a NUL in the 通报's 文号, answered 500 there (found by
tests/supervision/test_hostile_params.py on PostgreSQL)."""

from __future__ import annotations

import pytest

from gongkai.supervision.models import Notice

pytestmark = pytest.mark.django_db


def test_a_nul_in_the_query_string_is_a_chinese_400(client_for, supervisor):
    response = client_for(supervisor).get("/manage/supervision/", {"under": "\x00"})
    assert response.status_code == 400
    assert "空字符" in response.content.decode()
    assert response["Content-Security-Policy"]  # the page still passes the site's middleware


def test_a_nul_in_a_posted_field_writes_nothing(client_for, supervisor):
    response = client_for(supervisor).post(
        "/manage/supervision/bulletin/", {"year": "2024", "number": "测〔2025〕\x001号"}
    )
    assert response.status_code == 400 and "空字符" in response.content.decode()
    assert not Notice.objects.exists()


def test_the_api_answers_a_nul_in_its_error_shape(client):
    response = client.get("/api/v1/items", {"q": "\x00"})
    assert response.status_code == 422
    assert response.json() == {"detail": "提交的内容有误", "errors": {"q": ["不能含有空字符"]}}


def test_a_csrf_exempt_view_still_reads_its_own_multipart_body(agency_a, settings):
    """The check leaves alone a body it would have to consume: the WeChat push reads the raw
    body itself and answers its own 400 ("不是有效的微信消息"), not a RawPostDataException."""
    from django.test import Client

    from tests.hotline.test_wechat import TOKEN, FakeWeChat

    settings.GONGKAI_WECHAT_TOKEN = TOKEN
    fake = FakeWeChat(Client(), f"/hotline/wechat/{agency_a.code}/")
    response = fake.client.post(f"{fake.url}?{fake.query()}", {"x": "\x00"})
    assert response.status_code == 400
    assert "微信消息" in response.content.decode()


def test_django_s_own_400_answers_in_chinese(agency_a, client):
    """A body Django cannot parse (here a multipart request without a boundary) is Django's
    own 400, now the site's Chinese page instead of "Bad Request (400)"."""
    response = client.post(
        f"/xxgk/{agency_a.code}/rx/", b"x", content_type="multipart/form-data; boundary="
    )
    assert response.status_code == 400
    assert "请求有误" in response.content.decode()
