"""Invalidating the nginx cache of public pages when what they show changes.

docs/nginx-cache.md caches /xxgk/ pages in a proxy_cache directory. gongkai runs on the same
host, so on publication, correction or withdrawal it empties that directory (after the
transaction commits): a withdrawn item must disappear from every list, feed and search page at
once, and those pages are too many to name one by one. Publishing is rare next to reading, so
the cache refills quickly. Set GONGKAI_NGINX_CACHE_DIR to the proxy_cache_path; unset, nothing
is done.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from django.conf import settings
from django.db import transaction

log = logging.getLogger(__name__)


def cache_dir() -> Path | None:
    value = settings.GONGKAI_NGINX_CACHE_DIR
    return Path(value) if value else None


def _empty(directory: Path) -> None:
    for child in directory.iterdir():
        try:
            if child.is_dir():
                shutil.rmtree(child)
            else:
                child.unlink()
        except FileNotFoundError:
            continue  # nginx's cache manager removed it first
        except OSError as exc:  # a stale page is better than a failed publication
            log.warning("nginx cache purge failed for %s: %s", child, exc)


def purge_public_pages() -> None:
    from gongkai.publishing import pagecache

    pagecache.bump()
    directory = cache_dir()
    if directory is None or not directory.is_dir():
        return
    transaction.on_commit(lambda: _empty(directory))
