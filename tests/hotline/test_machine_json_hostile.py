"""Hostile JSON through the hotline's machine endpoints (issue 15, point 1): the telephony
system's call events (`POST /hotline/cti/calls`), Open311's JSON form of a new request and its
public GET resources. A JSON string can spell what no form field can ("\\u0000", a lone
"\\ud800"), numbers past every column, Infinity, nesting deep enough to stop the reader.

Never a 500; a refusal is a 4xx with a Chinese reason and writes nothing (a refused call event
leaves no call behind); what is accepted reads back; every answer parses in its format."""

from __future__ import annotations

import json
import re
from urllib.parse import quote
from xml.etree import ElementTree

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.hotline.models import Call, PartnerSystem, Ticket
from gongkai.hotline.models.channel import hash_key
from tests.hostile import CHINESE, hostile
from tests.hotline.test_open311 import REQUEST

pytestmark = pytest.mark.django_db

HYPOTHESIS = settings(
    max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), database=None
)

# Scalars JSON can carry: hostile text, lone surrogates (json.dumps escapes them as \udXXX),
# numbers past 2^63, ±Infinity and NaN (Python's reader takes them), null and booleans.
lone_surrogate = st.characters(categories=["Cs"])
scalar = st.one_of(
    hostile,
    st.text(alphabet=st.one_of(st.characters(), lone_surrogate), max_size=20),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(),
    st.sampled_from([None, True, False, 0, -1, 86400, 86401, 2**63]),
)
value = st.recursive(
    scalar, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(hostile, inner, max_size=3)
)


def deep(n: int) -> bytes:
    return b'{"call_id": ' + b"[" * n + b"]" * n + b"}"


MISSING = object()


def _spoil(fields: dict, changes: dict, extra: dict) -> dict:
    spoilt = {**fields, **changes, **extra}
    return {k: v for k, v in spoilt.items() if v is not MISSING}


def bodies(fields: dict) -> st.SearchStrategy[bytes]:
    """A plausible JSON object with up to two of `fields` made hostile or left out, plus stray
    keys (so that many examples are accepted and reach the database); and bodies that are not
    one JSON object at all."""
    changes = st.dictionaries(
        st.sampled_from(list(fields)), st.one_of(value, st.just(MISSING)), max_size=2
    )
    objects = st.builds(
        _spoil, st.just(fields), changes, st.dictionaries(hostile, value, max_size=2)
    )
    not_one_object = st.one_of(
        value.map(lambda v: json.dumps(v).encode()),
        st.integers(min_value=900, max_value=200_000).map(deep),
        st.sampled_from([b"", b"{", b"1" * 5000, b'{"call_id": 1' + b"0" * 5000 + b"}"]),
        st.binary(max_size=200),
    )
    return st.one_of(
        objects.map(lambda d: json.dumps(d).encode()),
        objects.map(lambda d: json.dumps(d, ensure_ascii=False).encode("utf-8", "surrogatepass")),
        objects.map(lambda d: json.dumps(d).encode("utf-16")),
        not_one_object,
    )


def partner(agency, kind: str) -> str:
    """The partner system's key, the same in every example (so a body can carry it)."""
    key = f"gk311_hostile-{kind}"
    PartnerSystem.objects.get_or_create(
        key_hash=hash_key(key), defaults={"agency": agency, "name": "接入系统", "kind": kind}
    )
    return key


def refused_in_chinese(response) -> None:
    assert 400 <= response.status_code < 500, response.content[:300]
    assert CHINESE.search(response.content.decode()), response.content[:300]


@HYPOTHESIS
@given(
    body=bodies(
        {
            "call_id": "c-1",
            "event": "end",
            "caller": "13805331234",
            "agent": "officer",
            "duration": 60,
        }
    ),
    auth=st.one_of(st.just("key"), st.just("key"), st.just("key"), hostile),
    content_type=st.sampled_from(
        ["application/json", "text/plain", "application/json; charset=utf-16"]
    ),
)
def test_a_call_event_answers_any_body(agency_a, body, auth, content_type):
    key = partner(agency_a, PartnerSystem.Kind.CTI)
    header = f"Bearer {key}" if auth == "key" else auth.encode("utf-8", "replace").decode("latin-1")
    before = set(Call.objects.values_list("pk", "call_id", "duration", "agent", "answered"))
    response = Client().generic(  # generic: the body is sent as given, whatever the charset
        "POST", "/hotline/cti/calls", body, content_type=content_type, HTTP_AUTHORIZATION=header
    )
    after = set(Call.objects.values_list("pk", "call_id", "duration", "agent", "answered"))
    if response.status_code == 200:
        answer = response.json()
        assert (
            Call.objects.get(agency=agency_a, call_id=answer["call_id"]).answered
            == answer["answered"]
        )
        assert len(after - before) <= 1
    else:
        refused_in_chinese(response)
        assert after == before  # nothing half-written
    list(Call.objects.values_list("caller", "agent"))  # what was stored reads back


OPEN311_FIELDS = {**REQUEST, "jurisdiction_id": "body-a"}


@HYPOTHESIS
@given(
    body=bodies({"api_key": "gk311_hostile-open311", **OPEN311_FIELDS}),
    fmt=st.sampled_from(["json", "xml"]),
)
def test_an_open311_json_request_answers_any_body(agency_a, body, fmt):
    partner(agency_a, PartnerSystem.Kind.OPEN311)
    before = Ticket.objects.count()
    response = Client().generic(
        "POST", f"/open311/v2/requests.{fmt}", body, content_type="application/json"
    )
    assert response.status_code < 500, response.content[:300]
    if response.status_code == 201:
        assert Ticket.objects.count() == before + 1
    else:
        refused_in_chinese(response)
        assert Ticket.objects.count() == before
    _parses(response)
    list(Ticket.objects.values_list("content", "name", "phone", "address"))


def _parses(response) -> None:
    """An answer is well-formed in the format it claims (XML for .xml, else JSON)."""
    content_type = response["Content-Type"]
    if content_type.startswith("text/xml"):
        ElementTree.fromstring(response.content)
    elif content_type.startswith("application/json"):
        json.loads(response.content)
    else:  # a NUL refused before the view: the site's Chinese 400 page
        assert response.status_code == 400 and content_type.startswith("text/html")


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(
    resource=st.sampled_from(["discovery", "services", "service", "requests", "request"]),
    path_value=hostile,
    params=st.dictionaries(
        st.sampled_from(
            [
                "jurisdiction_id",
                "service_request_id",
                "service_code",
                "start_date",
                "end_date",
                "status",
            ]
        ),
        st.one_of(hostile, st.sampled_from(["open", "closed", "a", "2026-12-01T09:00:00+08:00"])),
        max_size=4,
    ),
    fmt=st.sampled_from(["json", "xml"]),
)
def test_open311_resources_answer_any_parameter(agency_a, resource, path_value, params, fmt):
    segment = quote(path_value.encode("utf-8", "replace"), safe="") or "x"
    path = {
        "service": f"services/{segment}",
        "request": f"requests/{segment}",
    }.get(resource, resource)
    response = Client().get(f"/open311/v2/{path}.{fmt}", params)
    assert response.status_code in (200, 400, 404), response.content[:300]
    if response.status_code == 404 and not response["Content-Type"].startswith(
        ("text/xml", "application/json")
    ):
        return  # the URL pattern itself did not match ([-\w]+): Django's own Chinese 404 page
    if response.status_code != 200:
        refused_in_chinese(response)
    _parses(response)


def cti_post(key: str, body: str | bytes):
    return Client().post(
        "/hotline/cti/calls",
        body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )


def test_a_refused_end_event_leaves_no_call_behind(agency_a):
    """Found by the test above: an `end` with a bad duration created the call, then answered
    400 from inside the transaction (which committed it); 1e400 and 2^70 were 500s."""
    key = partner(agency_a, PartnerSystem.Kind.CTI)
    for n, duration in enumerate(
        ['"abc"', "1e400", "1" + "0" * 30, "-5", "86401", "1.5", "true", "[1]"]
    ):
        response = cti_post(key, f'{{"call_id": "c-{n}", "event": "end", "duration": {duration}}}')
        assert response.status_code == 400 and "duration" in response.json()["detail"], duration
    assert not Call.objects.exists()
    assert (
        cti_post(key, '{"call_id": "c-9", "event": "end", "duration": "86400"}').status_code == 200
    )
    assert Call.objects.get().duration == 86400


@pytest.mark.parametrize(
    "body, field",
    [
        (b'{"call_id": "a\\u0000b"}', "call_id"),
        (b'{"call_id": "\\ud800"}', "call_id"),
        (b'{"call_id": "c", "x\\u0000": 1}', "x"),
    ],
)
def test_text_no_column_can_hold_is_refused_before_the_call_is_written(agency_a, body, field):
    """A NUL was a 500 on PostgreSQL; a lone surrogate a 500 on both databases."""
    response = cti_post(partner(agency_a, PartnerSystem.Kind.CTI), body)
    assert response.status_code == 400
    answer = response.json()
    assert re.search(CHINESE, answer["detail"]) and list(answer["errors"]) == [field]
    assert not Call.objects.exists()
