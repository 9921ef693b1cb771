"""Retention (issue 15 point 5): callers' name, phone and address are anonymised N years after
the ticket closed, and old call records lose the caller's number, with ledger events."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from gongkai.audit.models import Event
from gongkai.audit.services import verify_chain
from gongkai.core.crypto import search_hash
from gongkai.core.retention import ANONYMISED
from gongkai.hotline import retention
from gongkai.hotline.intake import earlier_tickets
from gongkai.hotline.models import Ticket
from gongkai.hotline.models.channel import Call
from tests.hotline.helpers import new_ticket

pytestmark = pytest.mark.django_db
TODAY = dt.date(2056, 6, 1)


def _closed(centre, closed_on):
    ticket = new_ticket(centre).ticket
    Ticket.objects.filter(pk=ticket.pk).update(status="closed", closed_on=closed_on)
    return Ticket.objects.get(pk=ticket.pk)


def test_tickets_closed_longer_ago_than_the_period_lose_the_callers_data(agency_a):
    old = _closed(agency_a, dt.date(2026, 5, 1))
    recent = _closed(agency_a, dt.date(2026, 7, 1))
    long_ago = timezone.make_aware(dt.datetime(2026, 1, 5, 9, 0))
    Call.objects.create(agency=agency_a, call_id="c1", caller="13805331234", started_at=long_ago)
    Call.objects.create(
        agency=agency_a, call_id="c2", caller="13805339999", started_at=timezone.now()
    )

    assert retention.anonymise_due(TODAY) == 1

    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.name, old.phone, old.address) == (ANONYMISED, "", "")
    assert (old.phone_hash, old.address_hash) == ("", "")  # hashes go with the values
    assert old.name_hash == search_hash("name", ANONYMISED)
    assert [t.pk for t in earlier_tickets(agency_a, "13805331234")] == [recent.pk]
    assert old.content and old.ticket_no  # the appeal and its handling stay
    assert recent.phone == "13805331234"
    assert dict(Call.objects.values_list("call_id", "caller")) == {"c1": "", "c2": "13805339999"}
    assert Event.objects.filter(action="hotline.caller.anonymise", object_id=str(old.pk)).exists()
    assert Event.objects.get(action="hotline.call.anonymise").after["calls"] == 1
    assert verify_chain().ok
    assert retention.anonymise_due(TODAY) == 0
