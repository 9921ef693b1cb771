"""What one ticket over the API costs the database, pinned so that it cannot grow unnoticed.

Every statement is a round trip inside the request, and from the number to the commit the
centre's sequence row is locked, so whatever sits in there is paid by every concurrent intake
(bench/hotline.py --part intake). The cache is the one a deployment uses (the database)."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.core.models import Job
from gongkai.hotline.models import Ticket

pytestmark = pytest.mark.django_db
API = "/api/v1/hotline/tickets"

# Outside the lock: the rate-limit cache read and its upsert (middleware), the agency, the three
# abuse limits in one statement, the calendar's version (due date). Inside the transaction (in a
# test a savepoint; in a deployment BEGIN/COMMIT): the number (UPDATE … RETURNING), the ticket,
# the ledger head locked, the event, the head moved. After the commit: the abuse counters, one
# insert for three rules.
STATEMENTS = [
    "gongkai_cache",
    "gongkai_cache",
    "agencies_agency",
    "core_throttleevent",
    "workdays_calendarversion",
    "SAVEPOINT",
    "numbering_sequence",
    "hotline_ticket",
    "audit_chainhead",
    "audit_event",
    "audit_chainhead",
    "RELEASE SAVEPOINT",
    "core_throttleevent",
]


@pytest.fixture
def shared_cache(settings):
    settings.CACHES = {
        **settings.CACHES,
        "throttle": {
            "BACKEND": "gongkai.core.ratecache.RateLimitCache",
            "LOCATION": "gongkai_cache",
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        },
    }
    settings.GONGKAI_RATE_LIMITS = "hotline.client=1000/60,hotline.captcha=1000/60"


def post(client, agency, i):
    data = {
        "agency": agency.code,
        "name": f"来电人{i}",
        "phone": f"1380000{i:04d}",
        "type": "help",
        "content": "小区路灯不亮，请尽快维修。",
    }
    return client.post(API, json.dumps(data), content_type="application/json")


def test_a_ticket_over_the_api_costs_eleven_statements_in_one_transaction(
    client, agency_a, shared_cache, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert post(client, agency_a, 1).status_code == 201  # first of the day: queues the job
    assert Job.objects.filter(kind="hotline.daily").count() == 1
    for i in (2, 3):
        with CaptureQueriesContext(connection) as ctx:
            r = post(client, agency_a, i)
        assert r.status_code == 201, r.content
        touched = [_what(q["sql"]) for q in ctx.captured_queries]
        assert touched == STATEMENTS, "\n".join(q["sql"][:160] for q in ctx.captured_queries)
    assert list(Ticket.objects.order_by("id").values_list("ticket_no", flat=True)) == [
        f"RX-BODY-A-{Ticket.objects.first().received_on.year}-{n:06d}" for n in (1, 2, 3)
    ]
    assert Job.objects.filter(kind="hotline.daily").count() == 1


def test_the_abuse_limits_still_hold_on_the_cheaper_path(client, agency_a, shared_cache, settings):
    settings.GONGKAI_RATE_LIMITS = "hotline.client=2/60,hotline.captcha=1000/60"
    assert [post(client, agency_a, i).status_code for i in range(4)] == [201, 201, 429, 429]
    settings.GONGKAI_RATE_LIMITS = "hotline.client=1000/60,hotline.captcha=3/86400"
    assert [post(client, agency_a, i).status_code for i in range(4, 6)] == [201, 429]
    assert Ticket.objects.count() == 3


def _what(sql: str) -> str:
    """The table a statement reads or writes, or SAVEPOINT / RELEASE SAVEPOINT."""
    for word in ("RELEASE SAVEPOINT", "SAVEPOINT"):
        if sql.startswith(word):
            return word
    found = re.search(r'(?:FROM|INTO|UPDATE)\s+"?(\w+)"?', sql)
    return found.group(1) if found else sql[:40]
