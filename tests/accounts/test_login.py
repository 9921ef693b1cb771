import pytest
from django.conf import settings
from django.test import Client

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def _login(client, username, password):
    return client.post("/manage/login/", {"username": username, "password": password})


def test_a_right_password_logs_in(officer_a):
    response = _login(Client(), "officer_a", PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/manage/"


def test_a_wrong_password_says_so_in_chinese(officer_a):
    response = _login(Client(), "officer_a", "wrong")
    assert response.status_code == 200
    assert "用户名" in response.content.decode() and "密码" in response.content.decode()


def test_the_nth_failed_login_locks_the_account_with_a_message(officer_a):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, "officer_a", "wrong").status_code == 200
    locked = _login(client, "officer_a", "wrong")
    assert locked.status_code == 429
    assert "锁定" in locked.content.decode()
    # Even the right password is refused while the lock lasts, from another browser too.
    again = _login(Client(), "officer_a", PASSWORD)
    assert again.status_code == 429


def test_the_lock_ends_after_the_cool_off(officer_a, settings):
    import time_machine
    from django.utils import timezone

    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "officer_a", "wrong")
    later = timezone.now() + timezone.timedelta(hours=settings.AXES_COOLOFF_TIME, minutes=1)
    with time_machine.travel(later):
        assert _login(Client(), "officer_a", PASSWORD).status_code == 302


def test_passwords_are_hashed_with_argon2(settings, officer_a):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    officer_a.set_password("another-long-password")
    assert officer_a.password.startswith("argon2$")


def test_sessions_expire_after_inactivity_and_with_the_browser():
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert 0 < settings.SESSION_COOKIE_AGE <= 8 * 3600


def test_logout_needs_a_post(officer_a, client_for):
    client = client_for(officer_a)
    assert client.get("/manage/logout/").status_code == 405
    assert client.post("/manage/logout/").status_code == 302
    assert client.get("/manage/").status_code == 302
