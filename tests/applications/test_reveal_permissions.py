"""Applicants' ID and phone numbers are masked for every role; the full value is shown on
purpose, with a reason, and every reveal, attachment download and document export is a
ledger event with the user and the client's address."""

import pytest
from django.test import Client

from gongkai.applications import personal
from gongkai.audit.models import Event
from tests.access import assert_access, row
from tests.applications.factories import make_application, pdf_file, person_data, resident_id

pytestmark = pytest.mark.django_db

COVERED_URL_NAMES = {"applications_manage:reveal"}
PHONE = "13812345678"


@pytest.fixture
def app_a(agency_a):
    data = person_data(phone=PHONE)
    return make_application(agency_a, data=data, files=[pdf_file()]).application


def test_masks_keep_only_what_identifies_nobody():
    assert personal.mask_id("370302198001011232") == "370302********1232"
    assert personal.mask_phone("13812345678") == "138****5678"
    assert personal.mask_phone("0533-1234567") == "053*****4567"
    assert personal.mask_id("") == ""


def test_every_role_sees_masked_numbers_by_default(personas, client_for, app_a):
    for name in ("officer_a", "reviewer_a", "leader_a", "supervisor", "admin"):
        page = client_for(personas[name]).get(f"/manage/applications/{app_a.pk}/").content.decode()
        assert resident_id() not in page and PHONE not in page, name
        assert "370303********" in page and "138****5678" in page, name


def test_only_those_who_work_on_it_may_reveal(personas, client_for, app_a):
    url = f"/manage/applications/{app_a.pk}/reveal/"
    expected = row(
        officer_a=200, reviewer_a=403, leader_a=403, officer_b=404, supervisor=403, admin=200
    )
    assert_access(client_for, personas, url, expected, method="post", data={"reason": "寄送答复书"})


def test_a_reveal_shows_the_numbers_once_and_is_in_the_ledger(officer_a, app_a):
    client = Client(REMOTE_ADDR="203.0.113.20")
    client.force_login(officer_a, backend="django.contrib.auth.backends.ModelBackend")
    refused = client.post(f"/manage/applications/{app_a.pk}/reveal/", {"reason": ""})
    assert refused.status_code == 302
    assert not Event.objects.filter(action=personal.REVEAL).exists()
    page = client.post(f"/manage/applications/{app_a.pk}/reveal/", {"reason": "电话联系补正事项"})
    assert resident_id() in page.content.decode() and PHONE in page.content.decode()
    assert page["Cache-Control"] == "private, no-store"
    event = Event.objects.get(action=personal.REVEAL)
    assert event.actor == officer_a and event.source_address == "203.0.113.20"
    assert event.after["reason"] == "电话联系补正事项"
    assert resident_id() not in client.get(f"/manage/applications/{app_a.pk}/").content.decode()


def test_attachment_downloads_and_documents_are_in_the_ledger(officer_a, client_for, app_a):
    client = client_for(officer_a)
    att = app_a.attachments.get()
    assert client.get(f"/manage/applications/{app_a.pk}/attachments/{att.pk}/").status_code == 200
    assert client.get(f"/manage/applications/{app_a.pk}/receipt.docx").status_code == 200
    download = Event.objects.get(action=personal.ATTACHMENT_DOWNLOAD)
    assert download.actor == officer_a and download.after["attachment"] == att.pk
    export = Event.objects.get(action=personal.DOCUMENT_EXPORT)
    assert export.after == {"document": "receipt", "format": "docx"}
