"""Read replicas: reads go to a PostgreSQL streaming replica, writes to the primary, and a user
who just wrote reads from the primary for a while (read-your-writes).

A replica replays the primary's WAL a little later. A user who saves something and is then
shown a page read from a replica that has not replayed the write yet would see it missing, so:

- within a request, the first write pins every later read of that request to the primary;
- after a request that changed something (POST/PUT/PATCH/DELETE), a cookie pins that browser's
  reads to the primary for GONGKAI_REPLICA_PIN_SECONDS (longer than the lag one tolerates).

Without GONGKAI_REPLICA_DATABASE_URL there is no "replica" alias and this router sends
everything to "default". Sessions, login throttling and the job queue always use the primary:
they are read to decide about a write.
"""

from __future__ import annotations

import contextvars
import time

from django.conf import settings
from django.db import connections

REPLICA = "replica"
PRIMARY = "default"
COOKIE = "gongkai_primary_until"
PRIMARY_ONLY_APPS = {"sessions", "axes", "core"}
SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}

_pinned: contextvars.ContextVar[bool] = contextvars.ContextVar("gongkai_pinned", default=False)


def pin() -> None:
    """Send this request's (or this command's) reads to the primary from now on."""
    _pinned.set(True)


def pinned() -> bool:
    return _pinned.get()


def has_replica() -> bool:
    return REPLICA in settings.DATABASES


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if not has_replica() or _pinned.get() or model._meta.app_label in PRIMARY_ONLY_APPS:
            return PRIMARY
        # A read inside a transaction on the primary belongs to that transaction (the worker's
        # and the CLI's services run without the middleware's pin).
        if connections[PRIMARY].in_atomic_block:
            return PRIMARY
        return REPLICA

    def db_for_write(self, model, **hints):
        _pinned.set(True)
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # one database, two copies of it

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


class ReadYourWritesMiddleware:
    """Pins a request to the primary when its browser wrote a moment ago, and sets the cookie
    after a request that may have written."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _pinned.set(False)
        try:
            until = float(request.COOKIES.get(COOKIE, "0") or 0)
        except ValueError:
            until = 0.0
        if until > time.time() or request.method not in SAFE_METHODS:
            _pinned.set(True)
        try:
            response = self.get_response(request)
        finally:
            wrote = _pinned.get() and request.method not in SAFE_METHODS
            _pinned.reset(token)
        if wrote and has_replica():
            seconds = settings.GONGKAI_REPLICA_PIN_SECONDS
            response.set_cookie(
                COOKIE,
                f"{time.time() + seconds:.0f}",
                max_age=seconds,
                httponly=True,
                samesite="Lax",
            )
        return response
