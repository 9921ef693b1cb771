"""Retention (issue 15 point 5): applicants' personal data is anonymised N years after the
request closed, by a daily worker job, with a ledger event; the request itself stays."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from gongkai.applications import retention
from gongkai.applications.models import Application, ApplicationFile
from gongkai.audit.models import Event
from gongkai.audit.services import verify_chain
from gongkai.core import jobs
from gongkai.core.crypto import search_hash
from gongkai.core.retention import ANONYMISED
from tests.applications.factories import make_application, pdf_file, resident_id

pytestmark = pytest.mark.django_db
TODAY = dt.date(2056, 6, 1)


def _closed(agency, closed_on, seq):
    from tests.applications.factories import person_data

    receipt = make_application(
        agency, data=person_data(id_number=resident_id(seq)), files=[pdf_file()]
    )
    Application.objects.filter(pk=receipt.application.pk).update(
        status="closed", outcome="granted", closed_on=closed_on
    )
    return Application.objects.get(pk=receipt.application.pk)


def test_requests_closed_longer_ago_than_the_period_lose_the_applicants_data(agency_a):
    old = _closed(agency_a, dt.date(2026, 5, 31), 1)  # 30 years and a day before TODAY
    recent = _closed(agency_a, dt.date(2026, 6, 2), 2)
    open_one = make_application(agency_a).application
    proof = ApplicationFile.objects.get(application=old)
    path = proof.file.path

    assert retention.anonymise_due(TODAY) == 1

    old.refresh_from_db()
    assert old.name == ANONYMISED
    assert (old.id_number, old.phone, old.email, old.address) == ("", "", "", "")
    # The search hashes go with the values: nobody finds the request by the person's number or
    # name any more (the name's hash is the marker's, the same for every anonymised request).
    assert (old.id_number_hash, old.phone_hash) == ("", "")
    assert old.name_hash == search_hash("name", ANONYMISED) != recent.name_hash
    same_phone = Application.objects.filter(phone_hash=search_hash("phone", "0533-1234567"))
    same_name = Application.objects.filter(name_hash=search_hash("name", "张三"))
    assert old.pk not in {a.pk for a in same_phone} | {a.pk for a in same_name}
    assert recent.pk in {a.pk for a in same_phone}  # the others are still found
    assert old.description and old.outcome == "granted" and old.receipt_no  # the case stays
    assert not old.attachments.exists()
    assert not os.path.exists(path)  # the identity proof is gone from disk too
    for untouched in (recent, open_one):
        untouched.refresh_from_db()
        assert untouched.name == "张三" and untouched.id_number
    event = Event.objects.get(action="applications.applicant.anonymise")
    assert event.object_id == str(old.pk) and event.actor is None
    assert event.after["attachments_removed"] == 1
    assert "张三" not in str(event.after)
    assert verify_chain().ok
    assert retention.anonymise_due(TODAY) == 0  # once only


def test_a_period_of_zero_keeps_personal_data_for_ever(agency_a, settings):
    settings.GONGKAI_PERSONAL_DATA_YEARS = 0
    old = _closed(agency_a, dt.date(1990, 1, 1), 3)
    assert retention.anonymise_due(TODAY) == 0
    old.refresh_from_db()
    assert old.name == "张三"


def test_the_period_is_configurable_and_runs_as_a_daily_job(agency_a, settings):
    settings.GONGKAI_PERSONAL_DATA_YEARS = 10
    old = _closed(agency_a, dt.date(2010, 1, 1), 4)
    assert jobs._daily["applications.retention"] == 3
    jobs.handlers()["applications.retention"]({})
    old.refresh_from_db()
    assert old.name == ANONYMISED
