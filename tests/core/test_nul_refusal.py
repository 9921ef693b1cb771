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


@pytest.mark.parametrize(
    "body, errors",
    [
        (b'{"agency": "a\\u0000"}', {"agency": ["不能含有空字符"]}),
        (
            b'{"name": "\\ud800", "x": ["ok", "\\udfff"]}',
            {
                "name": ["含有无效的字符（不成对的 UTF-16 代理项）"],
                "x.1": ["含有无效的字符（不成对的 UTF-16 代理项）"],
            },
        ),
    ],
)
def test_text_no_column_can_hold_in_a_json_body_is_refused_in_the_api_shape(client, body, errors):
    """A lone surrogate in the public application API reached the save: a 500 on both
    databases (the NUL one on PostgreSQL). An emoji spelled as a surrogate pair stays allowed."""
    from gongkai.applications.models import Application

    response = client.post("/api/v1/applications", body, content_type="application/json")
    assert response.status_code == 422
    assert response.json() == {"detail": "提交的内容有误", "errors": errors}
    assert not Application.objects.exists()
    pair = client.post(
        "/api/v1/applications", b'{"name": "\\ud83d\\ude00"}', content_type="application/json"
    )
    assert pair.status_code == 400 and "name" not in pair.json()["errors"]


def test_json_too_deep_to_read_and_unreadable_bodies_are_refused_in_chinese(client):
    deep = client.post("/api/v1/applications", b"[" * 100000, content_type="application/json")
    assert deep.status_code == 400 and deep.json()["detail"] == "请求体的 JSON 嵌套过深"
    broken = client.post("/api/v1/applications", b"{", content_type="application/json")
    assert broken.status_code == 400 and broken.json()["detail"] == "请求体不是有效的 JSON"
