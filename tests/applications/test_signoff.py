"""Reply and extension as offices handle them: the officer drafts, the leader signs or returns,
only a signed reply is issued; nobody approves their own work; the officer cannot sign."""

import pytest
from django.core.exceptions import PermissionDenied
from django.utils.datastructures import MultiValueDict

from gongkai.applications import services
from gongkai.applications.choices import ApplicationStatus, DraftStatus, Outcome
from gongkai.applications.models import Application, HandlingRules, Reason
from gongkai.audit.models import Event
from gongkai.workflow.steps import StepError

from .factories import make_application, pdf_file

pytestmark = pytest.mark.django_db
RECEIVED = None  # today (extensions need a running clock)
URL = "/manage/applications/{pk}/do/{step}/"


@pytest.fixture(autouse=True)
def sign_off_on(settings):
    settings.GONGKAI_REPLY_SIGN_OFF = True  # the deployment default


def run(name, app, user, files=None, **data):
    app = Application.objects.get(pk=app.pk)
    return services.APPLICATION.run(name, app, data, actor=user, files=files)


def recent():
    from django.utils import timezone

    from gongkai.applications import clock

    return clock.current_calendar().add_workdays(timezone.localdate(), -3)


def test_sign_off_is_on_by_default_in_a_deployment():
    from gongkai.conf import VARIABLES

    assert VARIABLES["GONGKAI_REPLY_SIGN_OFF"].default == "true"


def test_a_direct_reply_is_refused_while_sign_off_is_on(agency_a, officer_a):
    app = make_application(agency_a, RECEIVED).application
    with pytest.raises(StepError, match="须经负责人签发"):
        run("reply", app, officer_a, outcome=Outcome.GRANTED, text="予以公开")


def test_a_body_may_turn_sign_off_off(agency_a, officer_a):
    HandlingRules.objects.create(agency=agency_a, sign_off_required=False)
    app = make_application(agency_a, RECEIVED).application
    run("reply", app, officer_a, outcome=Outcome.GRANTED, text="予以公开")
    assert Application.objects.get(pk=app.pk).status == ApplicationStatus.CLOSED


def test_draft_sign_issue_with_the_disclosed_file(agency_a, officer_a, leader_a):
    app = make_application(agency_a, RECEIVED).application
    draft = run(
        "draft-reply",
        app,
        officer_a,
        outcome=Outcome.GRANTED,
        text="予以公开，见附件。",
        files=MultiValueDict({"attachments": [pdf_file("出让计划.pdf")]}),
    )
    app.refresh_from_db()
    assert (
        app.status == ApplicationStatus.OPEN
        and not app.determinations.filter(kind="reply").exists()
    )
    assert not app.notices.filter(kind="reply").exists()  # nothing to the applicant yet
    att = draft.attachments.get()
    from gongkai.applications.releases import released_files

    assert not released_files(app).exists()  # a draft's file is not the applicant's yet
    det = run("sign-reply", app, leader_a)
    app.refresh_from_db()
    assert app.status == ApplicationStatus.CLOSED and app.outcome == Outcome.GRANTED
    assert det.created_by == officer_a and det.approved_by == leader_a and det.letter_no
    assert list(released_files(app)) == [att]
    assert app.notices.filter(kind="reply").count() == 1
    draft.refresh_from_db()
    assert draft.status == DraftStatus.SIGNED and draft.determination == det
    actions = list(Event.objects.filter(object_id=str(app.pk)).values_list("action", flat=True))
    assert "applications.draft.submit" in actions and "applications.draft.sign" in actions


def test_the_officer_cannot_sign(agency_a, officer_a):
    app = make_application(agency_a, RECEIVED).application
    run("draft-reply", app, officer_a, outcome=Outcome.GRANTED, text="予以公开")
    with pytest.raises(PermissionDenied):
        run("sign-reply", app, officer_a)


def test_nobody_signs_their_own_draft(agency_a, admin_user):
    # An administrator holds every capability; still not both hands on one reply.
    app = make_application(agency_a, RECEIVED).application
    run("draft-reply", app, admin_user, outcome=Outcome.GRANTED, text="予以公开")
    with pytest.raises(StepError, match="不能签批自己拟写的答复"):
        run("sign-reply", app, admin_user)
    run("request-extension", app, admin_user, days=5, text="需要调取档案")
    with pytest.raises(StepError, match="不能签批自己拟写的延期申请"):
        run("approve-extension", app, admin_user)


def test_returned_with_a_reason_the_officer_drafts_again(agency_a, officer_a, leader_a):
    app = make_application(agency_a, RECEIVED).application
    run("draft-reply", app, officer_a, outcome=Outcome.GRANTED, text="予以公开")
    with pytest.raises(StepError):
        run("return-reply", app, leader_a)  # a return needs its reason
    draft = run("return-reply", app, leader_a, reason="应部分公开，涉及第三方信息")
    assert draft.status == DraftStatus.RETURNED and "第三方" in draft.return_reason
    with pytest.raises(StepError, match="没有待签发的答复"):
        run("sign-reply", app, leader_a)
    reason = Reason.objects.filter(outcome=Outcome.PARTIAL).first()
    run("draft-reply", app, officer_a, outcome=Outcome.PARTIAL, text="部分公开", reason=reason.pk)
    det = run("sign-reply", app, leader_a)
    assert det.outcome == Outcome.PARTIAL and det.reason == reason


def test_a_reason_of_another_outcome_is_refused(agency_a, officer_a):
    app = make_application(agency_a, RECEIVED).application
    other = Reason.objects.exclude(outcome=Outcome.PARTIAL).first()
    with pytest.raises(StepError) as exc:
        run("draft-reply", app, officer_a, outcome=Outcome.PARTIAL, text="x", reason=other.pk)
    assert "所选理由与办理结果不一致" in str(exc.value.errors)


def test_the_page_offers_reasons_tagged_with_their_outcome(client_for, agency_a, officer_a):
    app = make_application(agency_a, RECEIVED).application
    html = client_for(officer_a).get(f"/manage/applications/{app.pk}/").content.decode()
    assert 'data-filter-by="id_draft-reply_outcome"' in html
    assert 'data-outcome="partial"' in html
    assert "签发答复" not in html  # the officer is not offered the leader's step


def test_extension_requested_by_the_officer_approved_by_the_leader(agency_a, officer_a, leader_a):
    app = make_application(agency_a, recent()).application
    due = app.due_on
    run("request-extension", app, officer_a, days=10, text="需要调取档案")
    assert Application.objects.get(pk=app.pk).due_on == due  # not before the approval
    with pytest.raises(PermissionDenied):
        run("approve-extension", app, officer_a)
    det = run("approve-extension", app, leader_a)
    app.refresh_from_db()
    assert det.kind == "extension" and det.approved_by == leader_a and app.due_on > due
    from gongkai.applications import letters

    text = letters.docx_text(letters.letter_bytes(det))
    assert "政府信息公开申请延期答复告知书" in text and "需要调取档案" in text
    assert f"{app.due_on.year}年{app.due_on.month}月{app.due_on.day}日" in text
    with pytest.raises(StepError, match="已延期"):
        run("request-extension", app, officer_a, days=5, text="再延")


def test_an_extension_can_be_refused_with_a_reason(agency_a, officer_a, leader_a):
    app = make_application(agency_a, RECEIVED).application
    run("request-extension", app, officer_a, days=10, text="需要调取档案")
    draft = run("refuse-extension", app, leader_a, reason="尚在期限内，可以按时答复")
    assert draft.status == DraftStatus.RETURNED
    assert not Application.objects.get(pk=app.pk).extended


def test_the_leaders_queue_lists_what_waits_for_signing(client_for, agency_a, officer_a, leader_a):
    a = make_application(agency_a, RECEIVED).application
    b = make_application(agency_a, RECEIVED).application
    run("draft-reply", a, officer_a, outcome=Outcome.GRANTED, text="予以公开")
    run("request-extension", b, officer_a, days=10, text="需要调取档案")
    c = make_application(agency_a, RECEIVED).application
    html = client_for(leader_a).get("/manage/applications/", {"sign": "1"}).content.decode()
    assert a.receipt_no in html and b.receipt_no in html and c.receipt_no not in html
    assert "待签发答复" in html and "待审批延期" in html


def test_the_page_signs_through_the_step_url(client_for, agency_a, officer_a, leader_a):
    app = make_application(agency_a, RECEIVED).application
    officer, leader = client_for(officer_a), client_for(leader_a)
    r = officer.post(
        URL.format(pk=app.pk, step="draft-reply"),
        {"outcome": "granted", "text": "予以公开，见附件", "attachments": [pdf_file("a.pdf")]},
    )
    assert r.status_code == 302
    assert officer.post(URL.format(pk=app.pk, step="sign-reply")).status_code == 403
    assert leader.post(URL.format(pk=app.pk, step="sign-reply")).status_code == 302
    assert Application.objects.get(pk=app.pk).status == ApplicationStatus.CLOSED


def test_a_body_rule_left_empty_follows_the_deployment_setting(agency_a, settings):
    rules = HandlingRules.objects.create(agency=agency_a, letter_code="甲信公开")
    assert services.sign_off_required(agency_a) is True
    settings.GONGKAI_REPLY_SIGN_OFF = False
    assert services.sign_off_required(agency_a) is False
    rules.sign_off_required = True
    rules.save()
    assert services.sign_off_required(agency_a) is True
