"""The applicant is told at each step that concerns them: e-mail, SMS (pluggable), the tracking
page; written with the step (outbox), sent by the worker after commit, never twice."""

from datetime import date

import pytest
from django.core import mail

from gongkai.applications import notify, services
from gongkai.applications.choices import AttachmentKind, NoticeKind, Outcome
from gongkai.applications.models import ApplicantNotice, ApplicationFile
from gongkai.audit.models import Event
from gongkai.core import sms
from gongkai.core.jobs import run_due
from gongkai.core.models import Job

from .factories import make_application, pdf_file, person_data

pytestmark = pytest.mark.django_db
RECEIVED = date(2025, 3, 3)
MOBILE = "13800138000"


@pytest.fixture(autouse=True)
def memory_sms(settings):
    settings.GONGKAI_SMS_BACKEND = "gongkai.core.sms.MemoryBackend"
    sms.MemoryBackend.outbox = []
    settings.GONGKAI_SITE_URL = "https://xxgk.example.gov.cn"


def test_registration_is_acknowledged_by_mail_and_sms_after_the_worker_runs(agency_a):
    app = make_application(agency_a, RECEIVED, data=person_data(phone=MOBILE)).application
    notice = ApplicantNotice.objects.get(application=app)
    assert notice.kind == NoticeKind.ACKNOWLEDGED
    assert mail.outbox == [] and sms.MemoryBackend.outbox == []  # nothing before the worker
    run_due()
    assert [m.to for m in mail.outbox] == [["zhangsan@example.com"]]
    assert app.receipt_no in mail.outbox[0].body and "2025年3月31日" in mail.outbox[0].body
    link = f"https://xxgk.example.gov.cn/xxgk/{agency_a.code}/ysqgk/cx/{app.receipt_no}/"
    assert link in mail.outbox[0].body
    assert sms.MemoryBackend.outbox == [(MOBILE, notice.text)]
    run_due()
    assert len(mail.outbox) == 1 and len(sms.MemoryBackend.outbox) == 1  # sent once


def test_no_email_and_a_landline_get_no_message_but_the_page_still_has_it(agency_a):
    app = make_application(agency_a, RECEIVED, data=person_data(email="")).application
    run_due()
    assert mail.outbox == [] and sms.MemoryBackend.outbox == []
    assert app.notices.get().kind == NoticeKind.ACKNOWLEDGED


def test_each_step_that_concerns_the_applicant_notifies(agency_a, officer_a, leader_a):
    app = make_application(agency_a, RECEIVED).application
    services.notify_supplement(app, text="请写明文件名称", days=10, actor=officer_a, on=RECEIVED)
    app.refresh_from_db()
    services.receive_supplement(app, text="文件名称为……", actor=officer_a, on=date(2025, 3, 5))
    app.refresh_from_db()
    services.extend(
        app,
        days=10,
        text="需要调取档案",
        approved_by=leader_a,
        actor=leader_a,
        on=date(2025, 3, 10),
    )
    app.refresh_from_db()
    services.fee_notice(app, method="per_page", quantity=120, actor=officer_a, on=date(2025, 3, 11))
    app.refresh_from_db()
    services.fee_paid(app, actor=officer_a, on=date(2025, 3, 12))
    app.refresh_from_db()
    services.reply(
        app, outcome=Outcome.GRANTED, text="予以公开", actor=officer_a, on=date(2025, 3, 13)
    )
    kinds = list(app.notices.values_list("kind", flat=True))
    assert kinds == ["acknowledged", "supplement", "extension", "fee", "reply"]
    extension = app.notices.get(kind="extension").text
    assert "答复期限延长至" in extension
    run_due()
    assert len(mail.outbox) == 5


def test_a_step_that_fails_leaves_no_message_behind(agency_a, officer_a, monkeypatch):
    from gongkai.applications import steps

    app = make_application(agency_a, RECEIVED).application
    before = (ApplicantNotice.objects.count(), Job.objects.filter(kind=notify.JOB).count())

    def boom(*args, **kwargs):
        raise RuntimeError("crash after the notice was written")

    monkeypatch.setattr(steps, "close", boom)  # after the reply and its notice were written
    with pytest.raises(RuntimeError):
        services.reply(app, outcome=Outcome.GRANTED, text="予以公开", actor=officer_a, on=RECEIVED)
    after = (ApplicantNotice.objects.count(), Job.objects.filter(kind=notify.JOB).count())
    assert after == before


class FlakyGateway:
    calls = 0

    def send(self, phone, text):
        FlakyGateway.calls += 1
        if FlakyGateway.calls == 1:
            raise OSError("gateway down")
        sms.MemoryBackend.outbox.append((phone, text))


def test_a_failed_channel_is_retried_without_resending_the_other(agency_a, settings):
    settings.GONGKAI_SMS_BACKEND = f"{__name__}.FlakyGateway"
    FlakyGateway.calls = 0
    app = make_application(agency_a, RECEIVED, data=person_data(phone=MOBILE)).application
    run_due()
    notice = app.notices.get()
    assert len(mail.outbox) == 1 and sms.MemoryBackend.outbox == []
    assert "gateway down" in notice.last_error and notice.email_sent_at
    retry = Job.objects.get(kind=notify.JOB, done_at__isnull=True)
    Job.objects.filter(pk=retry.pk).update(run_after=retry.created_at)
    run_due()
    assert len(mail.outbox) == 1 and len(sms.MemoryBackend.outbox) == 1


def test_the_logging_backend_is_the_default_and_masks_the_number(caplog):
    with caplog.at_level("INFO", logger="gongkai.sms"):
        sms.LoggingBackend().send(MOBILE, "测试")
    assert "138****8000" in caplog.text and MOBILE not in caplog.text


def _tracked(client, agency, app, code):
    client.post(f"/xxgk/{agency.code}/ysqgk/cx/", {"receipt_no": app.receipt_no, "code": code})


def test_the_tracking_page_lists_notices_and_the_disclosed_files(client, agency_a, officer_a):
    receipt = make_application(agency_a, RECEIVED)
    app = receipt.application
    att = ApplicationFile.objects.create(
        application=app,
        kind=AttachmentKind.DISCLOSED,
        original_name="出让计划.pdf",
        content_type="application/pdf",
        size=10,
        sha256="0" * 64,
    )
    att.file.save("x", pdf_file(), save=True)
    own = app.attachments.create(
        kind=AttachmentKind.IDENTITY,
        original_name="身份证.pdf",
        content_type="application/pdf",
        size=10,
        sha256="0" * 64,
        file=att.file.name,
    )
    _tracked(client, agency_a, app, receipt.code)
    html = client.get(f"/xxgk/{agency_a.code}/ysqgk/cx/{app.receipt_no}/").content.decode()
    assert "申请已登记" in html and "出让计划.pdf" in html and "身份证.pdf" not in html
    base = f"/xxgk/{agency_a.code}/ysqgk/cx/{app.receipt_no}/files"
    got = client.get(f"{base}/{att.pk}/")
    assert got.status_code == 200 and got.content.startswith(b"%PDF")
    assert Event.objects.filter(action="applications.disclosed.download").count() == 1
    assert client.get(f"{base}/{own.pk}/").status_code == 404  # not a disclosed file
    stranger = client.__class__()
    page = stranger.get(f"{base}/{att.pk}/")
    assert b"%PDF" not in page.content and "查询码" in page.content.decode()


def test_downloads_are_rate_limited(client, agency_a, settings):
    settings.GONGKAI_RATE_LIMITS = "applications.disclosed=2/3600"
    receipt = make_application(agency_a, RECEIVED)
    app = receipt.application
    att = ApplicationFile.objects.create(
        application=app,
        kind=AttachmentKind.DISCLOSED,
        original_name="a.pdf",
        content_type="application/pdf",
        size=10,
        sha256="0" * 64,
    )
    att.file.save("x", pdf_file(), save=True)
    _tracked(client, agency_a, app, receipt.code)
    url = f"/xxgk/{agency_a.code}/ysqgk/cx/{app.receipt_no}/files/{att.pk}/"
    codes = [client.get(url).status_code for _ in range(3)]
    assert codes == [200, 200, 429]
