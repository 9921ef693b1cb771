"""通报 and reminders: exactly the failing bodies, DOCX/PDF with the 文号, recorded and audited,
reminders on the late body's dashboard and by mail when mail is configured."""

import datetime as dt
import io

import pytest
from django.core import mail

from gongkai.audit.models import Event
from gongkai.reports.models import ReportStatus
from gongkai.supervision import notices
from gongkai.supervision.models import Notice, NoticeKind
from gongkai.supervision.render import render_docx, render_pdf

from .world import report

YEAR = 2024


@pytest.fixture
def late_b(agency_parent, agency_a, agency_b):
    report(agency_a, YEAR, ReportStatus.PUBLISHED, published=dt.date(YEAR + 1, 1, 20))
    report(agency_parent, YEAR, ReportStatus.PUBLISHED, published=dt.date(YEAR + 1, 3, 1))
    return agency_b


def test_the_bulletin_names_exactly_the_late_bodies(supervisor, agency_parent, late_b):
    notice = notices.issue_bulletin(agency_parent, YEAR, "测政公开〔2025〕3号", supervisor)
    assert [b[0] for b in notice.bodies] == ["body-b"]
    assert "测试区乙局" in notice.text and "测试区甲局" not in notice.text
    event = Event.objects.get(action="supervision.notice.issue")
    assert event.actor == supervisor and event.after["bodies"] == ["body-b"]


def test_the_bulletin_documents_carry_number_title_body_and_date(supervisor, agency_parent, late_b):
    from docx import Document

    notice = notices.issue_bulletin(agency_parent, YEAR, "测政公开〔2025〕3号", supervisor)
    text = "\n".join(p.text for p in Document(io.BytesIO(render_docx(notice))).paragraphs)
    assert "测政公开〔2025〕3号" in text and notice.title in text and "测试区乙局" in text
    assert "测试区人民政府" in text and f"{notice.issued_at:%Y}年" in text
    pdf = render_pdf(notice)
    assert pdf.startswith(b"%PDF")
    from pypdf import PdfReader

    pdf_text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "测试区乙局" in pdf_text and "测政公开" in pdf_text


def test_a_notice_needs_an_actor(agency_parent, late_b):
    with pytest.raises(notices.NoticeError):
        notices.issue_bulletin(agency_parent, YEAR, "", None)
    assert not Notice.objects.exists()


def test_reminders_reach_the_late_bodys_officers(
    client_for, supervisor, officer_a, officer_b, agency_parent, late_b
):
    sent = notices.send_reminders(agency_parent, YEAR, supervisor)
    assert [n.target.code for n in sent] == ["body-b"]
    assert Event.objects.filter(action="supervision.reminder.send", actor=supervisor).count() == 1
    assert "督办提醒" in client_for(officer_b).get("/manage/").content.decode()
    assert "督办提醒" not in client_for(officer_a).get("/manage/").content.decode()
    assert mail.outbox == []  # no mail backend configured


def test_reminders_are_mailed_when_mail_is_configured(
    settings, supervisor, officer_b, agency_parent, late_b
):
    settings.GONGKAI_EMAIL_CONFIGURED = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    officer_b.email = "officer_b@example.gov.cn"
    officer_b.save()
    notices.send_reminders(agency_parent, YEAR, supervisor)
    assert [m.to for m in mail.outbox] == [["officer_b@example.gov.cn"]]
    assert Notice.objects.get(kind=NoticeKind.REMINDER).emailed == 1


def test_the_console_issues_a_bulletin_and_shows_it(client_for, supervisor, agency_parent, late_b):
    client = client_for(supervisor)
    response = client.post(
        "/manage/supervision/bulletin/", {"year": YEAR, "number": "测政公开〔2025〕4号"}
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "测政公开〔2025〕4号" in page and "测试区乙局" in page
