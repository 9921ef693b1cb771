"""Members created without a password set one with a one-time code an administrator issues:
the code works once, expires, obeys the password rules, and issue and use are in the ledger."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from gongkai.accounts.models import SetupCode
from gongkai.agencies.models import Role
from gongkai.agencies.services import add_member
from gongkai.audit.models import Event
from tests.access import assert_access, row
from tests.core.test_form_layout_crawl import form_problems
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
COVERED_URL_NAMES = ["manage:issue_code"]
GOOD = "Xin-Mima-2026!"


@pytest.fixture
def body_admin(agency_a):
    user = UserFactory(username="body_admin")
    MembershipFactory(user=user, agency=agency_a, role=Role.ADMIN)
    return user


@pytest.fixture
def newcomer(agency_a, body_admin):
    add_member(agency_a, username="xiaoli", role=Role.OFFICER, actor=body_admin, full_name="小李")
    user = get_user_model().objects.get(username="xiaoli")
    assert not user.has_usable_password()
    return user


def _issue(client_for, admin, member) -> str:
    response = client_for(admin).post(f"/manage/members/{member.pk}/setup-code/")
    assert response.status_code == 200
    return re.search(r'class="setup-code">([A-Z0-9-]+)<', response.content.decode()).group(1)


def _setup(code: str, password: str = GOOD, username: str = "xiaoli"):
    return Client().post(
        "/manage/password/setup/",
        {"username": username, "code": code, "new_password1": password, "new_password2": password},
    )


def test_admin_issues_a_code_and_the_member_sets_a_password(client_for, body_admin, newcomer):
    code = _issue(client_for, body_admin, newcomer)
    assert Event.objects.filter(action="accounts.user.setup_code_issue").count() == 1
    response = _setup(code.lower().replace("-", ""))  # typed without dashes, in lower case
    assert response.status_code == 302 and response.url == "/manage/login/"
    newcomer.refresh_from_db()
    assert newcomer.check_password(GOOD)
    used = Event.objects.get(action="accounts.user.setup_code_use")
    assert used.object_id == str(newcomer.pk)
    assert newcomer.password_history.count() == 1  # the password rules' history starts here
    again = _setup(code, "Another-Pass-2026!")
    assert "设置码已过期、已使用" in again.content.decode()
    newcomer.refresh_from_db()
    assert newcomer.check_password(GOOD)


def test_the_password_rules_apply_and_keep_the_code(client_for, body_admin, newcomer):
    code = _issue(client_for, body_admin, newcomer)
    html = _setup(code, "short").content.decode()
    assert "密码太短" in html and "提交未成功" in html
    assert SetupCode.objects.get().used_at is None
    assert _setup(code).status_code == 302


def test_an_expired_code_or_another_username_is_refused(client_for, body_admin, newcomer):
    code = _issue(client_for, body_admin, newcomer)
    assert "设置码不正确" in _setup(code, username="someone").content.decode()
    SetupCode.objects.update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    assert "已过期" in _setup(code).content.decode()
    newcomer.refresh_from_db()
    assert not newcomer.has_usable_password()


def test_a_new_code_replaces_the_old_one(client_for, body_admin, newcomer):
    first = _issue(client_for, body_admin, newcomer)
    second = _issue(client_for, body_admin, newcomer)
    assert "设置码不正确" in _setup(first).content.decode()
    assert _setup(second).status_code == 302


def test_only_an_administrator_of_the_members_body_issues(
    client_for, newcomer, officer_a, officer_b, body_admin, admin_user
):
    url = f"/manage/members/{newcomer.pk}/setup-code/"
    assert client_for(officer_a).post(url).status_code == 403
    assert client_for(officer_b).post(url).status_code == 403
    assert (
        client_for(body_admin).post(f"/manage/members/{body_admin.pk}/setup-code/").status_code
        == 403
    )
    assert client_for(admin_user).post(url).status_code == 200
    assert not SetupCode.objects.filter(issued_by__in=[officer_a, officer_b]).exists()


def test_the_link_in_the_mail_fills_the_form(
    client_for, body_admin, newcomer, settings, mailoutbox
):
    settings.GONGKAI_EMAIL_CONFIGURED = True
    newcomer.email = "xiaoli@example.gov.cn"
    newcomer.save()
    client_for(body_admin).post(f"/manage/members/{newcomer.pk}/setup-code/")
    link = re.search(r"http://\S+", mailoutbox[0].body).group(0)
    page = Client().get(link.replace("http://testserver", "")).content.decode()
    assert 'value="xiaoli"' in page


def test_a_forgotten_password_is_replaced_and_the_change_recorded(
    client_for, body_admin, officer_a
):
    officer_a.set_password("Old-Password-2025!")
    officer_a.save()
    code = _issue(client_for, body_admin, officer_a)
    assert _setup(code, username="officer_a").status_code == 302
    assert Event.objects.filter(action="accounts.user.password_change").exists()


def test_issue_code_permission_table(client_for, personas, newcomer):
    # newcomer is an officer of body A, created by body A's administrator
    url = f"/manage/members/{newcomer.pk}/setup-code/"
    expected = row(
        officer_a=403, reviewer_a=403, leader_a=403, officer_b=403, supervisor=403, admin=200
    )
    assert_access(client_for, personas, url, expected)


def test_the_cli_issues_a_code_as_a_named_administrator(newcomer, body_admin, officer_a, capsys):
    from gongkai.cli import main

    with pytest.raises(SystemExit) as refused:
        main(["accounts", "setup-code", "xiaoli", "--as", "officer_a"])
    assert refused.value.code == 2
    with pytest.raises(SystemExit) as done:
        main(["accounts", "setup-code", "xiaoli", "--as", "body_admin"])
    assert done.value.code == 0
    code = re.search(r"设置码：([A-Z0-9-]+)", capsys.readouterr().out).group(1)
    assert _setup(code).status_code == 302


@pytest.mark.parametrize("typed", [{}, {"username": "xiaoli", "code": ""}])
def test_an_empty_submit_comes_back_with_every_missing_field(typed, newcomer):
    response = Client().post("/manage/password/setup/", typed)
    html = response.content.decode()
    assert response.status_code == 400 and "提交未成功" in html
    assert form_problems(html) == []  # the shared layout, also in the refused state
    for field in ("id_code", "id_new_password1", "id_new_password2"):
        assert f'href="#{field}"' in html
    assert "请输入设置码" in html and "请填写新密码" in html
    if typed:
        assert 'value="xiaoli"' in html  # what was typed stays
    assert not newcomer.has_usable_password()
