import json

import pytest
from django.test import Client

from gongkai.accounts.tokens import create_token, revoke_token
from gongkai.api.errors import field_errors

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.core.probe_urls")]


@pytest.fixture
def api_client():
    return Client()


def test_a_bearer_token_authenticates_a_staff_member(api_client, officer_a):
    _, key = create_token(officer_a, "测试")
    response = api_client.get("/probe/whoami", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 200 and response.json() == {"user": "officer_a"}


def test_a_revoked_or_wrong_token_gets_401_in_chinese(api_client, officer_a):
    token, key = create_token(officer_a, "测试")
    revoke_token(token, officer_a)
    for header in (f"Bearer {key}", "Bearer gk_nonsense"):
        response = api_client.get("/probe/whoami", HTTP_AUTHORIZATION=header)
        assert response.status_code == 401
        assert "未登录" in response.json()["detail"]


def test_a_token_of_a_user_without_a_role_is_refused(api_client, citizen):
    _, key = create_token(citizen, "测试")
    response = api_client.get("/probe/whoami", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 401


def test_validation_errors_are_field_by_field_in_chinese(api_client, officer_a):
    _, key = create_token(officer_a, "测试")
    response = api_client.post(
        "/probe/echo",
        json.dumps({"n": "abc"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert response.status_code == 422
    assert response.json()["errors"] == {"n": ["应为整数"]}


def test_field_errors_maps_missing_fields():
    assert field_errors([{"loc": ("body", "payload", "name"), "type": "missing"}]) == {
        "name": ["此项为必填项"]
    }
