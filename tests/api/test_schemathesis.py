"""schemathesis over /api/v1/openapi.json: generated (and hostile) requests to every operation,
anonymously and with a staff token, against the test database. Every answer must be a
documented status in the documented shape; never a 500.

It runs in both passes of `make test`: PostgreSQL is where text a column cannot hold (NUL) made
500s. The staff token is an admin of body A, who may take every step; the schema names each
workflow's steps (an enum for `{name}`), and two in three staff requests to a record's path
are aimed at a real record of body A (a draft item, a new application, a ticket, a report), so
generated step data reaches `workflow.run` rather than a 404.

The number of examples per operation is SCHEMATHESIS_EXAMPLES (default 10, enough to keep
`make test` short; raise it for a deeper run)."""

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

EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "10"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """schemathesis calls the WSGI application itself, whose request_finished signal closes the
    database connection; Django's own test client disconnects that handler, as here. On
    PostgreSQL the test's transaction went with the connection ("the connection is closed")."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def data(db, agency_a, officer_a, settings):
    from gongkai.reports.services import get_or_create_report
    from tests.applications.factories import make_application
    from tests.hotline.helpers import new_ticket
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
    # One record of body A per workflow, where its first steps can be taken: a record path's
    # id is aimed at these (see _aim).
    return {
        "/api/v1/publishing/items/": draft(agency_a, officer_a, formed_on=dt.date(2026, 11, 2)).pk,
        "/api/v1/manage/applications/": make_application(agency_a).application.pk,
        "/api/v1/manage/hotline/tickets/": new_ticket(agency_a).ticket.pk,
        "/api/v1/manage/reports/": get_or_create_report(agency_a, 2025, actor=officer_a).pk,
    }


def _aim(case, records: dict) -> None:
    """Two generated ids in three become the id of body A's record under that path."""
    for name, value in (case.path_parameters or {}).items():
        if name in ("pk", "item_id", "app_id") and isinstance(value, int) and value % 3 != 0:
            for prefix, pk in records.items():
                if prefix.removeprefix("/api/v1") in case.operation.path:
                    case.path_parameters[name] = pk


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


@pytest.fixture
def body_admin(agency_a):
    from gongkai.agencies.models import Role
    from tests.factories import MembershipFactory, UserFactory

    user = UserFactory(username="admin_a")
    MembershipFactory(user=user, agency=agency_a, role=Role.ADMIN)
    return user


@schema.parametrize()
@HYPOTHESIS
def test_staff_requests_get_documented_answers(case, body_admin, data):
    _, key = create_token(body_admin, "schemathesis")
    _aim(case, data)
    response = case.call_and_validate(checks=CHECKS, headers={"Authorization": f"Bearer {key}"})
    assert response.status_code < 500
