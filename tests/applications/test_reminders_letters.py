"""D-5 / D-1 reminders, and letters from replaceable templates."""

from datetime import date

import pytest
from django.core import mail

from gongkai.applications import clock, letters, reminders, services
from gongkai.applications.choices import Outcome
from gongkai.applications.models import Notification

from .factories import make_application

pytestmark = pytest.mark.django_db
RECEIVED = date(2025, 3, 3)  # due 2025-03-31


def test_reminders_go_out_at_d5_and_d1_once_each(agency_a, officer_a, leader_a, reviewer_a):
    app = make_application(agency_a, RECEIVED).application
    assert app.due_on == date(2025, 3, 31)
    assert reminders.send_due_reminders(date(2025, 3, 21)) == 0  # 6 working days left
    assert reminders.send_due_reminders(date(2025, 3, 24)) == 2  # D-5: officer and leader
    assert reminders.send_due_reminders(date(2025, 3, 25)) == 0
    assert reminders.send_due_reminders(date(2025, 3, 28)) == 2  # D-1
    assert reminders.send_due_reminders(date(2025, 3, 28)) == 0
    notes = Notification.objects.filter(application=app)
    assert {n.user for n in notes} == {officer_a, leader_a}
    assert any("还剩 1 个工作日" in n.text for n in notes)


def test_a_missed_d5_is_replaced_by_d1_and_closed_requests_get_none(agency_a, officer_a):
    app = make_application(agency_a, RECEIVED).application
    other = make_application(agency_a, RECEIVED).application
    services.reply(
        other, outcome=Outcome.GRANTED, text="予以公开", on=date(2025, 3, 5), actor=officer_a
    )
    assert reminders.send_due_reminders(date(2025, 3, 28)) == 1
    assert reminders.send_due_reminders(date(2025, 3, 28)) == 0
    assert Notification.objects.get().application == app


def test_reminders_are_emailed_when_mail_is_configured(agency_a, officer_a, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    officer_a.email = "officer@example.com"
    officer_a.save()
    make_application(agency_a, RECEIVED)
    reminders.send_due_reminders(date(2025, 3, 24))
    assert len(mail.outbox) == 1 and "答复期限" in mail.outbox[0].subject


def test_the_reminder_job_reschedules_itself(agency_a):
    from gongkai.applications import jobs
    from gongkai.core.models import Job

    jobs.reminders({})
    assert Job.objects.filter(kind="applications.reminders").count() == 1
    jobs.reminders({})
    assert Job.objects.filter(kind="applications.reminders").count() == 1  # deduplicated


def test_a_template_in_the_custom_directory_replaces_the_packaged_one(agency_a, tmp_path, settings):
    from docx import Document

    settings.GONGKAI_LETTER_TEMPLATE_DIR = tmp_path
    doc = Document()
    doc.add_paragraph("本机关自定义答复：{{ receipt_no }}，{{ outcome }}")
    doc.save(tmp_path / "reply.docx")
    app = make_application(agency_a, RECEIVED).application
    det = services.reply(
        app, outcome=Outcome.GRANTED, text="予以公开", on=date(2025, 3, 5), actor=None
    )
    assert letters.docx_text(det.letter.read()) == f"本机关自定义答复：{app.receipt_no}，予以公开"


def test_the_pdf_says_what_the_docx_says(agency_a):
    app = make_application(agency_a, RECEIVED).application
    det = services.reply(
        app, outcome=Outcome.PARTIAL, text="提供可公开部分", on=date(2025, 3, 5), actor=None
    )
    data = letters.letter_bytes(det)
    pdf = letters.docx_to_pdf(data, det.letter_title)
    from gongkai.rules.privacy import pdf_to_text

    text = pdf_to_text(pdf).replace(" ", "")
    assert app.receipt_no in text and "行政复议" in text and "部分公开" in text


def test_user_input_cannot_inject_markup_into_letters(agency_a):
    app = make_application(agency_a, RECEIVED).application
    det = services.reply(
        app,
        outcome=Outcome.GRANTED,
        text="<w:p>注入</w:p> & {{ code }}",
        on=date(2025, 3, 5),
        actor=None,
    )
    assert "<w:p>注入</w:p> & {{ code }}" in letters.docx_text(det.letter.read())


def test_worklist_state_follows_the_stored_due_date():
    cal = clock.current_calendar()
    assert clock.state_for(date(2025, 3, 31), "open", date(2025, 3, 10), cal) == "normal"
    assert clock.state_for(date(2025, 3, 31), "open", date(2025, 3, 24), cal) == "soon"
    assert clock.state_for(date(2025, 3, 31), "open", date(2025, 4, 1), cal) == "overdue"
    assert clock.state_for(None, "supplement", date(2025, 4, 1), cal) == "paused"
