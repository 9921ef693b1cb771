"""What the supervision console reads of the hotline: overdue tickets per handling body, and
portal messages left unanswered, each from one query."""

import datetime as dt

import pytest
import time_machine

from gongkai.hotline.oversight import overdue_tickets, unanswered_messages
from gongkai.hotline.services import ASSIGNMENT, TICKET

from .helpers import new_ticket

pytestmark = pytest.mark.django_db


def test_overdue_tickets_count_against_the_body_holding_them(
    agency_a, agency_b, officer_a, officer_b, django_assert_num_queries
):
    with time_machine.travel("2026-11-02 09:00 +0800", tick=False):
        kept = new_ticket(agency_a, actor=officer_a, type="complaint").ticket
        sent = new_ticket(agency_a, actor=officer_a, phone="13800000009").ticket
        TICKET.run("dispatch", sent, {"body": agency_b.pk}, actor=officer_a)
        answered = new_ticket(agency_a, actor=officer_a, phone="13800000008").ticket
        TICKET.run("dispatch", answered, {"body": agency_b.pk}, actor=officer_a)
        asg = answered.assignments.get()
        ASSIGNMENT.run("sign", asg, actor=officer_b)
        asg.refresh_from_db()
        ASSIGNMENT.run("reply", asg, {"reply": "已处理完毕。"}, actor=officer_b)
    kept.refresh_from_db()
    late = kept.due_on + dt.timedelta(days=30)
    with django_assert_num_queries(1):
        counts = overdue_tickets([agency_a.pk, agency_b.pk], late)
    assert counts == {agency_a.pk: 1, agency_b.pk: 1}
    assert overdue_tickets([agency_a.pk, agency_b.pk], kept.due_on) == {}


def test_messages_unanswered_before_a_day_are_counted(agency_a, officer_a):
    with time_machine.travel("2026-06-01 09:00 +0800", tick=False):
        new_ticket(agency_a, channel="web", phone="13800000001")
        new_ticket(agency_a, channel="mailbox", phone="13800000002")
        answered = new_ticket(agency_a, channel="web", phone="13800000003").ticket
        TICKET.run("answer", answered, {"answer": "您好，已转有关部门答复。"}, actor=officer_a)
        new_ticket(agency_a, channel="phone", phone="13800000004")
    assert unanswered_messages([agency_a.pk], dt.date(2026, 9, 2)) == {agency_a.pk: 2}
    assert unanswered_messages([agency_a.pk], dt.date(2026, 6, 1)) == {}
