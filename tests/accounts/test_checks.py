import pytest

from gongkai.accounts.checks import checks
from gongkai.agencies.demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def _lines():
    return [line for line in checks() if "两步验证" not in line[1]]


def test_no_demo_accounts_and_own_passwords_pass(officer_a):
    assert _lines() == [("OK", "没有演示账号，也没有使用默认密码的账号")]


def test_it_warns_about_demo_accounts_and_the_demo_password(officer_a, django_user_model):
    django_user_model.objects.create_user("zwfw_officer", password="a-private-long-passphrase")
    officer_a.set_password(DEMO_PASSWORD)
    officer_a.save()
    warnings = [message for status, message in _lines() if status == "WARN"]
    assert any("演示账号" in m and "zwfw_officer" in m for m in warnings)
    assert any("默认密码" in m and "officer_a" in m for m in warnings)


def test_a_password_equal_to_the_user_name_is_a_default_password(django_user_model):
    django_user_model.objects.create_user("wangwu", password="wangwu")
    assert any("wangwu" in m for s, m in _lines() if s == "WARN" and "默认密码" in m)


def test_it_warns_when_two_factor_login_is_off(settings):
    settings.GONGKAI_2FA_REQUIRED = False
    assert ("WARN", "两步验证已关闭（GONGKAI_2FA_REQUIRED=false），仅可用于演示") in list(checks())
