"""Logins, failed logins, logouts, password and permission changes are ledger events with
the client's address; the request id is the server's own unless a trusted proxy sent one."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from gongkai.accounts import actions
from gongkai.audit.models import Event
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def _events(action):
    return list(Event.objects.filter(action=action).order_by("id"))


def _login(client, username, password, **extra):
    return client.post("/manage/login/", {"username": username, "password": password}, **extra)


def test_a_login_is_recorded_with_the_clients_address(officer_a):
    response = _login(Client(REMOTE_ADDR="203.0.113.7"), "officer_a", PASSWORD)
    assert response.status_code == 302
    (event,) = _events(actions.LOGIN)
    assert event.actor == officer_a and event.source_address == "203.0.113.7"
    assert event.request_id == response["X-Request-ID"]


def test_a_failed_login_is_recorded_without_the_password(officer_a):
    _login(Client(REMOTE_ADDR="198.51.100.9"), "officer_a", "wrong-guess-123")
    (event,) = _events(actions.LOGIN_FAILED)
    assert event.source_address == "198.51.100.9"
    assert event.object_id == str(officer_a.pk) and event.after == {"username": "officer_a"}
    assert event.actor is None and event.actor_name == "匿名"
    assert "wrong-guess-123" not in str(event.after)


def test_a_failed_login_for_an_unknown_name_is_recorded_too():
    _login(Client(), "nobody-here", "whatever-pass-1")
    (event,) = _events(actions.LOGIN_FAILED)
    assert event.object_id == "" and event.after == {"username": "nobody-here"}


def test_a_logout_is_recorded(officer_a, client_for):
    client_for(officer_a).post("/manage/logout/")
    assert [e.actor for e in _events(actions.LOGOUT)] == [officer_a]


def test_a_password_change_is_recorded_by_whoever_sets_it(officer_a):
    before = len(_events(actions.PASSWORD_CHANGE))
    officer_a.set_password("Another-Long-Pass-42")
    officer_a.save()
    events = _events(actions.PASSWORD_CHANGE)
    assert len(events) == before + 1 and events[-1].object_id == str(officer_a.pk)


def test_permission_changes_are_recorded_with_before_and_after(officer_a):
    officer_a.is_superuser = True
    officer_a.save()
    officer_a.groups.add(Group.objects.create(name="某组"))
    changes = _events(actions.PERMISSION_CHANGE)
    assert changes[0].before == {"is_superuser": False}
    assert changes[0].after == {"is_superuser": True}
    assert changes[1].after == {"groups": {"add": ["某组"]}}


def test_an_untrusted_client_cannot_choose_its_request_id_or_address(officer_a, settings):
    settings.GONGKAI_TRUSTED_PROXIES = []
    response = _login(
        Client(REMOTE_ADDR="203.0.113.7"),
        "officer_a",
        PASSWORD,
        HTTP_X_REQUEST_ID="forged-id",
        HTTP_X_FORWARDED_FOR="10.9.9.9",
    )
    (event,) = _events(actions.LOGIN)
    assert response["X-Request-ID"] != "forged-id" and event.request_id != "forged-id"
    assert event.source_address == "203.0.113.7"


def test_a_trusted_proxy_passes_on_its_request_id_and_the_real_address(officer_a, settings):
    settings.GONGKAI_TRUSTED_PROXIES = ["10.0.0.0/8"]
    _login(
        Client(REMOTE_ADDR="10.0.0.2"),
        "officer_a",
        PASSWORD,
        HTTP_X_REQUEST_ID="nginx-abc123",
        # The left-most entry was written by the client itself and proves nothing.
        HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.50, 10.0.0.3",
    )
    (event,) = _events(actions.LOGIN)
    assert event.request_id == "nginx-abc123" and event.source_address == "203.0.113.50"


def test_logout_and_a_password_change_on_the_page_carry_the_address(officer_a):
    client = Client(REMOTE_ADDR="203.0.113.31")
    client.force_login(officer_a, backend="django.contrib.auth.backends.ModelBackend")
    changed = client.post(
        "/manage/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "Brand-New-Pass-1",
            "new_password2": "Brand-New-Pass-1",
        },
    )
    assert changed.status_code == 302
    client.post("/manage/logout/")
    (change,) = _events(actions.PASSWORD_CHANGE)[-1:]
    (logout,) = _events(actions.LOGOUT)
    assert change.actor == officer_a and change.source_address == "203.0.113.31"
    assert logout.actor == officer_a and logout.source_address == "203.0.113.31"
