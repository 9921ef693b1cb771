"""The centre's queue (gongkai.hotline.queue): filters, order, scope, the capped count, and a
query count that does not grow with the tickets (its speed: bench/hotline.py --part queue)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gongkai.hotline.models import Ticket
from gongkai.hotline.queue import queue_tickets

from .helpers import new_ticket

pytestmark = pytest.mark.django_db


@pytest.fixture
def tickets(agency_a, agency_b):
    """Four tickets of centre A with different limits and states, one of centre B."""
    made = [new_ticket(agency_a, phone=f"1380533000{i}").ticket for i in range(4)]
    today = timezone.localdate()
    for t, days in zip(made, [5, -2, 1, -9], strict=True):
        t.due_on = today + timedelta(days=days)
    made[1].type = "consult"
    made[2].supervised = True
    made[3].status = "closed"
    for t in made:
        t.save()
    other = new_ticket(agency_b).ticket
    return made, other


def numbers(qs) -> list[str]:
    return list(qs.values_list("ticket_no", flat=True))


def test_the_queue_is_open_tickets_by_limit_and_only_the_users(tickets, officer_a):
    (t0, t1, t2, t3), other = tickets
    assert numbers(queue_tickets(officer_a, {})) == [t1.ticket_no, t2.ticket_no, t0.ticket_no]
    everything = numbers(queue_tickets(officer_a, {"status": "all"}))
    assert everything == [t3.ticket_no, t1.ticket_no, t2.ticket_no, t0.ticket_no]
    assert other.ticket_no not in everything


def test_a_supervisor_sees_every_centre_below(tickets, supervisor):
    (t0, t1, t2, _), other = tickets
    assert set(numbers(queue_tickets(supervisor, {}))) == {
        t0.ticket_no,
        t1.ticket_no,
        t2.ticket_no,
        other.ticket_no,
    }


def test_filters(tickets, officer_a):
    (t0, t1, t2, t3), _ = tickets
    assert numbers(queue_tickets(officer_a, {"type": "consult"})) == [t1.ticket_no]
    assert numbers(queue_tickets(officer_a, {"overdue": "1"})) == [t1.ticket_no]
    assert numbers(queue_tickets(officer_a, {"supervised": "1"})) == [t2.ticket_no]
    assert numbers(queue_tickets(officer_a, {"status": "closed"})) == [t3.ticket_no]
    # A whole number (any case) by the unique index, a part of one by containment.
    assert numbers(queue_tickets(officer_a, {"q": t0.ticket_no.lower()})) == [t0.ticket_no]
    assert numbers(queue_tickets(officer_a, {"q": t0.ticket_no[-4:]})) == [t0.ticket_no]
    assert numbers(queue_tickets(officer_a, {"q": "RX-NOPE-2026-000001"})) == []


def test_the_page_counts_up_to_a_cap_and_says_so(tickets, officer_a, client_for, monkeypatch):
    from gongkai.hotline.views import manage

    client = client_for(officer_a)
    monkeypatch.setattr(manage, "PAGE_SIZE", 1)
    page = client.get("/manage/hotline/").content.decode()
    assert "第 1 / 3 页，共 3 条" in page
    monkeypatch.setattr(manage, "QUEUE_COUNT_CAP", 2)
    page = client.get("/manage/hotline/?page=2").content.decode()
    assert "第 2 页，超过 2 条" in page
    assert "共 3 条" not in page


def test_queries_per_page_do_not_grow_with_the_tickets(agency_a, officer_a, client_for):
    client = client_for(officer_a)
    new_ticket(agency_a)
    with CaptureQueriesContext(connection) as few:
        assert client.get("/manage/hotline/").status_code == 200
    for i in range(30):
        new_ticket(agency_a, phone=f"139053300{i:02d}")
    with CaptureQueriesContext(connection) as many:
        page = client.get("/manage/hotline/")
    assert page.status_code == 200
    assert len(many) == len(few)
    assert Ticket.objects.count() == 31
