"""Search and public API limits count in a cache shared by every process (issue 15 point 5):
Django's database cache by default. Two cache objects stand for two gunicorn workers: each
has its own connection and no memory in common, only the table."""

from __future__ import annotations

import pytest

from gongkai import settings as configured
from gongkai.core import throttle
from gongkai.core.ratecache import RateLimitCache

pytestmark = pytest.mark.django_db


def test_the_rate_limit_cache_is_the_database_by_default():
    assert configured.GONGKAI_RATE_LIMIT_CACHE == "database"
    assert configured.CACHES["throttle"]["BACKEND"].endswith("RateLimitCache")
    assert configured.CACHES["default"]["BACKEND"].endswith("LocMemCache")  # pages stay local


def test_a_limit_holds_across_processes_sharing_the_database_cache(monkeypatch):
    worker_a = RateLimitCache("gongkai_cache", {"OPTIONS": {"MAX_ENTRIES": 100_000}})
    worker_b = RateLimitCache("gongkai_cache", {"OPTIONS": {"MAX_ENTRIES": 100_000}})
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


def test_the_upsert_cache_overwrites_expires_and_culls(monkeypatch):
    from gongkai.core import ratecache

    cache = RateLimitCache("gongkai_cache", {"OPTIONS": {"MAX_ENTRIES": 5, "CULL_FREQUENCY": 2}})
    cache.set("k", [1.0], 60)
    cache.set("k", [1.0, 2.0], 60)  # the same key again: updated, not a second row
    assert cache.get("k") == [1.0, 2.0]
    cache.set("gone", [3.0], -1)
    assert cache.get("gone") is None  # expired
    monkeypatch.setattr(ratecache, "CULL_EVERY", 1)  # count the table on every set
    for i in range(12):
        cache.set(f"client-{i}", [float(i)], 60)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM gongkai_cache")
        assert cursor.fetchone()[0] <= 7  # culled whenever it passed 5
