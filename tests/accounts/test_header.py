"""The header says who is logged in on staff and public pages, and offers no login to them."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

PAGES = ["/manage/", "/xxgk/", "/xxgk/{code}/", "/manage/publishing/"]


@pytest.mark.parametrize("path", PAGES)
def test_logged_in_user_sees_name_body_role_and_logout(client_for, officer_a, agency_a, path):
    officer_a.first_name, officer_a.last_name = "明", "王"
    officer_a.save()
    html = client_for(officer_a).get(path.format(code=agency_a.code)).content.decode()
    header = html.split("<main", 1)[0]
    assert "工作人员登录" not in header
    assert "王明" in header
    assert "测试区甲局 · 信息公开工作人员" in header
    assert 'action="/manage/logout/"' in header and "退出登录" in header
    assert "修改密码" in header


def test_visitor_sees_the_staff_login_only(client_for, agency_a):
    html = client_for(None).get("/xxgk/").content.decode()
    assert "工作人员登录" in html and "退出登录" not in html


def test_system_role_only_user_is_named_by_role(client_for, audit_admin):
    html = client_for(audit_admin).get("/xxgk/").content.decode()
    assert "审计管理员" in html.split("<main", 1)[0]
