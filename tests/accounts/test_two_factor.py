"""The second factor: enrolment, verification, who needs it, and what it holds back."""

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongkai.accounts import actions
from gongkai.audit.models import Event
from gongkai.cli import main
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _two_factor_on(settings):
    settings.GONGKAI_2FA_REQUIRED = True


def _code(device) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def _password_login(username="officer_a") -> Client:
    client = Client()
    response = client.post("/manage/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_after_the_password_staff_pages_wait_for_the_second_factor(officer_a):
    client = _password_login()
    response = client.get("/manage/publishing/")
    assert response.status_code == 302
    assert response["Location"].startswith("/manage/two-factor/?next=/manage/publishing/")
    assert client.get("/api/v1/items").status_code in (401, 403)
    assert client.get("/xxgk/").status_code in (200, 302)  # the public site is not held back


def test_enrolment_shows_a_qr_code_and_a_right_code_lets_the_user_in(officer_a):
    client = _password_login()
    page = client.get("/manage/two-factor/").content.decode()
    assert "<svg" in page and "密钥" in page
    device = TOTPDevice.objects.get(user=officer_a, confirmed=False)
    wrong_code = "000000" if _code(device) != "000000" else "111111"
    wrong = client.post("/manage/two-factor/", {"token": wrong_code})
    assert "验证码不正确" in wrong.content.decode()
    # A wrong code slows the next try down (django-otp's throttling); try after the pause.
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=5), tick=False):
        right = client.post(
            "/manage/two-factor/", {"token": _code(device), "next": "/manage/publishing/"}
        )
    assert right.status_code == 302 and right["Location"] == "/manage/publishing/"
    assert client.get("/manage/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    assert Event.objects.filter(
        action=actions.TWO_FACTOR_ENROL, object_id=str(officer_a.pk)
    ).exists()


def test_an_enrolled_user_is_asked_for_a_code_on_the_next_login(officer_a):
    device = TOTPDevice.objects.create(user=officer_a, name="x", confirmed=True)
    client = _password_login()
    page = client.get("/manage/two-factor/").content.decode()
    assert "<svg" not in page  # no new enrolment offered to someone holding the password
    assert client.get("/manage/").status_code == 302
    client.post("/manage/two-factor/", {"token": _code(device)})
    assert client.get("/manage/").status_code == 200


def test_roles_outside_the_setting_are_not_asked(supervisor, settings):
    settings.GONGKAI_2FA_ROLES = ["leader"]
    client = _password_login("supervisor")
    assert client.get("/manage/").status_code == 200


def test_it_can_be_turned_off(officer_a, settings):
    settings.GONGKAI_2FA_REQUIRED = False
    assert _password_login().get("/manage/").status_code == 200


def test_the_security_administrator_resets_a_lost_phone(officer_a, security_admin, capsys):
    TOTPDevice.objects.create(user=officer_a, name="x", confirmed=True)
    with pytest.raises(SystemExit) as refused:
        main(["accounts", "reset-2fa", "officer_a", "--as", "officer_a"])
    assert refused.value.code == 2
    with pytest.raises(SystemExit) as done:
        main(["accounts", "reset-2fa", "officer_a", "--as", security_admin.username])
    assert done.value.code == 0
    assert not TOTPDevice.objects.filter(user=officer_a).exists()
    event = Event.objects.get(action=actions.TWO_FACTOR_RESET)
    assert event.actor == security_admin
