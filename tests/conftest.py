"""Shared fixtures: one set of personas so every view test says who may and who may not.

agency_parent ─┬─ agency_a  (officer_a, reviewer_a, leader_a)
               └─ agency_b  (officer_b)
supervisor: over agency_parent (sees A and B, changes nothing); admin_user: superuser;
citizen: logged in, no role; anonymous: client_for(None).
"""

from __future__ import annotations

import os

import pytest
from django.test import Client
from hypothesis import settings as hypothesis_settings

from gongkai.agencies.models import AgencyKind, AgencyLevel, Role
from gongkai.publishing import pagecache
from tests.factories import AgencyFactory, MembershipFactory, UserFactory

# CI explores the same examples on every run, so a red CI always names a reproducible input;
# developers' runs (no CI variable) keep drawing new ones and find what CI would not.
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # live_server + Playwright's sync API


def overrides(media_root) -> dict:
    """The settings every test runs with (`_test_settings`), also for data a test file loads
    once for all its tests (tests/test_whole_demo.py)."""
    from django.conf import settings

    return {
        "MEDIA_ROOT": media_root,
        # Argon2 is deliberately slow; tests that check hashing ask for it explicitly.
        "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
        # Pages are tested as a verified user would see them; tests/accounts turn the second
        # factor on and test it (and the login flow through it) explicitly.
        "GONGKAI_2FA_REQUIRED": False,
        # Replies are issued directly unless a test turns the leader's sign-off on (on by
        # default in a deployment; tests/applications/test_signoff.py tests it).
        "GONGKAI_REPLY_SIGN_OFF": False,
        # Rate limits kept in the cache (gongkai.core.throttle) start from zero in every test:
        # in memory here (tests without a database, and browser tests that would see earlier
        # tests' counts); tests/core/test_rate_limit_cache.py checks the shared database cache.
        "CACHES": {
            **settings.CACHES,
            "throttle": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": "t",
            },
        },
    }


@pytest.fixture(autouse=True)
def _test_settings(tmp_path, settings):
    for name, value in overrides(tmp_path / "files").items():
        setattr(settings, name, value)
    # Each test has its own database state: a generation remembered from the last test would
    # key pages that test cached.
    pagecache.forget()
    from django.core.cache import cache, caches

    cache.clear()
    caches["throttle"].clear()


@pytest.fixture
def agency_parent(db):
    return AgencyFactory(
        code="parent", name="测试区人民政府", kind=AgencyKind.GOVERNMENT, level=AgencyLevel.COUNTY
    )


@pytest.fixture
def agency_a(agency_parent):
    return AgencyFactory(
        code="body-a", name="测试区甲局", parent=agency_parent, phone="0533-6000001"
    )


@pytest.fixture
def agency_b(agency_parent):
    return AgencyFactory(
        code="body-b", name="测试区乙局", parent=agency_parent, phone="0533-6000002"
    )


def _user_with_role(username, agency, role):
    user = UserFactory(username=username)
    MembershipFactory(user=user, agency=agency, role=role)
    return user


@pytest.fixture
def officer_a(agency_a):
    return _user_with_role("officer_a", agency_a, Role.OFFICER)


@pytest.fixture
def reviewer_a(agency_a):
    return _user_with_role("reviewer_a", agency_a, Role.REVIEWER)


@pytest.fixture
def leader_a(agency_a):
    return _user_with_role("leader_a", agency_a, Role.LEADER)


@pytest.fixture
def officer_b(agency_b):
    return _user_with_role("officer_b", agency_b, Role.OFFICER)


@pytest.fixture
def supervisor(agency_parent, agency_a, agency_b):
    return _user_with_role("supervisor", agency_parent, Role.SUPERVISOR)


@pytest.fixture
def admin_user(db):
    return UserFactory(username="admin_user", is_superuser=True, is_staff=True)


@pytest.fixture
def citizen(db):
    return UserFactory(username="citizen")


@pytest.fixture
def personas(officer_a, reviewer_a, leader_a, officer_b, supervisor, admin_user, citizen):
    """Every persona by name; None is the anonymous visitor."""
    return {
        "officer_a": officer_a,
        "reviewer_a": reviewer_a,
        "leader_a": leader_a,
        "officer_b": officer_b,
        "supervisor": supervisor,
        "admin": admin_user,
        "citizen": citizen,
        "anonymous": None,
    }


@pytest.fixture
def client_for(db):
    def make(user) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return make


def _uses_db(item) -> bool:
    # A django_db marker pulls the database in at run time, outside the fixture closure.
    return "_django_db_helper" in getattr(item, "fixturenames", ()) or bool(
        item.get_closest_marker("django_db")
    )


def _is_transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    names = getattr(item, "fixturenames", ())
    return bool(marker and marker.kwargs.get("transaction")) or any(
        name in names for name in ("transactional_db", "live_server", "django_db_reset_sequences")
    )


def _refuse_mixed_modules(items) -> None:
    """A transactional test empties the database when it ends, migration data too (vocabularies,
    the workday calendar). pytest-django runs such tests last, but `--dist loadfile` keeps a file
    together: a file holding both kinds would empty the database for the files after it."""
    kinds: dict[str, set[bool]] = {}
    for item in items:
        if _uses_db(item):
            kinds.setdefault(item.nodeid.split("::")[0], set()).add(_is_transactional(item))
    mixed = sorted(path for path, seen in kinds.items() if len(seen) == 2)
    if mixed:
        raise pytest.UsageError(
            "These test files mix transactional and ordinary database tests; move the "
            "transactional ones to a file of their own: " + ", ".join(mixed)
        )


def pytest_collection_modifyitems(config, items):
    """Refuses files that mix transactional and ordinary database tests (see above). On the
    second (PostgreSQL) run, `make test` sets GONGKAI_DB_TESTS_ONLY=1: tests that touch no
    database (the pure rules, parsers and renderers) already ran on the first run and would
    only repeat themselves, so they are deselected; so are the browser (e2e) tests, which drive
    the same views and services that the PostgreSQL run checks directly, and cost a third of
    the suite's time (make test must stay under 20 minutes on 2 cores)."""
    _refuse_mixed_modules(items)
    # Transactional files run last: each empties the database, migration data too, and under
    # `--dist loadfile` a worker takes files in this order. pytest-django's own reordering does
    # not happen here (settings are configured after its hook runs), so it is done here.
    items.sort(key=lambda item: _uses_db(item) and _is_transactional(item))
    if os.environ.get("GONGKAI_DB_TESTS_ONLY") != "1":
        return
    uses_db = [item for item in items if _uses_db(item) and item.get_closest_marker("e2e") is None]
    deselected = [item for item in items if item not in uses_db]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = uses_db
