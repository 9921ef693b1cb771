"""The leader's sign-off queue on the workbench: drafted replies and extension requests waiting
for a signature, counted in the applications app's one aggregate query, linked to the worklist's
?sign=1 that lists exactly those requests; an officer (who cannot sign) sees no such line."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.applications import services
from gongkai.applications.choices import Outcome
from gongkai.applications.models import Application
from gongkai.applications.todos import todos
from gongkai.core.workbench import collect

from .factories import make_application

pytestmark = pytest.mark.django_db
LABEL = "待签批的答复和延期申请"


@pytest.fixture(autouse=True)
def sign_off_on(settings):
    settings.GONGKAI_REPLY_SIGN_OFF = True


def run(name, app, user, **data):
    app = Application.objects.get(pk=app.pk)
    return services.APPLICATION.run(name, app, data, actor=user)


def sign_line(user):
    return next((t for a in collect(user) for t in a.todos if t.label == LABEL), None)


def _recent():
    from django.utils import timezone

    from gongkai.applications import clock

    return clock.current_calendar().add_workdays(timezone.localdate(), -3)


def test_leader_sees_replies_and_extensions_waiting_for_a_signature(
    client_for, agency_a, agency_b, officer_a, leader_a, officer_b
):
    reply = make_application(agency_a).application
    run("draft-reply", reply, officer_a, outcome=Outcome.GRANTED, text="予以公开")
    extension = make_application(agency_a, _recent()).application
    run("request-extension", extension, officer_a, days=10, text="需要调取档案")
    make_application(agency_a)  # nothing drafted: not in the queue
    elsewhere = make_application(agency_b).application  # another body's draft
    run("draft-reply", elsewhere, officer_b, outcome=Outcome.GRANTED, text="予以公开")

    line = sign_line(leader_a)
    assert line is not None and line.count == 2
    assert line.url.endswith("sign=1")
    page = client_for(leader_a).get(line.url).content.decode()
    assert reply.receipt_no in page and extension.receipt_no in page
    assert elsewhere.receipt_no not in page

    run("sign-reply", reply, leader_a)  # signed: no longer waiting
    assert sign_line(leader_a).count == 1
    dashboard = client_for(leader_a).get("/manage/").content.decode()
    assert LABEL in dashboard and "sign=1" in dashboard


def test_officer_has_no_sign_off_line(client_for, agency_a, officer_a):
    app = make_application(agency_a).application
    run("draft-reply", app, officer_a, outcome=Outcome.GRANTED, text="予以公开")
    assert sign_line(officer_a) is None
    assert LABEL not in client_for(officer_a).get("/manage/").content.decode()


def test_sign_queue_costs_one_query_whatever_the_number_of_drafts(agency_a, officer_a, leader_a):
    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            todos(leader_a)
        return len(ctx.captured_queries)

    app = make_application(agency_a).application
    run("draft-reply", app, officer_a, outcome=Outcome.GRANTED, text="予以公开")
    todos(leader_a)  # warm the membership and calendar caches
    few = queries()
    for _ in range(8):
        other = make_application(agency_a).application
        run("draft-reply", other, officer_a, outcome=Outcome.GRANTED, text="予以公开")
    assert sign_line(leader_a).count == 9
    assert queries() == few
