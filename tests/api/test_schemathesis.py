"""schemathesis over /api/v1/openapi.json: generated (and hostile) requests to every operation,
anonymously and with a staff token, against the test database. Every answer must be a
documented status in the documented shape; never a 500.

The number of examples per operation is SCHEMATHESIS_EXAMPLES (default 20, enough to keep
`make test` short; raise it for a deeper run). It runs once, in the SQLite run of `make test`
(the PostgreSQL run repeats only database behaviour the other suites check)."""

from __future__ import annotations

import datetime as dt
import os

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from gongkai.accounts.tokens import create_token

EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "20"))
pytestmark = pytest.mark.skipif(
    os.environ.get("GONGKAI_DB_TESTS_ONLY") == "1", reason="runs once, in the SQLite run"
)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture(autouse=True)
def data(db, agency_a, officer_a, settings):
    from tests.applications.factories import make_application
    from tests.publishing.helpers import draft

    # schemathesis sends thousands of requests from one address: lift the anonymous limits
    settings.GONGKAI_RATE_LIMITS = ",".join(
        f"{name}=1000000/60"
        for name in (
            "api.client",
            "track.client",
            "track.receipt",
            "apply.client",
            "apply.body",
            "apply.captcha",
            "hotline.client",
            "hotline.body",
            "hotline.captcha",
            "hotline.track.client",
            "hotline.track.ticket",
        )
    )
    draft(agency_a, officer_a, formed_on=dt.date(2026, 11, 2))
    make_application(agency_a)


def _schema():
    from django.conf import settings as django_settings
    from django.test import override_settings

    from gongkai.wsgi import application

    # Loaded at collection, outside any test's database: the rate limiter that counts this
    # anonymous request keeps its count in memory here (tests/conftest.py does the same per test).
    memory = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "t"}
    with override_settings(CACHES={**django_settings.CACHES, "throttle": memory}):
        return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


schema = _schema()

HYPOTHESIS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
    database=None,
)


@schema.parametrize()
@HYPOTHESIS
def test_anonymous_requests_get_documented_answers(case):
    response = case.call_and_validate(checks=CHECKS)  # raises on any failed check
    assert response.status_code < 500


@schema.parametrize()
@HYPOTHESIS
def test_staff_requests_get_documented_answers(case, officer_a):
    _, key = create_token(officer_a, "schemathesis")
    response = case.call_and_validate(checks=CHECKS, headers={"Authorization": f"Bearer {key}"})
    assert response.status_code < 500
