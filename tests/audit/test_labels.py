"""The history pages name actions and objects in Chinese, never `publishing.item.create`."""

import pytest

from gongkai.audit.actions import Action
from gongkai.audit.labels import action_label, object_labels
from tests.publishing.helpers import draft

pytestmark = pytest.mark.django_db


def test_a_declared_action_shows_its_own_label():
    Action("portaltest.thing.inspect", "检查测试对象")
    assert action_label("portaltest.thing.inspect") == "检查测试对象"
    assert action_label("publishing.item.create") != "其他操作"  # declared by publishing


@pytest.mark.parametrize(
    ("code", "label"),
    [
        ("oldapp.item.create", "新建信息"),
        ("membership.delete", "删除人员角色"),
        ("calendar.day_update", "修改日期工作日历"),
        ("whatever.thing.frobnicate", "其他操作"),
    ],
)
def test_an_undeclared_action_is_named_from_its_parts(code, label):
    assert action_label(code) == label


def test_objects_are_named_by_their_title_and_a_deleted_one_says_so(agency_a, officer_a):
    item = draft(agency_a, officer_a, title="关于政务公开的通知")
    labels = object_labels([("publishing.item", str(item.pk)), ("publishing.item", "999999")])
    assert labels[("publishing.item", str(item.pk))].endswith("《关于政务公开的通知》")
    assert labels[("publishing.item", "999999")].endswith("（已删除）")


def test_the_history_page_shows_chinese_names_only(agency_a, officer_a, client_for):
    item = draft(agency_a, officer_a, title="关于政务公开的通知")
    page = client_for(officer_a).get(f"/manage/audit/publishing.item/{item.pk}/").content.decode()
    assert "《关于政务公开的通知》" in page
    assert "publishing.item" not in page.split("<main", 1)[1].replace(
        "/manage/audit/publishing.item/", ""
    )
    assert f"#{item.pk}" not in page
