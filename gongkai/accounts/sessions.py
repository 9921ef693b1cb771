"""Session limits beyond Django's idle timeout: an absolute lifetime from login, and a maximum
number of sessions per user (a new login ends the oldest, so a forgotten browser elsewhere
cannot keep a session alive, and a stolen password shows up as a session ended)."""

from __future__ import annotations

import datetime as dt
from importlib import import_module

from django.conf import settings
from django.utils import timezone

from gongkai.accounts.models import UserSession

STARTED_KEY = "gongkai_login_at"


def _store(session_key: str):
    return import_module(settings.SESSION_ENGINE).SessionStore(session_key)


def session_started(request, user) -> None:
    """Called on login: remember when, register the session, end the oldest beyond the limit."""
    request.session[STARTED_KEY] = timezone.now().timestamp()
    if request.session.session_key is None:
        request.session.save()
    UserSession.objects.update_or_create(
        session_key=request.session.session_key,
        defaults={"user": user, "address": getattr(request, "client_address", "")[:45]},
    )
    limit = settings.GONGKAI_MAX_SESSIONS_PER_USER
    if limit > 0:
        for old in UserSession.objects.filter(user=user)[limit:]:
            _store(old.session_key).delete()
            old.delete()


def end_all(user) -> int:
    """End every session of `user` (a security administrator's action); returns how many."""
    count = 0
    for old in UserSession.objects.filter(user=user):
        _store(old.session_key).delete()
        old.delete()
        count += 1
    return count


def session_ended(request) -> None:
    key = getattr(getattr(request, "session", None), "session_key", None)
    if key:
        UserSession.objects.filter(session_key=key).delete()


def past_absolute_lifetime(request) -> bool:
    hours = settings.GONGKAI_SESSION_ABSOLUTE_HOURS
    started = request.session.get(STARTED_KEY)
    if not hours:
        return False
    if started is None:
        return True  # a session from before this rule, or forged without a start: start over
    age = timezone.now() - dt.datetime.fromtimestamp(started, tz=dt.UTC)
    return age > dt.timedelta(hours=hours)
