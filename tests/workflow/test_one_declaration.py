"""Acceptance (issue 10): a new step on a real app's workflow is one declaration. A step declared
here on the publishing item workflow shows on the item's staff page, in the API and in the CLI,
runs through each of them, and is gone everywhere once removed."""

import json

import pytest
from django import forms
from django.urls import reverse

from gongkai.agencies.scope import Capability
from gongkai.audit.actions import Action
from gongkai.audit.models import Event
from gongkai.audit.services import record
from gongkai.publishing.models import ItemStatus
from gongkai.publishing.steps import ITEM
from tests.publishing.helpers import draft

pytestmark = pytest.mark.django_db

FLAG = Action("publishing.item.flag", "标记待核对")


class FlagForm(forms.Form):
    note = forms.CharField(label="核对事项", max_length=50)


def flag(item, *, actor, note):
    record(FLAG, item, actor=actor, after={"note": note})


@pytest.fixture
def flag_step():
    ITEM.declare(
        "flag",
        "标记待核对",
        flag,
        capability=Capability.EDIT,
        action=FLAG,
        states={ItemStatus.DRAFT},
        form=FlagForm,
        done="已标记。",
    )
    yield ITEM["flag"]
    ITEM.remove("flag")


def notes(item):
    return list(
        Event.objects.filter(action=FLAG, object_id=str(item.pk)).values_list(
            "after__note", "actor_name"
        )
    )


def run_cli(*args):
    from gongkai.cli import main

    with pytest.raises(SystemExit) as done:
        main(list(args))
    return done.value.code


def test_a_declared_step_reaches_page_api_and_cli_and_leaves_with_remove(
    flag_step, agency_a, officer_a, reviewer_a, client_for, capsys
):
    item = draft(agency_a, officer_a)
    page_url = reverse("publishing_manage:item", args=[item.pk])
    officer = client_for(officer_a)

    # The staff page offers it (to the officer, not to the reviewer) and runs it.
    html = officer.get(page_url).content.decode()
    assert 'id="step-flag"' in html and "核对事项" in html
    assert 'id="step-flag"' not in client_for(reviewer_a).get(page_url).content.decode()
    step_url = reverse("publishing_manage:step", args=[item.pk, "flag"])
    assert officer.post(step_url, {"note": "页面"}).status_code == 302
    assert client_for(reviewer_a).post(step_url, {"note": "越权"}).status_code == 403

    # The API lists it and runs it, with the form's rules.
    api = f"/api/v1/publishing/items/{item.pk}/steps"
    assert "flag" in [s["name"] for s in officer.get(api).json()]
    bad = officer.post(f"{api}/flag", {"data": {}}, content_type="application/json")
    assert bad.status_code == 400 and "note" in bad.json()["errors"]
    ok = officer.post(f"{api}/flag", {"data": {"note": "接口"}}, content_type="application/json")
    assert ok.status_code == 200 and ok.json()["status"] == ItemStatus.DRAFT

    # The CLI lists it and runs it as a named user.
    assert run_cli("step", "list", "--json") == 0
    listed = json.loads(capsys.readouterr().out)
    assert "flag" in [s["name"] for s in listed["publishing.item"]["steps"]]
    data = json.dumps({"note": "命令行"})
    assert run_cli("step", "run", "publishing.item", str(item.pk), "flag", "--as", "officer_a",
                   "--data", data) == 0  # fmt: skip
    assert notes(item) == [
        ("页面", officer_a.username),
        ("接口", officer_a.username),
        ("命令行", officer_a.username),
    ]

    # Removed: gone from the page, the API and the CLI.
    ITEM.remove("flag")
    assert 'id="step-flag"' not in officer.get(page_url).content.decode()
    assert "flag" not in [s["name"] for s in officer.get(api).json()]
    assert officer.post(step_url, {"note": "已删除"}).status_code == 404
    capsys.readouterr()
    assert run_cli("step", "run", "publishing.item", str(item.pk), "flag", "--as", "officer_a",
                   "--data", data) == 2  # fmt: skip
    assert len(notes(item)) == 3
