"""Search and public API limits count in a cache shared by every process (issue 15 point 5):
Django's database cache by default. Two cache objects stand for two gunicorn workers: each
has its own connection and no memory in common, only the table."""

from __future__ import annotations

import pytest
from django.core.cache.backends.db import DatabaseCache

from gongkai import settings as configured
from gongkai.core import throttle

pytestmark = pytest.mark.django_db


def test_the_rate_limit_cache_is_the_database_by_default():
    assert configured.GONGKAI_RATE_LIMIT_CACHE == "database"
    assert configured.CACHES["throttle"]["BACKEND"].endswith("DatabaseCache")
    assert configured.CACHES["default"]["BACKEND"].endswith("LocMemCache")  # pages stay local


def test_a_limit_holds_across_processes_sharing_the_database_cache(monkeypatch):
    worker_a = DatabaseCache("gongkai_cache", {"OPTIONS": {"MAX_ENTRIES": 100_000}})
    worker_b = DatabaseCache("gongkai_cache", {"OPTIONS": {"MAX_ENTRIES": 100_000}})
    rule = throttle.Rule("search.client", limit=5, window=60, store="cache")
    for worker in (worker_a, worker_b, worker_a, worker_b, worker_a):
        monkeypatch.setattr(throttle, "_cache", lambda w=worker: w)
        throttle.enforce(rule, "203.0.113.9", count=True)
    monkeypatch.setattr(throttle, "_cache", lambda: worker_b)
    with pytest.raises(throttle.Throttled):
        throttle.enforce(rule, "203.0.113.9", count=True)
    assert throttle.check(rule, "198.51.100.1").allowed  # another client is not affected


def test_per_process_counting_is_what_memory_gives(monkeypatch):
    from django.core.cache.backends.locmem import LocMemCache

    worker_a, worker_b = LocMemCache("a", {}), LocMemCache("b", {})
    rule = throttle.Rule("search.client", limit=2, window=60, store="cache")
    for worker in (worker_a, worker_a, worker_b, worker_b):
        monkeypatch.setattr(throttle, "_cache", lambda w=worker: w)
        throttle.enforce(rule, "203.0.113.9", count=True)  # four pass a limit of two
    assert not throttle.check(rule, "203.0.113.9").allowed
