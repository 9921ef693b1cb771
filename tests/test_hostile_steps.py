"""Hostile values through every declared workflow step form, on its real staff page (issue 15,
point 1). The steps come from the registry (`gongkai.workflow.steps.workflows()`), so a step
declared tomorrow is driven too. The user holds every capability on the record (an administrator
of the parent body), the record is put in a state where the step may be taken, and each field of
the step's form gets a plausible or a hostile value.

Every answer is a 400 page with a Chinese error, or a redirect; never a 500 (the test client
re-raises what a view lets escape). A refused step writes nothing: no ledger event of its action, no new row."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django import forms
from django.contrib.messages import constants as message_levels
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.agencies.models import Role
from gongkai.audit.models import Event
from gongkai.workflow.steps import workflows
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

HYPOTHESIS = settings(
    max_examples=5, deadline=None, suppress_health_check=list(HealthCheck), database=None
)
CHINESE = re.compile(r"[\u4e00-\u9fff]")

hostile = st.one_of(
    st.text(max_size=200),
    st.integers(min_value=-(2**64), max_value=2**64).map(str),
    st.sampled_from(
        [
            "\x00",
            "1" * 40,
            "9999-12-31",
            "0000-01-01",
            "0001-01-01",
            "-1",
            str(2**63),
            "1e400",
            "NaN",
            "a" * 20000,
            "\u202eمرحبا😀",
            "<script>alert(1)</script>",
            "",
        ]
    ),
)


def _plausible(field: forms.Field) -> st.SearchStrategy[str]:
    """A value the field would accept, so that hostile values in other fields reach the step."""
    if isinstance(field, forms.ModelChoiceField):
        pks = [str(pk) for pk in field.queryset.values_list("pk", flat=True)[:5]]
        return st.sampled_from(pks or [""])
    if isinstance(field, forms.ChoiceField):
        values = [str(v) for v, _ in field.choices if v not in ("", None)]
        return st.sampled_from(values or [""])
    if isinstance(field, forms.BooleanField):
        return st.sampled_from(["on", ""])
    if isinstance(field, forms.DateField):
        return st.just(dt.date.today().isoformat())
    if isinstance(field, (forms.IntegerField, forms.DecimalField, forms.FloatField)):
        return st.sampled_from(["1", "5"])
    return st.just("经核查，情况属实。")


# workflow name -> (make a record: (agencies, actor) -> record, the step URL)
def _item(ag, actor):
    from tests.publishing.helpers import draft

    return draft(ag["a"], actor)


def _report(ag, actor):
    from gongkai.reports import services as reports

    return reports.get_or_create_report(ag["a"], 2017, actor=actor)


def _ticket(ag, actor):
    from tests.hotline.helpers import new_ticket

    return new_ticket(ag["a"], actor=actor).ticket


def _assignment(ag, actor):
    from gongkai.hotline.services import TICKET

    ticket = _ticket(ag, actor)
    TICKET.run("dispatch", ticket, {"body": ag["b"].pk, "note": "请核查"}, actor=actor)
    return ticket.assignments.get()


RECORDS = {
    "publishing.item": (_item, "publishing_manage:step"),
    "reports.report": (_report, "reports_manage:step"),
    "hotline.ticket": (_ticket, "hotline_manage:ticket_step"),
    "hotline.assignment": (_assignment, "hotline_manage:assignment_step"),
}


def _steps_with_forms():
    out = []
    for wf_name, workflow in sorted(workflows().items()):
        if wf_name not in RECORDS:
            continue  # a throwaway workflow of another test
        for step in workflow.steps:
            if step.form is not None:
                out.append(pytest.param(wf_name, step.name, id=f"{wf_name}:{step.name}"))
    return out


def test_every_workflow_with_steps_is_driven():
    declared = {name for name, wf in workflows().items() if any(s.form for s in wf.steps)}
    # Not yet: applications (its steps render letters through LibreOffice, too slow for
    # hypothesis in `make test`); see /work/notes/hyp.md.
    declared -= {"applications.request"}
    declared = {n for n in declared if not n.startswith("wftest.")}
    assert declared <= set(RECORDS), f"add a record maker for {declared - set(RECORDS)}"


@pytest.fixture
def world(agency_parent, agency_a, agency_b):
    actor = UserFactory(username="hostile_admin")
    MembershipFactory(user=actor, agency=agency_parent, role=Role.ADMIN)
    MembershipFactory(user=actor, agency=agency_a, role=Role.ADMIN)
    MembershipFactory(user=actor, agency=agency_b, role=Role.ADMIN)
    return {"a": agency_a, "b": agency_b}, actor


def _row_counts(model, step) -> tuple[int, int]:
    return Event.objects.filter(action=step.action).count(), model.objects.count()


@pytest.mark.parametrize(("wf_name", "step_name"), _steps_with_forms())
@HYPOTHESIS
@given(data=st.data())
def test_a_step_form_answers_any_value(world, client_for, wf_name, step_name, data):
    agencies, actor = world
    workflow = workflows()[wf_name]
    step = workflow[step_name]
    make, url_name = RECORDS[wf_name]
    record = make(agencies, actor)
    if step.states and getattr(record, workflow.state_field) not in step.states:
        # Put the record where the step may be taken, so the values reach the step itself.
        state = data.draw(st.sampled_from(sorted(step.states)), label="state")
        type(record).objects.filter(pk=record.pk).update(**{workflow.state_field: state})
    form = step.bound_form()
    values = {
        name: data.draw(st.one_of(_plausible(field), hostile), label=name)
        for name, field in form.fields.items()
    }
    before = _row_counts(type(record), step)
    response = client_for(actor).post(reverse(url_name, args=[record.pk, step_name]), values)
    assert response.status_code in (302, 400, 403, 404, 409), response.status_code
    refused = response.status_code != 302 or any(
        m.level == message_levels.ERROR for m in response.wsgi_request._messages
    )
    if response.status_code == 400:
        assert CHINESE.search(response.content.decode())
    if refused:
        assert _row_counts(type(record), step) == before, "a refused step wrote something"
