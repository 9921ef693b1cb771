"""No one approves their own work: the reviewer does not sign, the submitter does neither."""

import pytest

from gongkai.agencies.models import Role
from gongkai.publishing import services
from gongkai.publishing.models import ItemStatus
from gongkai.publishing.services import WorkflowError
from tests.factories import MembershipFactory
from tests.publishing.helpers import draft

pytestmark = pytest.mark.django_db


def test_a_leader_who_reviewed_an_item_cannot_sign_it(agency_a, officer_a, leader_a, client_for):
    item = draft(agency_a, officer_a)
    services.submit(item, officer_a)
    services.approve(item, leader_a, "同意")
    with pytest.raises(WorkflowError, match="审核人不能签发"):
        services.sign_off(item, leader_a, "同意发布")
    other_leader = MembershipFactory(agency=agency_a, role=Role.LEADER).user
    assert services.sign_off(item, other_leader).status == ItemStatus.PUBLISHED


def test_the_page_says_why_in_chinese(agency_a, officer_a, leader_a, client_for):
    item = draft(agency_a, officer_a)
    services.submit(item, officer_a)
    services.approve(item, leader_a)
    response = client_for(leader_a).post(
        f"/api/v1/publishing/items/{item.pk}/sign-off", "{}", content_type="application/json"
    )
    assert response.status_code == 409 and "审核人不能签发" in response.json()["detail"]
    item.refresh_from_db()
    assert item.status == ItemStatus.SIGNOFF


def test_an_administrator_cannot_review_what_they_submitted(agency_a, admin_user):
    item = draft(agency_a, admin_user)
    services.submit(item, admin_user)
    with pytest.raises(WorkflowError, match="提交人不能审核"):
        services.approve(item, admin_user)


def test_a_body_with_one_person_can_turn_it_off(agency_a, admin_user, settings):
    settings.GONGKAI_SEPARATE_DUTIES = False
    item = draft(agency_a, admin_user)
    services.submit(item, admin_user)
    services.approve(item, admin_user)
    assert services.sign_off(item, admin_user).status == ItemStatus.PUBLISHED
