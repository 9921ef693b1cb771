"""The security administrator's page (issue 15, 三权分立): second factors, sessions, lockouts
and anchors, for the security administrator alone; each action is a ledger event."""

import pytest
from axes.models import AccessAttempt
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongkai.accounts.models import UserSession
from gongkai.audit.models import Event
from tests.access import assert_access, row

pytestmark = pytest.mark.django_db

COVERED_URL_NAMES = {
    "manage:security_admin",
    "manage:security_reset_2fa",
    "manage:security_unlock",
    "manage:security_end_sessions",
}


def test_only_the_security_administrator_sees_the_page(personas, client_for, security_admin):
    # Not even the superuser: 三权分立 keeps account security with its own role.
    table = row(
        officer_a=403, reviewer_a=403, leader_a=403, officer_b=403, supervisor=403, admin=403
    )
    assert_access(client_for, personas, "/manage/security/", table)
    page = client_for(security_admin).get("/manage/security/")
    assert page.status_code == 200
    assert "账号安全" in page.content.decode()
    home = client_for(security_admin).get("/manage/").content.decode()
    assert "/manage/security/" in home


def test_it_shows_second_factor_sessions_and_lockouts(client_for, security_admin, officer_a):
    TOTPDevice.objects.create(user=officer_a, name="手机", confirmed=True)
    UserSession.objects.create(user=officer_a, session_key="k" * 32)
    AccessAttempt.objects.create(
        username=officer_a.username,
        ip_address="203.0.113.5",
        user_agent="x",
        failures_since_start=5,
        attempt_time=timezone.now(),
    )
    page = client_for(security_admin).get("/manage/security/", {"q": officer_a.username})
    html = page.content.decode()
    assert "已绑定" in html and "5 次（已锁定）" in html
    assert "重置两步验证" in html and "解除锁定" in html and "结束会话" in html


def test_the_actions_are_refused_to_others_and_recorded(
    personas, client_for, security_admin, officer_a
):
    TOTPDevice.objects.create(user=officer_a, name="手机", confirmed=True)
    UserSession.objects.create(user=officer_a, session_key="k" * 32)
    AccessAttempt.objects.create(
        username=officer_a.username,
        ip_address="203.0.113.5",
        user_agent="x",
        failures_since_start=5,
        attempt_time=timezone.now(),
    )
    refused = row(
        officer_a=403, reviewer_a=403, leader_a=403, officer_b=403, supervisor=403, admin=403
    )
    for action in ("reset-2fa", "unlock", "end-sessions"):
        url = f"/manage/security/users/{officer_a.pk}/{action}/"
        assert_access(client_for, personas, url, refused, method="post")
        assert client_for(security_admin).post(url).status_code == 302
    assert not TOTPDevice.objects.filter(user=officer_a).exists()
    assert not AccessAttempt.objects.filter(username=officer_a.username).exists()
    assert not UserSession.objects.filter(user=officer_a).exists()
    recorded = Event.objects.filter(object_id=str(officer_a.pk), actor=security_admin)
    assert set(recorded.values_list("action", flat=True)) == {
        "accounts.two_factor.reset",
        "accounts.lockout.reset",
        "accounts.session.end_all",
    }


def test_a_security_administrator_cannot_act_on_their_own_account(client_for, security_admin):
    TOTPDevice.objects.create(user=security_admin, name="手机", confirmed=True)
    client = client_for(security_admin)
    client.post(f"/manage/security/users/{security_admin.pk}/reset-2fa/")
    assert TOTPDevice.objects.filter(user=security_admin).exists()
    assert client.get(f"/manage/security/users/{security_admin.pk}/unlock/").status_code == 405
