"""Every staff page and step, for every persona (TEAM.md): 200/302/302-to-login/403/404."""

import pytest

from gongkai.applications import services
from gongkai.applications.choices import ApplicationStatus
from gongkai.applications.models import Application
from tests.access import LOGIN, check

from .factories import make_application, pdf_file, person_data

pytestmark = pytest.mark.django_db

COVERED_URL_NAMES = {
    "applications_manage:worklist",
    "applications_manage:register",
    "applications_manage:disputes",
    "applications_manage:detail",
    "applications_manage:action",
    "applications_manage:dispute_add",
    "applications_manage:dispute_edit",
    "applications_manage:receipt",
    "applications_manage:letter",
    "applications_manage:attachment",
    "applications_manage:notifications",
}
PERSONAS = [
    "anonymous",
    "citizen",
    "officer_a",
    "reviewer_a",
    "leader_a",
    "officer_b",
    "supervisor",
    "admin_user",
]

VIEW = {
    "anonymous": LOGIN,
    "citizen": 403,
    "officer_a": 200,
    "reviewer_a": 200,
    "leader_a": 200,
    "officer_b": 404,
    "supervisor": 200,
    "admin_user": 200,
}
LIST = {**VIEW, "officer_b": 200}
REGISTER = {
    "anonymous": LOGIN,
    "citizen": 403,
    "officer_a": 200,
    "reviewer_a": 403,
    "leader_a": 403,
    "officer_b": 200,
    "supervisor": 403,
    "admin_user": 200,
}
EDIT = {
    "anonymous": LOGIN,
    "citizen": 403,
    "officer_a": 302,
    "reviewer_a": 403,
    "leader_a": 403,
    "officer_b": 404,
    "supervisor": 403,
    "admin_user": 302,
}
SIGN_OFF = {**EDIT, "officer_a": 403, "leader_a": 302}
OWN = {**LIST}  # every staff member sees their own reminders


@pytest.fixture
def app_a(agency_a, officer_a):
    receipt = make_application(agency_a, data=person_data(), files=[pdf_file()])
    app = receipt.application
    services.notify_supplement(app, text="请补正", days=5, actor=officer_a)
    return app


def persona(request, name):
    return None if name == "anonymous" else request.getfixturevalue(name)


def pages(app):
    det = app.determinations.get()
    att = app.attachments.get()
    return [
        ("/manage/applications/", LIST),
        ("/manage/applications/?show=all", LIST),
        ("/manage/applications/disputes/", LIST),
        ("/manage/applications/new/", REGISTER),
        ("/manage/applications/notifications/", OWN),
        (f"/manage/applications/{app.pk}/", VIEW),
        (f"/manage/applications/{app.pk}/receipt.pdf", VIEW),
        (f"/manage/applications/{app.pk}/receipt.docx", VIEW),
        (f"/manage/applications/{app.pk}/letters/{det.pk}.docx", VIEW),
        (f"/manage/applications/{app.pk}/letters/{det.pk}.pdf", VIEW),
        (f"/manage/applications/{app.pk}/attachments/{att.pk}/", VIEW),
    ]


@pytest.mark.parametrize("who", PERSONAS)
def test_every_staff_page_answers_each_persona_as_the_roles_say(request, client_for, app_a, who):
    client = client_for(persona(request, who))
    for url, table in pages(app_a):
        check(client.get(url), table[who])


STEPS = [
    ("supplement", {"text": "补正内容"}, EDIT),
    ("supplement-lapse", {}, EDIT),
    ("withdraw", {"text": "撤回"}, EDIT),
]


@pytest.mark.parametrize("who", PERSONAS)
@pytest.mark.parametrize("step, data, table", STEPS)
def test_every_step_on_a_waiting_request_is_allowed_only_to_editors(
    request, client_for, app_a, who, step, data, table
):
    response = client_for(persona(request, who)).post(
        f"/manage/applications/{app_a.pk}/do/{step}/", data
    )
    check(response, table[who])


OPEN_STEPS = [
    ("supplement-notice", {"text": "请补正", "days": "5"}, EDIT),
    ("consult", {"party": "某公司", "party_kind": "third_party", "text": "某公司的合同"}, EDIT),
    ("extend", {"days": "10", "text": "需要检索"}, SIGN_OFF),
    ("fee", {"method": "per_page", "quantity": "100"}, EDIT),
    ("art35", {"until": "2030-01-01", "text": "数量明显超过合理范围"}, EDIT),
    ("reply", {"outcome": "granted", "text": "予以公开"}, EDIT),
]


@pytest.mark.parametrize("who", PERSONAS)
@pytest.mark.parametrize("step, data, table", OPEN_STEPS)
def test_every_step_on_an_open_request_is_allowed_only_to_its_role(
    request, client_for, agency_a, who, step, data, table
):
    app = make_application(agency_a).application
    response = client_for(persona(request, who)).post(
        f"/manage/applications/{app.pk}/do/{step}/", data
    )
    check(response, table[who])
    changed = Application.objects.get(pk=app.pk).determinations.exists()
    assert changed == (table[who] == 302)


@pytest.mark.parametrize("who", PERSONAS)
def test_recording_a_dispute_needs_edit(request, client_for, app_a, who):
    data = {"kind": "review", "filed_on": "2025-05-01", "result": "pending"}
    response = client_for(persona(request, who)).post(
        f"/manage/applications/{app_a.pk}/disputes/", data
    )
    check(response, EDIT[who])
    assert app_a.disputes.exists() == (EDIT[who] == 302)


@pytest.mark.parametrize("who", PERSONAS)
def test_editing_a_dispute_needs_edit(request, client_for, app_a, who):
    dispute = app_a.disputes.create(agency=app_a.agency, kind="review", filed_on="2025-05-01")
    data = {
        "kind": "review",
        "filed_on": "2025-05-01",
        "result": "upheld",
        "decided_on": "2025-06-01",
    }
    response = client_for(persona(request, who)).post(
        f"/manage/applications/{app_a.pk}/disputes/{dispute.pk}/", data
    )
    check(response, EDIT[who])
    dispute.refresh_from_db()
    assert (dispute.result == "upheld") == (EDIT[who] == 302)


@pytest.mark.parametrize("who", PERSONAS)
def test_staff_api_follows_the_same_scope(request, client_for, app_a, who):
    client = client_for(persona(request, who))
    response = client.get(f"/api/v1/manage/applications/{app_a.pk}")
    expected = {LOGIN: 401, 403: 403}.get(VIEW[who], VIEW[who])
    if who == "citizen":
        expected = 401  # the staff API is for staff members only
    assert response.status_code == expected


def test_an_unknown_step_is_404(client_for, officer_a, app_a):
    assert (
        client_for(officer_a).post(f"/manage/applications/{app_a.pk}/do/nope/", {}).status_code
        == 404
    )


def test_a_step_the_state_does_not_allow_gives_a_message_not_an_error(client_for, officer_a, app_a):
    client = client_for(officer_a)
    response = client.post(f"/manage/applications/{app_a.pk}/do/fee-paid/", {}, follow=True)
    assert "不在待缴费状态" in response.content.decode()
    assert Application.objects.get(pk=app_a.pk).status == ApplicationStatus.SUPPLEMENT


def test_each_user_sees_only_their_own_reminders(client_for, officer_a, leader_a, app_a):
    from gongkai.applications.models import Notification

    Notification.objects.create(user=officer_a, application=app_a, text="提醒甲")
    Notification.objects.create(user=leader_a, application=app_a, text="提醒乙")
    client = client_for(officer_a)
    html = client.get("/manage/applications/notifications/").content.decode()
    assert "提醒甲" in html and "提醒乙" not in html
    client.post("/manage/applications/notifications/")
    assert Notification.objects.get(user=officer_a).read_at is not None
    assert Notification.objects.get(user=leader_a).read_at is None


def test_the_staff_api_runs_a_step_with_the_pages_rules(client_for, officer_a, leader_a, agency_a):
    import json

    app = make_application(agency_a).application
    officer = client_for(officer_a)
    url = f"/api/v1/manage/applications/{app.pk}/steps/extend"
    body = json.dumps({"data": {"days": 10, "text": "需要检索"}})
    assert officer.post(url, body, content_type="application/json").status_code == 403
    leader = client_for(leader_a)
    response = leader.post(url, body, content_type="application/json")
    assert response.status_code == 200, response.content
    assert response.json()["due_on"] == Application.objects.get(pk=app.pk).due_on.isoformat()
    bad = officer.post(
        f"/api/v1/manage/applications/{app.pk}/steps/reply",
        json.dumps({"data": {"outcome": "partial"}}),
        content_type="application/json",
    )
    assert bad.status_code == 400 and "请填写答复内容" in bad.json()["errors"]["text"][0]
    listing = officer.get("/api/v1/manage/applications").json()
    assert [row["receipt_no"] for row in listing["items"]] == [app.receipt_no]


def test_only_editors_see_the_dispute_update_form(client_for, officer_a, supervisor, app_a):
    app_a.disputes.create(agency=app_a.agency, kind="suit_direct", filed_on="2025-05-01")
    assert (
        "更新结果"
        in client_for(officer_a).get(f"/manage/applications/{app_a.pk}/").content.decode()
    )
    page = client_for(supervisor).get(f"/manage/applications/{app_a.pk}/").content.decode()
    assert "行政诉讼（未经复议直接起诉）" in page and "更新结果" not in page
