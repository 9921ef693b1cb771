"""Notices the worker could not send: listed for the body's administrators (who, which step,
which channel, the error, the attempts), a workbench count while there are some, and a resend
that is recorded in the ledger and sends only the channel that failed."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail

from gongkai.agencies.models import Role
from gongkai.applications import notify
from gongkai.applications.models import ApplicantNotice
from gongkai.audit.models import Event
from gongkai.core import sms
from gongkai.core.jobs import MAX_ATTEMPTS, run_due
from gongkai.core.models import Job
from tests.factories import MembershipFactory, UserFactory

from .factories import make_application, person_data

pytestmark = pytest.mark.django_db
COVERED_URL_NAMES = {"applications_manage:failed_notices", "applications_manage:notice_resend"}
URL = "/manage/applications/notices/failed/"
MOBILE = "13800138000"


class DownGateway:
    def send(self, phone, text):
        raise OSError("短信网关无应答")


@pytest.fixture
def admin_a(agency_a):
    user = UserFactory(username="admin_a")
    MembershipFactory(user=user, agency=agency_a, role=Role.ADMIN)
    return user


@pytest.fixture
def admin_b(agency_b):
    user = UserFactory(username="admin_b")
    MembershipFactory(user=user, agency=agency_b, role=Role.ADMIN)
    return user


def exhaust(notice: ApplicantNotice) -> None:
    """Run the worker until it gives up (its retries are scheduled later; bring them forward)."""
    for _ in range(MAX_ATTEMPTS + 1):
        Job.objects.filter(kind=notify.JOB, done_at__isnull=True).update(
            run_after=notice.created_at
        )
        run_due()


@pytest.fixture
def failed(agency_a, settings):
    settings.GONGKAI_SMS_BACKEND = f"{__name__}.DownGateway"
    app = make_application(agency_a, date(2025, 3, 3), data=person_data(phone=MOBILE)).application
    notice = app.notices.get()
    exhaust(notice)
    notice.refresh_from_db()
    assert notice.attempts == MAX_ATTEMPTS and "短信网关无应答" in notice.last_error
    assert len(mail.outbox) == 1  # the e-mail went out on the first attempt, once
    return notice


def test_the_administrator_sees_who_which_step_channel_error_and_attempts(
    client_for, admin_a, failed
):
    html = client_for(admin_a).get(URL).content.decode()
    app = failed.application
    assert app.receipt_no in html and "<td>张*</td>" in html and app.name not in html
    assert f"<td>{failed.get_kind_display()}</td>" in html
    assert "短信（138****8000）：短信网关无应答" in html and MOBILE not in html
    assert f"{MAX_ATTEMPTS} 次" in html and "已停止自动重试" in html and "重新发送" in html


def test_only_administrators_of_the_body_see_it(client_for, failed, officer_a, leader_a, admin_b):
    assert client_for(officer_a).get(URL).status_code == 403
    assert client_for(leader_a).get(URL).status_code == 403
    html = client_for(admin_b).get(URL).content.decode()
    assert failed.application.receipt_no not in html and "没有发送失败的通知" in html
    resend = f"/manage/applications/notices/{failed.pk}/resend/"
    assert client_for(admin_b).post(resend).status_code == 404
    assert client_for(officer_a).post(resend).status_code == 403
    assert client_for(None).get(URL).status_code == 302


def test_the_workbench_counts_them_while_there_are_some(client_for, admin_a, failed, settings):
    page = client_for(admin_a).get("/manage/").content.decode()
    assert "未能发送给申请人的通知" in page and URL in page
    settings.GONGKAI_SMS_BACKEND = "gongkai.core.sms.MemoryBackend"
    sms.MemoryBackend.outbox = []
    client_for(admin_a).post(f"/manage/applications/notices/{failed.pk}/resend/")
    run_due()
    page = client_for(admin_a).get("/manage/").content.decode()
    assert "未能发送给申请人的通知" not in page


def test_resend_is_audited_and_sends_only_the_failed_channel(client_for, admin_a, failed, settings):
    settings.GONGKAI_SMS_BACKEND = "gongkai.core.sms.MemoryBackend"
    sms.MemoryBackend.outbox = []
    response = client_for(admin_a).post(f"/manage/applications/notices/{failed.pk}/resend/")
    assert response.status_code == 302
    event = Event.objects.get(action="applications.notice.resend")
    assert event.actor_id == admin_a.pk and event.object_id == str(failed.application_id)
    run_due()
    failed.refresh_from_db()
    assert failed.last_error == "" and failed.sms_sent_at is not None
    assert sms.MemoryBackend.outbox == [(MOBILE, failed.text)]
    assert len(mail.outbox) == 1  # the e-mail that went out is not sent again
    html = client_for(admin_a).get(URL).content.decode()
    assert failed.application.receipt_no not in html


def test_no_resend_while_the_worker_still_retries(client_for, admin_a, agency_a, settings):
    settings.GONGKAI_SMS_BACKEND = f"{__name__}.DownGateway"
    app = make_application(agency_a, date(2025, 3, 3), data=person_data(phone=MOBILE)).application
    run_due()
    notice = app.notices.get()
    html = client_for(admin_a).get(URL).content.decode()
    assert app.receipt_no in html and "等待自动重试" in html
    client = client_for(admin_a)
    response = client.post(f"/manage/applications/notices/{notice.pk}/resend/")
    assert "仍在自动重试" in client.get(response["Location"]).content.decode()
    assert not Event.objects.filter(action="applications.notice.resend").exists()
