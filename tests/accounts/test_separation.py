"""三权分立: three administrators, one role each; only the audit administrator reads the
whole ledger; nobody grants themselves a role."""

import pytest

from gongkai.accounts import actions
from gongkai.accounts.roles import RoleConflict, grant
from gongkai.agencies.models import Role, SystemRole
from gongkai.audit.models import Event
from gongkai.cli import main
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_only_the_audit_administrator_reads_the_whole_ledger(
    personas, client_for, audit_admin, security_admin, system_admin
):
    for name, user in personas.items():
        if user is not None:
            assert client_for(user).get("/manage/audit/").status_code == 403, name
    assert client_for(security_admin).get("/manage/audit/").status_code == 403
    assert client_for(system_admin).get("/manage/audit/").status_code == 403
    page = client_for(audit_admin).get("/manage/audit/")
    assert page.status_code == 200 and "审计账本" in page.content.decode()


def test_the_django_admin_hides_the_ledger_from_a_superuser(client_for, admin_user, audit_admin):
    assert client_for(admin_user).get("/django-admin/audit/event/").status_code == 403


def test_the_audit_administrator_sees_a_dashboard_without_agency_work(client_for, audit_admin):
    page = client_for(audit_admin).get("/manage/").content.decode()
    tiles = page.split('class="tiles"')[1].split("</ul>")[0]
    assert "审计管理员" in page and "/manage/audit/" in tiles and "/manage/publishing/" not in tiles


def test_one_person_holds_one_of_the_three_roles(admin_user, audit_admin):
    with pytest.raises(RoleConflict, match="三权分立"):
        grant(audit_admin, SystemRole.SECURITY_ADMIN, actor=admin_user)


def test_an_administrator_cannot_become_the_auditor(admin_user, agency_a):
    body_admin = UserFactory(username="body_admin")
    MembershipFactory(user=body_admin, agency=agency_a, role=Role.ADMIN)
    with pytest.raises(RoleConflict, match="管理员权限"):
        grant(body_admin, SystemRole.AUDIT_ADMIN, actor=admin_user)


def test_nobody_grants_a_role_to_themselves(system_admin):
    with pytest.raises(RoleConflict, match="自己"):
        grant(system_admin, SystemRole.SYSTEM_ADMIN, actor=system_admin)


def test_granting_is_recorded_with_the_named_actor(admin_user, capsys):
    UserFactory(username="wang")
    with pytest.raises(SystemExit) as info:
        main(["accounts", "grant", "wang", "audit_admin", "--as", admin_user.username])
    assert info.value.code == 0
    event = Event.objects.get(action=actions.ROLE_GRANT)
    assert event.actor == admin_user and event.after == {"role": "audit_admin"}
    with pytest.raises(SystemExit) as refused:
        main(["accounts", "grant", "wang", "nonsense", "--as", admin_user.username])
    assert refused.value.code == 2 and "没有角色" in capsys.readouterr().err


def test_an_officer_cannot_grant_roles(officer_a, capsys):
    UserFactory(username="li")
    with pytest.raises(SystemExit) as info:
        main(["accounts", "grant", "li", "audit_admin", "--as", "officer_a"])
    assert info.value.code == 2 and "系统管理员" in capsys.readouterr().err
