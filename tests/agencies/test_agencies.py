import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gongkai.agencies.actions import AGENCY_UPDATE
from gongkai.agencies.models import Agency
from gongkai.rules.codes import check_org_code, check_uscc
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def test_it_accepts_a_valid_unified_social_credit_code():
    agency = AgencyFactory.build(uscc="11341702486344515H")
    try:
        agency.full_clean()
    except ValidationError as exc:
        pytest.fail(f"a valid code was refused: {exc}")


def test_it_refuses_a_wrong_check_character_and_names_the_expected_one():
    agency = AgencyFactory.build(uscc="91110000600037341X")
    with pytest.raises(ValidationError) as info:
        agency.full_clean()
    assert "第18位应为 L" in info.value.message_dict["uscc"][0]


def test_it_refuses_letters_the_standard_leaves_out():
    assert "不允许的字符“I”" in check_uscc("9111000060003734IL")


def test_org_code_checks_are_only_warnings():
    agency = AgencyFactory(org_code="035210000")
    agency.full_clean()  # saved and valid …
    assert "应为 8" in agency.org_code_warning()  # … but warned about
    assert check_org_code("00835003X") is None


def test_paths_follow_the_tree(agency_parent, agency_a):
    child = AgencyFactory(parent=agency_a)
    assert child.depth == 2
    assert child.path.startswith(agency_a.path) and agency_a.path.startswith(agency_parent.path)
    assert list(child.ancestors()) == [agency_parent, agency_a]


def test_subtree_is_one_query_and_excludes_siblings(agency_parent, agency_a, agency_b):
    grandchild = AgencyFactory(parent=agency_a)
    with CaptureQueriesContext(connection) as queries:
        codes = set(agency_a.subtree().values_list("code", flat=True))
    assert codes == {agency_a.code, grandchild.code}
    assert len(queries) == 1
    assert set(agency_parent.subtree(include_self=False).values_list("code", flat=True)) == {
        agency_a.code,
        agency_b.code,
        grandchild.code,
    }


def test_subtree_does_not_leak_into_a_neighbour_whose_id_shares_a_prefix(agency_parent):
    # Bodies 1 and 10 … 19: paths are fixed-width, so "…0001" never contains "…0010".
    bodies = [AgencyFactory(parent=agency_parent) for _ in range(12)]
    first = bodies[0]
    child_of_first = AgencyFactory(parent=first)
    assert set(first.subtree()) == {first, child_of_first}


def test_moving_a_body_moves_its_whole_subtree(agency_parent, agency_a, agency_b):
    child = AgencyFactory(parent=agency_a)
    agency_a.parent = agency_b
    agency_a.save()
    child.refresh_from_db()
    assert child.depth == 3
    assert child.path.startswith(agency_b.path)
    assert child in agency_b.subtree()


def test_it_refuses_a_parent_that_would_make_a_cycle(agency_parent, agency_a):
    child = AgencyFactory(parent=agency_a)
    agency_a.parent = child
    with pytest.raises(ValidationError) as info:
        agency_a.full_clean()
    assert "循环" in info.value.message_dict["parent"][0]
    agency_parent.parent = agency_parent
    with pytest.raises(ValidationError):
        agency_parent.full_clean()


def test_the_edit_form_refuses_a_cycle_with_a_message(
    admin_user, client_for, agency_parent, agency_a
):
    data = {
        "code": agency_parent.code,
        "name": agency_parent.name,
        "level": agency_parent.level,
        "kind": agency_parent.kind,
        "parent": agency_a.pk,
        "sort_order": 0,
        "is_active": "on",
    }
    response = client_for(admin_user).post(
        reverse("agencies_manage:edit", kwargs={"code": agency_parent.code}), data
    )
    assert response.status_code == 200
    assert "循环" in response.content.decode()
    agency_parent.refresh_from_db()
    assert agency_parent.parent is None


def test_the_edit_form_shows_the_check_character_error(officer_a, client_for, agency_a):
    response = client_for(officer_a).post(
        reverse("agencies_manage:edit", kwargs={"code": agency_a.code}),
        {"uscc": "91110000600037341X"},
    )
    assert "校验码错误：第18位应为 L" in response.content.decode()
    agency_a.refresh_from_db()
    assert agency_a.uscc == ""


def test_an_officer_edits_the_guide_and_the_ledger_records_it(officer_a, client_for, agency_a):
    from gongkai.audit.models import Event

    data = {
        "office_name": "甲局办公室",
        "address": "测试路1号",
        "postcode": "255300",
        "phone": "0533-6000001",
        "email": "gk@example.cn",
    }
    response = client_for(officer_a).post(
        reverse("agencies_manage:edit", kwargs={"code": agency_a.code}), data
    )
    assert response.status_code == 302
    event = Event.objects.get(action=AGENCY_UPDATE)
    assert event.actor == officer_a
    assert event.before["address"] == "" and event.after["address"] == "测试路1号"


def test_resolve_finds_by_code_or_name(agency_a):
    assert Agency.objects.resolve("body-a") == agency_a
    assert Agency.objects.resolve("测试区甲局") == agency_a
    with pytest.raises(Agency.DoesNotExist):
        Agency.objects.resolve("不存在的机关")
