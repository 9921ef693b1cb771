"""A page cache for anonymous visitors of the public column.

Rendered pages are kept in Django's cache under a key holding PublicGeneration.value; each
publication, correction or withdrawal bumps it (in the same transaction), so no process serves
a page that still shows a withdrawn item. Logged-in visitors (session cookie) always get a
fresh render.

Reading the generation from the database on every request costs a round trip to PostgreSQL,
about as much as the rest of a cached hit. So each process keeps the value it read last and
asks the database again only when a signal file in GONGKAI_VAR_DIR changed (the bumping process
replaces it after commit: one stat() per request) or when PAGE_CACHE_RECHECK_SECONDS passed (the
bound for processes on other hosts, which do not share the file).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import tempfile
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse

TIMEOUT = 600

# What this process read last: (value, signal file signature, monotonic time of the read).
_last: tuple[int | None, tuple | None, float] | None = None


def _signal_path() -> str:
    return os.path.join(settings.VAR_DIR, "public-generation")


def _signature() -> tuple | None:
    try:
        st = os.stat(_signal_path())
    except OSError:
        return None
    # os.replace gives every signal a new inode, so equal mtimes (coarse clocks) still differ.
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def generation() -> int | None:
    global _last
    signature = _signature()  # before the read: a signal arriving during it forces a re-read
    now = time.monotonic()
    if (
        _last is not None
        and _last[1] == signature
        and now - _last[2] < settings.PAGE_CACHE_RECHECK_SECONDS
    ):
        return _last[0]
    from gongkai.publishing.models import PublicGeneration

    value = PublicGeneration.objects.filter(pk=1).values_list("value", flat=True).first()
    _last = (value, signature, now)
    return value


def forget() -> None:
    """Drop this process's remembered generation: the next request reads the database."""
    global _last
    _last = None


def _signal(value: int) -> None:
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=settings.VAR_DIR, prefix=".public-generation-")
        with os.fdopen(fd, "w") as f:
            f.write(str(value))
        os.replace(tmp, _signal_path())
    except OSError:
        # Other processes then notice within PAGE_CACHE_RECHECK_SECONDS; the publication stands.
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def bump() -> None:
    """A new random generation: unlike a counter, a database restored or rebuilt (as in tests)
    never meets an old process's cached pages under the same key."""
    from gongkai.publishing.models import PublicGeneration

    value = secrets.randbits(62)
    PublicGeneration.objects.update_or_create(pk=1, defaults={"value": value})
    forget()  # this process sees its own change at once, committed or not
    transaction.on_commit(lambda: _signal(value))


def cached_page(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "GET" or settings.SESSION_COOKIE_NAME in request.COOKIES:
            return view(request, *args, **kwargs)
        current = generation()
        if current is None:  # nothing published through gongkai yet: nothing to key on
            return view(request, *args, **kwargs)
        # The address is hashed: a query string of any length (a visitor's `?q=`) still makes
        # a key every cache backend takes (memcached refuses keys over 250 characters).
        address = f"{request.get_host()}:{request.get_full_path()}".encode("utf-8", "replace")
        key = f"gongkai:page:{current}:{hashlib.sha256(address).hexdigest()}"
        hit = cache.get(key)
        if hit is not None:
            content, content_type = hit
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            cache.set(key, (response.content, response["Content-Type"]), TIMEOUT)
        return response

    return wrapper
