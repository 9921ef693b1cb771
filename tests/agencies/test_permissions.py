"""Who may open each staff page of the agencies module."""

import pytest
from django.urls import reverse

from gongkai.agencies.models import ReadingPoint
from tests.access import assert_access, row
from tests.factories import ReadingPointFactory

COVERED_URL_NAMES = {
    "manage:home",
    "agencies_manage:list",
    "agencies_manage:create",
    "agencies_manage:detail",
    "agencies_manage:edit",
    "agencies_manage:reading_point_create",
    "agencies_manage:reading_point_edit",
    "agencies_manage:reading_point_delete",
    "agencies_manage:member_add",
    "agencies_manage:member_remove",
    "audit_manage:ledger",
    "audit_manage:history",
}

EVERY_STAFF = dict(
    officer_a=200, reviewer_a=200, leader_a=200, officer_b=200, supervisor=200, admin=200
)
VIEW_A = dict(officer_a=200, reviewer_a=200, leader_a=200, officer_b=404, supervisor=200, admin=200)
EDIT_A = dict(officer_a=200, reviewer_a=403, leader_a=403, officer_b=404, supervisor=403, admin=200)
ADMIN_ONLY_A = dict(
    officer_a=403, reviewer_a=403, leader_a=403, officer_b=404, supervisor=403, admin=200
)
ADMIN_ONLY = dict(
    officer_a=403, reviewer_a=403, leader_a=403, officer_b=403, supervisor=403, admin=200
)


@pytest.mark.parametrize(
    ("url_name", "kwargs", "expected"),
    [
        ("manage:home", {}, EVERY_STAFF),
        ("agencies_manage:list", {}, EVERY_STAFF),
        ("agencies_manage:create", {}, ADMIN_ONLY),
        ("agencies_manage:detail", {"code": "body-a"}, VIEW_A),
        ("agencies_manage:edit", {"code": "body-a"}, EDIT_A),
        ("agencies_manage:reading_point_create", {"code": "body-a"}, EDIT_A),
        ("agencies_manage:member_add", {"code": "body-a"}, ADMIN_ONLY_A),
        # 三权分立: the whole ledger is the audit administrator's alone (tests/accounts).
        ("audit_manage:ledger", {}, {**ADMIN_ONLY, "admin": 403}),
    ],
)
def test_each_persona_gets_what_the_table_says(personas, client_for, url_name, kwargs, expected):
    assert_access(client_for, personas, reverse(url_name, kwargs=kwargs), row(**expected))


def test_anonymous_visitors_are_sent_to_log_in(personas, client_for):
    response = client_for(None).get(reverse("agencies_manage:list"))
    assert response.status_code == 302
    assert response["Location"].startswith("/manage/login/?next=")


def test_reading_point_pages_follow_the_edit_capability(personas, client_for, agency_a):
    point = ReadingPointFactory(agency=agency_a)
    url = reverse("agencies_manage:reading_point_edit", kwargs={"code": "body-a", "pk": point.pk})
    assert_access(client_for, personas, url, row(**EDIT_A))
    delete_url = reverse(
        "agencies_manage:reading_point_delete", kwargs={"code": "body-a", "pk": point.pk}
    )
    # The administrator may delete too; left out here so the officer's request is the one that deletes.
    without_admin = {k: v for k, v in personas.items() if k != "admin"}
    expected = {k: v for k, v in row(**{**EDIT_A, "officer_a": 302}).items() if k != "admin"}
    assert_access(client_for, without_admin, delete_url, expected, method="post")
    assert not ReadingPoint.objects.filter(pk=point.pk).exists()


def test_only_an_administrator_removes_a_role(personas, client_for, officer_a):
    membership = officer_a.memberships.get()
    url = reverse("agencies_manage:member_remove", kwargs={"code": "body-a", "pk": membership.pk})
    expected = row(**{**ADMIN_ONLY_A, "admin": 302})
    assert_access(client_for, personas, url, expected, method="post")
    assert not officer_a.memberships.exists()


def test_history_of_a_body_is_visible_to_those_who_see_the_body(personas, client_for, agency_a):
    from gongkai.agencies.services import save_agency

    agency_a.address = "新地址1号"
    save_agency(agency_a, created=False, actor=personas["admin"])
    url = reverse(
        "audit_manage:history", kwargs={"object_type": "agencies.agency", "object_id": agency_a.pk}
    )
    assert_access(client_for, personas, url, row(**VIEW_A))


def test_officer_b_cannot_change_body_a_by_posting(personas, client_for, agency_a):
    response = client_for(personas["officer_b"]).post(
        reverse("agencies_manage:edit", kwargs={"code": "body-a"}), {"address": "被篡改"}
    )
    assert response.status_code == 404
    agency_a.refresh_from_db()
    assert agency_a.address != "被篡改"


def test_login_and_logout_are_not_staff_pages(client_for):
    assert client_for(None).get(reverse("manage:login")).status_code == 200
