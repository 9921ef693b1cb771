"""Password rules (等保: length, classes, no reuse, expiry) and session limits (absolute
lifetime, sessions per user)."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from gongkai.accounts.models import UserSession
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("weak", ["alllowercaseletters", "ALLUPPER12345", "lower-and-symbols"])
def test_a_password_needs_three_kinds_of_characters(weak):
    with pytest.raises(ValidationError, match="至少 3 类"):
        validate_password(weak)


def test_a_password_of_three_kinds_and_enough_length_passes():
    try:
        validate_password("Zhoucun-2026")
    except ValidationError as exc:
        pytest.fail(f"a good password was refused: {exc}")


def test_the_last_five_passwords_cannot_come_back(officer_a):
    for n in range(5):
        officer_a.set_password(f"Rotating-Pass-{n}")
        officer_a.save()
    with pytest.raises(ValidationError, match="最近 5 次"):
        validate_password("Rotating-Pass-0", officer_a)
    officer_a.set_password("Rotating-Pass-5")
    officer_a.save()
    validate_password("Rotating-Pass-0", officer_a)  # six changes ago: allowed again
    assert officer_a.password_history.count() == 5


def test_the_change_page_checks_the_rules_and_records_the_change(officer_a, client_for):
    client = client_for(officer_a)
    same = client.post(
        "/manage/password/",
        {"old_password": PASSWORD, "new_password1": PASSWORD, "new_password2": PASSWORD},
    )
    assert same.status_code == 200 and "最近 5 次" in same.content.decode()
    done = client.post(
        "/manage/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "Brand-New-Pass-1",
            "new_password2": "Brand-New-Pass-1",
        },
    )
    assert done.status_code == 302
    assert client.get("/manage/").status_code == 200  # still logged in after the change


def test_an_expired_password_must_be_changed_before_work(officer_a, client_for, settings):
    settings.GONGKAI_PASSWORD_MAX_AGE_DAYS = 90
    assert client_for(officer_a).get("/manage/").status_code == 200
    with time_machine.travel(timezone.now() + dt.timedelta(days=91)):
        client = client_for(officer_a)
        response = client.get("/manage/publishing/")
        assert response.status_code == 302 and response["Location"].startswith("/manage/password/")
        assert "超过规定的使用期限" in client.get("/manage/password/").content.decode()


def test_a_session_ends_at_its_absolute_lifetime_however_active(officer_a, settings):
    settings.GONGKAI_SESSION_ABSOLUTE_HOURS = 8
    client = Client()
    client.post("/manage/login/", {"username": "officer_a", "password": PASSWORD})
    start = timezone.now()
    for hours in (1.5, 3, 4.5, 6, 7.5, 7.9):  # active all day: never idle for 2 hours
        with time_machine.travel(start + dt.timedelta(hours=hours)):
            assert client.get("/manage/").status_code == 200
    with time_machine.travel(start + dt.timedelta(hours=8, minutes=1)):
        response = client.get("/manage/")
        assert response.status_code == 302 and "/manage/login/" in response["Location"]


def test_a_new_login_beyond_the_limit_ends_the_oldest_session(officer_a, settings):
    settings.GONGKAI_MAX_SESSIONS_PER_USER = 2
    clients = []
    for n in range(3):
        with time_machine.travel(timezone.now() + dt.timedelta(seconds=n)):
            client = Client()
            client.post("/manage/login/", {"username": "officer_a", "password": PASSWORD})
            clients.append(client)
    assert UserSession.objects.filter(user=officer_a).count() == 2
    assert clients[0].get("/manage/").status_code == 302  # pushed out
    assert clients[1].get("/manage/").status_code == 200
    assert clients[2].get("/manage/").status_code == 200


def test_logging_out_forgets_the_session(officer_a):
    client = Client()
    client.post("/manage/login/", {"username": "officer_a", "password": PASSWORD})
    assert UserSession.objects.filter(user=officer_a).count() == 1
    client.post("/manage/logout/")
    assert UserSession.objects.filter(user=officer_a).count() == 0
