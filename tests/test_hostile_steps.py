"""Hostile values through every declared workflow step form, on its real staff page (issue 15,
point 1). The steps come from the registry (`gongkai.workflow.steps.workflows()`), so a step
declared tomorrow is driven too. The user holds every capability on the record (an administrator
of the parent body), the record is put in a state where the step may be taken, and each field of
the step's form gets a plausible or a hostile value.

Every answer is a 400 page with a Chinese error, or a redirect; never a 500 (the test client
re-raises what a view lets escape). A refused step writes nothing: no ledger event of its action,
no new row in any table of the record's app, no file under MEDIA_ROOT. File fields get real
multipart parts whose names are sent as written (traversal, NUL, RTL, 300 characters) with empty,
truncated or random bodies. An example with no hostile field is plausible throughout, so accepted
steps really run (letters are rendered as DOCX by docxtpl; the PDF is only made on download);
`--hypothesis-show-statistics` shows how many examples each step took."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib.messages import constants as message_levels
from django.urls import reverse
from hypothesis import HealthCheck, event, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from gongkai.agencies.models import Role
from gongkai.audit.models import Event
from gongkai.workflow.steps import workflows
from tests.factories import MembershipFactory, UserFactory
from tests.hostile import BOUNDARY, CHINESE, RawFile, hostile, multipart

pytestmark = pytest.mark.django_db

HYPOTHESIS = hypothesis_settings(
    max_examples=10, deadline=None, suppress_health_check=list(HealthCheck), database=None
)
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
hostile_file = st.builds(
    RawFile,
    st.one_of(
        st.text(max_size=80),
        st.sampled_from(
            [
                "../../../etc/passwd.pdf",
                "..\\..\\windows\\x.pdf",
                "/etc/shadow.pdf",
                "a" * 300 + ".pdf",
                "nul\x00.pdf",
                ".pdf",
                "..",
                "",
                "材料.pdf.exe",
                "\u202efdp.exe",
            ]
        ),
    ),
    st.one_of(
        st.sampled_from([b"", PDF, PDF[:12], b"<html><script>alert(1)</script></html>"]),
        st.binary(max_size=2000),
    ),
)


def _file_value(field: forms.FileField) -> st.SearchStrategy:
    """No file, a real small PDF, or a file with a hostile name or body (several at once where
    the field takes several)."""
    one = st.one_of(st.just(RawFile("材料.pdf", PDF)), hostile_file)
    if getattr(field.widget, "allow_multiple_selected", False):
        return st.one_of(st.just(""), one, st.lists(one, min_size=2, max_size=6))
    return st.one_of(st.just(""), one)


def _plausible(field: forms.Field) -> st.SearchStrategy[str]:
    """A value the field would accept, so that hostile values in other fields reach the step."""
    if isinstance(field, forms.ModelChoiceField):
        pks = [str(pk) for pk in field.queryset.values_list("pk", flat=True)[:5]]
        chosen = st.sampled_from(pks or [""])
        # An optional choice (a reply's reason) left empty half the time: a chosen one must
        # also fit the other fields (the reason its outcome), which a random draw rarely does.
        return chosen if field.required else st.one_of(st.just(""), chosen)
    if isinstance(field, forms.ChoiceField):
        values = [str(v) for v, _ in field.choices if v not in ("", None)]
        return st.sampled_from(values or [""])
    if isinstance(field, forms.BooleanField):
        return st.sampled_from(["on", ""])
    if isinstance(field, forms.DateTimeField):  # a scheduled time: now (or empty), next week
        later = dt.datetime.now() + dt.timedelta(days=7)
        return st.sampled_from(["", later.strftime("%Y-%m-%dT%H:%M")])
    if isinstance(field, forms.DateField):
        today = dt.date.today()
        return st.sampled_from([(today + dt.timedelta(days=d)).isoformat() for d in (0, 60)])
    if isinstance(field, (forms.IntegerField, forms.DecimalField, forms.FloatField)):
        lo, hi = getattr(field, "min_value", None), getattr(field, "max_value", None)
        if lo is None or hi is None:
            return st.sampled_from(["1", "5", "300"])
        return st.sampled_from([str(lo), str(hi), str((lo + hi) // 2)])
    return st.just("经核查，情况属实。")


# workflow name -> (make a record: (agencies, actor, step name) -> record, the step URL, the
# models a step of it writes besides the record's own)
def _item(ag, actor, step):
    from tests.publishing.helpers import draft

    if not ag["a"].uscc:  # signing off gives the item its 索引号, made from the body's USCC
        ag["a"].uscc = "11370306999999998N"
        ag["a"].save(update_fields=["uscc"])
    return draft(ag["a"], actor)


def _report(ag, actor, step):
    from gongkai.reports import services as reports

    return reports.get_or_create_report(ag["a"], 2017, actor=actor)


def _ticket(ag, actor, step=""):
    """A ticket of centre A (the caller agreed to publication) taken through the steps before
    `step` (dispatched to B, signed, replied, called back, closed, published …), with the values
    its fields need that no field type tells (the number of a ticket to merge into, a
    knowledge-base entry)."""
    from gongkai.hotline.models import KnowledgeEntry, Partner
    from gongkai.hotline.services import ASSIGNMENT, TICKET
    from tests.hotline.helpers import new_ticket

    ticket = new_ticket(ag["a"], actor=actor, public_consent=True).ticket
    take = {
        "dispatch": (TICKET, {"body": ag["b"].pk, "note": "请核查"}),
        "sign": (ASSIGNMENT, {}),
        "extend": (ASSIGNMENT, {"days": 5, "reason": "需要协调相关单位"}),
        "reply": (ASSIGNMENT, {"reply": "已安排人员处理完毕。"}),
        "callback": (TICKET, {"result": "satisfied"}),
        "close": (TICKET, {}),
        "publish": (TICKET, {"title": "路灯维修", "question": "路灯坏了。", "answer": "已修复。"}),
    }
    answered = ["dispatch", "sign", "reply"]
    before = {
        "decide_extension": ["dispatch", "sign", "extend"],
        "callback": answered,
        "rework": answered,
        "close": [*answered, "callback"],
        "publish": [*answered, "callback", "close"],
        "unpublish": [*answered, "callback", "close", "publish"],
    }.get(step, [])
    fields: dict = {}
    if step in ("refer", "refer-result"):
        partner, _ = Partner.objects.get_or_create(
            agency=ag["a"], name="志愿服务队", defaults={"kind": "volunteer"}
        )
        fields["partner"] = [str(partner.pk)]
        if step == "refer-result":
            TICKET.run("refer", ticket, {"partner": partner.pk}, actor=actor)
    if step == "merge":
        fields["into"] = [new_ticket(ag["a"], actor=actor).ticket.ticket_no]
    if step == "answer":
        entry = KnowledgeEntry.objects.create(centre=ag["a"], title="路灯报修", answer="请拨打")
        fields["knowledge"] = ["", str(entry.pk)]
    for name in before:
        workflow, data = take[name]
        ticket.refresh_from_db()
        obj = ticket.assignments.latest("pk") if workflow is ASSIGNMENT else ticket
        workflow.run(name, obj, data, actor=actor)
    ticket.refresh_from_db()
    return ticket, fields


def _assignment(ag, actor, step):
    from gongkai.hotline.services import TICKET

    ticket, _ = _ticket(ag, actor)
    TICKET.run("dispatch", ticket, {"body": ag["b"].pk, "note": "请核查"}, actor=actor)
    return ticket.assignments.get()


def _application(ag, actor, step):
    """A request received today by body A, brought where `step` may be taken through the steps
    before it (a 补正 notice before the supplement; a pending draft before a leader returns it)."""
    from gongkai.applications.choices import Outcome
    from gongkai.applications.models import HandlingRules
    from gongkai.applications.services import APPLICATION
    from tests.applications.factories import make_application

    app = make_application(ag["a"]).application
    if step in ("draft-reply", "return-reply"):  # this body's replies are signed by a leader
        HandlingRules.objects.update_or_create(agency=ag["a"], defaults={"sign_off_required": True})
    before = {
        "supplement": ("supplement-notice", {"text": "请补充申请内容", "days": 10}),
        "return-reply": ("draft-reply", {"outcome": Outcome.GRANTED, "text": "予以公开。"}),
        "refuse-extension": ("request-extension", {"days": 5, "text": "需要调取档案"}),
    }.get(step)
    if before:
        name, data = before
        APPLICATION.run(name, app, data, actor=actor)
        app.refresh_from_db()
    return app


RECORDS = {
    "applications.request": (_application, "applications_manage:action"),
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
    declared = {n for n in declared if not n.startswith("wftest.")}
    assert declared <= set(RECORDS), f"add a record maker for {declared - set(RECORDS)}"


@pytest.fixture
def world(agency_parent, agency_a, agency_b):
    actor = UserFactory(username="hostile_admin")
    MembershipFactory(user=actor, agency=agency_parent, role=Role.ADMIN)
    MembershipFactory(user=actor, agency=agency_a, role=Role.ADMIN)
    MembershipFactory(user=actor, agency=agency_b, role=Role.ADMIN)
    return {"a": agency_a, "b": agency_b}, actor


def _written(model, step, media: Path) -> tuple:
    """What a step could write: its ledger events, the rows of every model of the record's app
    (determinations, drafts, clock events, attachments … not only the record's own table) and
    the files under MEDIA_ROOT (letters, uploaded attachments)."""
    rows = tuple(m.objects.count() for m in apps.get_app_config(model._meta.app_label).get_models())
    files = sum(len(names) for _, _, names in os.walk(media))
    return Event.objects.filter(action=step.action).count(), rows, files


@pytest.mark.parametrize(("wf_name", "step_name"), _steps_with_forms())
@HYPOTHESIS
@given(data=st.data())
def test_a_step_form_answers_any_value(world, client_for, wf_name, step_name, data):
    agencies, actor = world
    workflow = workflows()[wf_name]
    step = workflow[step_name]
    make, url_name = RECORDS[wf_name]
    made = make(agencies, actor, step_name)
    record, known = made if isinstance(made, tuple) else (made, {})
    if step.states and getattr(record, workflow.state_field) not in step.states:
        # Put the record where the step may be taken, so the values reach the step itself.
        state = data.draw(st.sampled_from(sorted(step.states)), label="state")
        type(record).objects.filter(pk=record.pk).update(**{workflow.state_field: state})
    form = step.bound_form()
    # Which fields get a hostile value: hypothesis shrinks this set towards none, so the
    # examples include plausible forms that the step really takes (and then must save right).
    names = sorted(form.fields)
    some = st.sets(st.sampled_from(names), min_size=1) if names else st.nothing()
    bad = data.draw(st.one_of(st.just(set()), some), label="hostile")
    values = {
        name: data.draw(
            _file_value(field)
            if isinstance(field, forms.FileField)
            else (
                hostile
                if name in bad
                else st.sampled_from(known[name])
                if name in known
                else _plausible(field)
            ),
            label=name,
        )
        for name, field in form.fields.items()
    }
    media = Path(settings.MEDIA_ROOT)
    before = _written(type(record), step, media)
    response = client_for(actor).post(
        reverse(url_name, args=[record.pk, step_name]),
        multipart(values),
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
    )
    assert response.status_code in (302, 400, 403, 404, 409), response.status_code
    errors = [m.message for m in response.wsgi_request._messages if m.level == message_levels.ERROR]
    refused = response.status_code != 302 or bool(errors)
    # `--hypothesis-show-statistics` shows how many examples the step took and why others not.
    event(
        f"refused {response.status_code} {errors[0][:30] if errors else ''}" if refused else "taken"
    )
    if response.status_code == 400:
        assert CHINESE.search(response.content.decode())
    if refused:
        assert _written(type(record), step, media) == before, "a refused step wrote something"
