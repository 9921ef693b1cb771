"""record_many(): a bulk load of history chains exactly like record(), so `audit verify` passes
and a later edit is still named."""

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone

from gongkai.audit.actions import Action
from gongkai.audit.models import ChainHead, Event
from gongkai.audit.services import Entry, record, record_many, verify_chain
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db

LOAD = Action("audittest.thing.load", "测试批量")


def _entries(agency, n):
    # local time of the centre: stored in UTC, the chain must still verify
    start = dt.datetime(2017, 3, 1, 17, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    return [
        Entry(
            action=LOAD,
            object_type="agencies.agency",
            object_id=agency.pk,
            created_at=start + dt.timedelta(hours=i),
            agency_id=agency.pk,
            actor_name="热线中心",
            after={"step": i, "on": dt.date(2017, 3, 1)},
        )
        for i in range(n)
    ]


def test_bulk_events_between_single_ones_verify_and_keep_their_dates():
    agency = AgencyFactory()
    record(LOAD, agency, actor=None, after={"n": 0})
    assert record_many(_entries(agency, 7), batch_size=3) == 7
    last = record(LOAD, agency, actor=None, after={"n": 8})
    result = verify_chain()
    assert result.ok and result.checked == 9, result.message
    events = list(Event.objects.order_by("id"))
    assert [e.prev_hash for e in events[1:]] == [e.hash for e in events[:-1]]
    assert events[1].created_at == dt.datetime(2017, 3, 1, 9, tzinfo=dt.UTC)
    assert events[1].actor_name == "热线中心" and events[1].after == {"step": 0, "on": "2017-03-01"}
    head = ChainHead.objects.get()
    assert (head.last_event_id, head.last_hash, head.count) == (last.pk, last.hash, 9)
    assert events[-1].created_at <= timezone.now()


def test_nothing_to_append_changes_nothing():
    assert record_many([]) == 0
    assert not Event.objects.exists()


def test_an_edited_bulk_event_is_named():
    agency = AgencyFactory()
    record_many(_entries(agency, 5))
    victim = Event.objects.order_by("id")[2]
    with connection.cursor() as cur:
        cur.execute("UPDATE audit_event SET after = %s WHERE id = %s", ['{"step": 99}', victim.pk])
    result = verify_chain()
    assert not result.ok and result.event_id == victim.pk
