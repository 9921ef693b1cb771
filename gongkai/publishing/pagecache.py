"""A page cache for anonymous visitors of the public column.

Rendered pages are kept in Django's cache under a key holding PublicGeneration.value; each
publication, correction or withdrawal bumps it (in the same transaction), so no process serves
a page that still shows a withdrawn item. Logged-in visitors (session cookie) always get a
fresh render. One indexed read per request is the price of the shared invalidation.
"""

from __future__ import annotations

import secrets
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

TIMEOUT = 600


def generation() -> int | None:
    from gongkai.publishing.models import PublicGeneration

    return PublicGeneration.objects.filter(pk=1).values_list("value", flat=True).first()


def bump() -> None:
    """A new random generation: unlike a counter, a database restored or rebuilt (as in tests)
    never meets an old process's cached pages under the same key."""
    from gongkai.publishing.models import PublicGeneration

    PublicGeneration.objects.update_or_create(pk=1, defaults={"value": secrets.randbits(62)})


def cached_page(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "GET" or settings.SESSION_COOKIE_NAME in request.COOKIES:
            return view(request, *args, **kwargs)
        current = generation()
        if current is None:  # nothing published through gongkai yet: nothing to key on
            return view(request, *args, **kwargs)
        key = f"gongkai:page:{current}:{request.get_host()}:{request.get_full_path()}"
        hit = cache.get(key)
        if hit is not None:
            content, content_type = hit
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            cache.set(key, (response.content, response["Content-Type"]), TIMEOUT)
        return response

    return wrapper
