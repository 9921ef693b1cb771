"""The step contract: one declaration reaches the page, the API and the CLI, and each of them
obeys its capability, states and input rules."""

import json

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import timezone

from gongkai.audit.actions import Action, label_for
from gongkai.audit.models import Event
from gongkai.publishing.models import Item
from gongkai.workflow.steps import StepError, workflows
from tests.workflow.throwaway import NOTE, NOTE_ADD, RETITLE

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(agency_a):
    return Item.objects.create(
        agency=agency_a, title="测试草稿", formed_on=timezone.localdate(), status="draft"
    )


def notes_on(item):
    return list(
        Event.objects.filter(action=NOTE_ADD, object_id=str(item.pk)).values_list(
            "after__text", "actor_name"
        )
    )


def test_actions_follow_the_grammar_and_carry_a_label():
    with pytest.raises(ValueError):
        Action("NoDots", "标签")
    with pytest.raises(ValueError):
        Action("a.b.c", "")
    assert NOTE_ADD == "wftest.item.note" and label_for(NOTE_ADD) == "添加测试批注"
    assert label_for("nobody.declared.this") == "其他操作"


def test_run_checks_permission_state_and_input(draft, officer_a, reviewer_a):
    with pytest.raises(PermissionDenied):
        NOTE.run("note", draft, {"text": "好"}, actor=reviewer_a)
    with pytest.raises(StepError) as bad:
        NOTE.run("note", draft, {"text": "长" * 30}, actor=officer_a)
    assert "text" in bad.value.errors
    NOTE.run("note", draft, {"text": "好"}, actor=officer_a)
    draft.status = "submitted"
    with pytest.raises(StepError, match="当前状态下不能添加批注"):
        NOTE.run("note", draft, {"text": "再批"}, actor=officer_a)
    assert notes_on(draft) == [("好", officer_a.username)]


def test_a_step_needs_its_actor(draft):
    with pytest.raises(ValueError):
        NOTE.run("note", draft, {"text": "好"}, actor=None)


def test_change_locks_checks_and_records_the_step_with_before_and_after(draft, officer_a):
    draft.status = "submitted"
    draft.save()
    NOTE.run("retitle", draft, {"title": "新标题"}, actor=officer_a, validated=True)
    event = Event.objects.get(action=RETITLE, object_id=str(draft.pk))
    assert event.actor_name == officer_a.username and event.agency_id == draft.agency_id
    assert event.before == {"status": "submitted", "title": "测试草稿"}
    assert event.after == {"status": "submitted", "title": "新标题", "why": "测试"}
    # a refusal inside the block rolls the change back and records nothing
    with pytest.raises(StepError, match="不能用这个标题"):
        NOTE.run("retitle", draft, {"title": "坏"}, actor=officer_a, validated=True)
    assert Item.objects.get(pk=draft.pk).title == "新标题"
    assert Event.objects.filter(action=RETITLE).count() == 1
    # the state is checked again on the locked row, not on the caller's stale copy
    Item.objects.filter(pk=draft.pk).update(status="draft")
    with pytest.raises(StepError, match="当前状态下不能修改标题"):
        NOTE["retitle"].func(draft, actor=officer_a, title="再改")
    assert Event.objects.filter(action=RETITLE).count() == 1


def test_available_lists_only_what_this_user_may_do_now(draft, officer_a, reviewer_a):
    assert [s.name for s in NOTE.available(draft, officer_a)] == ["note"]
    assert NOTE.available(draft, reviewer_a) == []
    draft.status = "withdrawn"
    assert NOTE.available(draft, officer_a) == []


@pytest.mark.urls("tests.workflow.urls")
def test_the_page_view_runs_the_declared_step(draft, officer_a, officer_b):
    client = Client()
    client.force_login(officer_a)
    url = f"/wftest/{draft.pk}/steps/note/"
    assert client.post(url, {"text": ""}).status_code == 302
    assert notes_on(draft) == []
    assert client.post(url, {"text": "页面批注"}).status_code == 302
    assert notes_on(draft) == [("页面批注", officer_a.username)]
    assert client.post(f"/wftest/{draft.pk}/steps/nosuch/", {}).status_code == 404
    other = Client()
    other.force_login(officer_b)
    assert other.post(url, {"text": "越权"}).status_code == 404


def test_cli_runs_a_step_as_a_named_user(draft, officer_a, reviewer_a, capsys):
    from gongkai.cli import main

    with pytest.raises(SystemExit) as done:
        main(
            [
                "step",
                "run",
                "wftest.item",
                str(draft.pk),
                "note",
                "--as",
                officer_a.username,
                "--data",
                json.dumps({"text": "命令行"}),
            ]
        )
    assert done.value.code == 0
    assert notes_on(draft) == [("命令行", officer_a.username)]
    with pytest.raises(SystemExit) as refused:
        main(
            [
                "step",
                "run",
                "wftest.item",
                str(draft.pk),
                "note",
                "--as",
                reviewer_a.username,
                "--data",
                json.dumps({"text": "无权"}),
            ]
        )
    assert refused.value.code == 2
    assert "权限" in capsys.readouterr().err


def test_step_list_shows_every_declared_workflow(capsys):
    from gongkai.cli import main

    with pytest.raises(SystemExit):
        main(["step", "list", "--json"])
    listed = json.loads(capsys.readouterr().out)
    assert set(listed) == set(workflows())
    assert listed["wftest.item"]["steps"][0]["action"] == "wftest.item.note"


@pytest.mark.urls("tests.workflow.urls")
def test_the_api_lists_and_runs_the_declared_step(draft, officer_a, reviewer_a):
    client = Client()
    client.force_login(officer_a)
    listed = client.get(f"/wftest-api/notes/{draft.pk}/steps").json()
    assert [s["name"] for s in listed] == ["note"]
    bad = client.post(
        f"/wftest-api/notes/{draft.pk}/steps/note",
        {"data": {"text": ""}},
        content_type="application/json",
    )
    assert bad.status_code == 400 and "text" in bad.json()["errors"]
    ok = client.post(
        f"/wftest-api/notes/{draft.pk}/steps/note",
        {"data": {"text": "接口批注"}},
        content_type="application/json",
    )
    assert ok.status_code == 200 and ok.json()["detail"] == "已添加批注。"
    assert notes_on(draft) == [("接口批注", officer_a.username)]
    reviewer = Client()
    reviewer.force_login(reviewer_a)
    assert reviewer.get(f"/wftest-api/notes/{draft.pk}/steps").json() == []
    denied = reviewer.post(
        f"/wftest-api/notes/{draft.pk}/steps/note",
        {"data": {"text": "越权"}},
        content_type="application/json",
    )
    assert denied.status_code == 403
