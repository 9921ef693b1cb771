import pytest

from gongkai.accounts.roles import grant
from gongkai.agencies.models import SystemRole
from tests.factories import UserFactory


@pytest.fixture
def system_admin(admin_user):
    user = UserFactory(username="sysadmin")
    grant(user, SystemRole.SYSTEM_ADMIN, actor=admin_user)
    return user


@pytest.fixture
def security_admin(admin_user):
    user = UserFactory(username="secadmin")
    grant(user, SystemRole.SECURITY_ADMIN, actor=admin_user)
    return user


@pytest.fixture
def audit_admin(admin_user):
    user = UserFactory(username="auditor")
    grant(user, SystemRole.AUDIT_ADMIN, actor=admin_user)
    return user
