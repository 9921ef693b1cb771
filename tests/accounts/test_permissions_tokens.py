import pytest

from gongkai.accounts.tokens import create_token
from tests.access import assert_access, row

pytestmark = pytest.mark.django_db

COVERED_URL_NAMES = {"manage:tokens", "manage:token_revoke"}


def test_token_pages_are_for_staff_and_show_the_key_once(personas, client_for, officer_a):
    assert_access(
        client_for,
        personas,
        "/manage/tokens/",
        row(officer_a=200, reviewer_a=200, leader_a=200, officer_b=200, supervisor=200, admin=200),
    )
    response = client_for(officer_a).post("/manage/tokens/", {"name": "数据对接"})
    assert "gk_" in response.content.decode()
    token = officer_a.api_tokens.get()
    assert token.key_hash not in response.content.decode()
    again = client_for(officer_a).get("/manage/tokens/").content.decode()
    assert "只显示这一次" not in again


def test_only_the_owner_revokes_a_token(personas, client_for, officer_a):
    token, _ = create_token(officer_a, "测试")
    url = f"/manage/tokens/{token.pk}/revoke/"
    expected = row(
        officer_a=302, reviewer_a=404, leader_a=404, officer_b=404, supervisor=404, admin=404
    )
    assert_access(client_for, personas, url, expected, method="post")
    token.refresh_from_db()
    assert token.revoked_at is not None
