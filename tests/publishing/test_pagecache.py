"""The page cache's generation: remembered per process, re-read when another process signals."""

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.publishing import pagecache, services
from gongkai.publishing.models import PublicGeneration
from tests.publishing.test_public_pages import live_item  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _own_var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.PAGE_CACHE_RECHECK_SECONDS = 3600


def _bump_elsewhere() -> int:
    """What a publication in another worker process leaves behind: a new row value, committed."""
    value = PublicGeneration.objects.get(pk=1).value + 1
    PublicGeneration.objects.filter(pk=1).update(value=value)
    return value


def test_a_cached_hit_asks_the_database_nothing(live_item, django_assert_num_queries):  # noqa: F811
    url = reverse("portal:item", args=[live_item.agency.code, live_item.pk])
    client = Client()
    first = client.get(url).content
    with django_assert_num_queries(0):
        assert client.get(url).content == first


@pytest.mark.filterwarnings("error::django.core.cache.backends.base.CacheKeyWarning")
def test_a_long_query_string_makes_a_key_any_cache_takes(live_item):  # noqa: F811
    """memcached refuses keys over 250 characters: a visitor's long `?q=` was in the key."""
    url = reverse("portal:item", args=[live_item.agency.code, live_item.pk])
    client = Client()
    first = client.get(url, {"q": "长" * 300}).content
    assert client.get(url, {"q": "长" * 300}).content == first
    assert all(len(key) < 250 for key in pagecache.cache._cache)


def test_another_process_signal_is_seen_at_once(live_item):  # noqa: F811
    remembered = pagecache.generation()
    value = _bump_elsewhere()
    assert pagecache.generation() == remembered  # no signal yet, recheck an hour away
    pagecache._signal(value)
    assert pagecache.generation() == value


def test_without_a_signal_the_recheck_interval_bounds_staleness(live_item, settings):  # noqa: F811
    pagecache.generation()
    value = _bump_elsewhere()
    settings.PAGE_CACHE_RECHECK_SECONDS = 0
    assert pagecache.generation() == value


def test_a_committed_bump_writes_the_signal(
    live_item,  # noqa: F811
    settings,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        pagecache.bump()
    written = (settings.VAR_DIR / "public-generation").read_text()
    assert int(written) == PublicGeneration.objects.get(pk=1).value


def test_withdrawal_in_another_process_drops_cached_pages(live_item, leader_a):  # noqa: F811
    url = reverse("portal:publishing_items", args=[live_item.agency.code])
    client = Client()
    assert live_item.title in client.get(url).content.decode()
    remembered = pagecache._last
    # Another worker withdraws it: the database changes, this process's memory does not.
    services.withdraw(live_item, leader_a, "有误")
    pagecache._last = remembered
    assert live_item.title in client.get(url).content.decode()  # stale until signalled
    pagecache._signal(PublicGeneration.objects.get(pk=1).value)  # the other worker's commit
    assert live_item.title not in client.get(url).content.decode()
