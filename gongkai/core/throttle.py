"""Rate limits for public endpoints: one small module every app uses the same way.

    from gongkai.core import throttle

    APPLY_PER_CLIENT = throttle.Rule("apply.client", limit=20, window=3600)

    key = throttle.client_address(request)
    throttle.enforce(APPLY_PER_CLIENT, key)        # raises throttle.Throttled when over
    ...                                            # the work, then, if it counts:
    throttle.hit(APPLY_PER_CLIENT, key)            # (enforce(..., count=True) does both)

    except throttle.Throttled as exc:              # -> 429 in Chinese with Retry-After
        return throttle.response(request, exc)     # (JSON under /api/, a page elsewhere)

A ``Rule`` allows ``limit`` events per ``window`` seconds per key (a sliding window). A rule
with ``delay_after`` also spaces attempts once that many events happened in the window: the
n-th event past it must wait 2^n seconds after the previous one (at most ``max_delay``), so a
guesser slows down quickly without anyone being locked out flat. Operators override any rule's
limit and window with ``GONGKAI_RATE_LIMITS`` ("apply.client=20/3600,track.client=10/900").

Two stores: ``store="db"`` counts in the ThrottleEvent table, exact across all server
processes (tracking, applications, hotline tickets: few events, must hold); ``store="cache"``
counts in the "throttle" cache, cheap enough for every search and API request: Django's
database cache by default, shared by every process and server (GONGKAI_RATE_LIMIT_CACHE=memory
counts per process instead).

The client's address is REMOTE_ADDR, unless the request comes from one of
``GONGKAI_TRUSTED_PROXIES``; then it is the last address in ``GONGKAI_CLIENT_IP_HEADER``
(e.g. X-Forwarded-For) that is not itself a trusted proxy. A header from anyone else is
ignored: otherwise a client could pick its own address and escape every limit.
"""

from __future__ import annotations

import ipaddress
import json
import math
from dataclasses import dataclass, replace
from datetime import timedelta

from django.conf import settings
from django.core.cache import caches
from django.db.models import Count, Max, Q
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone

MESSAGE = "操作过于频繁，请{wait}后再试。"


@dataclass(frozen=True)
class Rule:
    name: str
    limit: int
    window: int  # seconds
    store: str = "db"  # "db" (shared, exact) or "cache" (cheap)
    delay_after: int | None = None
    max_delay: int = 900
    message: str = MESSAGE  # "{wait}" becomes e.g. "3分钟"

    def effective(self) -> Rule:
        override = parse_rates(getattr(settings, "GONGKAI_RATE_LIMITS", "")).get(self.name)
        return replace(self, limit=override[0], window=override[1]) if override else self


@dataclass(frozen=True)
class Decision:
    allowed: bool
    retry_after: int = 0  # seconds
    count: int = 0


class Throttled(Exception):
    def __init__(self, rule: Rule, retry_after: int):
        self.rule = rule
        self.retry_after = max(1, int(retry_after))
        super().__init__(rule.message.format(wait=wait_label(self.retry_after)))


def parse_rates(text: str) -> dict[str, tuple[int, int]]:
    """'name=limit/seconds,…' -> {name: (limit, seconds)}; ValueError (Chinese) when malformed."""
    rates = {}
    for part in (text or "").split(","):
        if not part.strip():
            continue
        try:
            name, rate = part.split("=", 1)
            limit, window = rate.split("/", 1)
            rates[name.strip()] = (int(limit), int(window))
        except ValueError:
            raise ValueError(
                f"GONGKAI_RATE_LIMITS 中的“{part.strip()}”应为 名称=次数/秒数"
            ) from None
    return rates


def wait_label(seconds: int) -> str:
    if seconds < 60:
        return f"{seconds}秒"
    if seconds < 3600:
        return f"{math.ceil(seconds / 60)}分钟"
    return f"{math.ceil(seconds / 3600)}小时"


# --- client address -------------------------------------------------------------------------


def _networks(values) -> list:
    nets = []
    for value in values or ():
        try:
            nets.append(ipaddress.ip_network(value.strip(), strict=False))
        except ValueError:
            continue
    return nets


def _in(address: str, nets) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in net for net in nets)


def client_address(request: HttpRequest) -> str:
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    header = getattr(settings, "GONGKAI_CLIENT_IP_HEADER", "")
    trusted = _networks(getattr(settings, "GONGKAI_TRUSTED_PROXIES", ()))
    if not header or not _in(remote, trusted):
        return remote
    meta = "HTTP_" + header.upper().replace("-", "_")
    chain = [part.strip() for part in request.META.get(meta, "").split(",") if part.strip()]
    for address in reversed(chain):
        if not _in(address, trusted):
            try:
                return str(ipaddress.ip_address(address))
            except ValueError:
                return remote  # a forged or broken header: fall back to the proxy itself
    return remote


# --- counting -------------------------------------------------------------------------------


def _db_key(rule: Rule, key: str) -> str:
    return f"{rule.name}:{key}"[:200]


def _db_states(pairs: list[tuple[Rule, str]]) -> list[tuple[int, float | None]]:
    """(count, last event time) in its window of each (rule, key), in one statement: a
    submission checks three limits, and each statement is a round trip per request."""
    from gongkai.core.models import ThrottleEvent

    now = timezone.now()
    where, figures = Q(pk__in=[]), {}
    for i, (rule, key) in enumerate(pairs):
        mine = Q(key=_db_key(rule, key), at__gte=now - timedelta(seconds=rule.window))
        where |= mine
        figures[f"n{i}"] = Count("id", filter=mine)
        figures[f"last{i}"] = Max("at", filter=mine)
    row = ThrottleEvent.objects.filter(where).aggregate(**figures)
    return [
        (row[f"n{i}"], row[f"last{i}"].timestamp() if row[f"last{i}"] else None)
        for i in range(len(pairs))
    ]


def _cache():
    """The rate-limit cache: shared through the database unless GONGKAI_RATE_LIMIT_CACHE=memory."""
    return caches["throttle"]


def _cache_key(rule: Rule, key: str) -> str:
    return f"throttle:{rule.name}:{key}"[:200]


def _cache_events(rule: Rule, key: str, now: float) -> list[float]:
    return [t for t in _cache().get(_cache_key(rule, key), []) if t > now - rule.window]


def _decide(rule: Rule, key: str, count: int, last: float | None, now: float, events=None):
    """The decision for one more event, given what was counted (``events``: the cache's list)."""
    if count >= rule.limit:
        if events is not None:
            oldest = events[count - rule.limit]
        else:
            oldest = _db_oldest(rule, key, count - rule.limit)
        return Decision(False, math.ceil(oldest + rule.window - now), count)
    if rule.delay_after is not None and count >= rule.delay_after and last is not None:
        delay = min(2 ** (count - rule.delay_after + 1), rule.max_delay)
        wait = last + delay - now
        if wait > 0:
            return Decision(False, math.ceil(wait), count)
    return Decision(True, 0, count)


def _check_cache(rule: Rule, key: str, now: float) -> tuple[Decision, list[float]]:
    events = _cache_events(rule, key, now)
    last = events[-1] if events else None
    return _decide(rule, key, len(events), last, now, events), events


def check_many(pairs: list[tuple[Rule, str]]) -> list[Decision]:
    """check() of several (rule, key) at once; the database rules cost one statement together."""
    rules = [(rule.effective(), key) for rule, key in pairs]
    now = timezone.now().timestamp()
    in_db = [(rule, key) for rule, key in rules if rule.store != "cache"]
    states = iter(_db_states(in_db) if in_db else [])
    decisions = []
    for rule, key in rules:
        if rule.store == "cache":
            decisions.append(_check_cache(rule, key, now)[0])
        else:
            count, last = next(states)
            decisions.append(_decide(rule, key, count, last, now))
    return decisions


def check(rule: Rule, key: str) -> Decision:
    """Would one more event for ``key`` be allowed now? Counts nothing."""
    return check_many([(rule, key)])[0]


def _db_oldest(rule: Rule, key: str, skip: int) -> float:
    """When the event that must leave the window for one more to fit was recorded."""
    from gongkai.core.models import ThrottleEvent

    since = timezone.now() - timedelta(seconds=rule.window)
    at = (
        ThrottleEvent.objects.filter(key=_db_key(rule, key), at__gte=since)
        .order_by("at")
        .values_list("at", flat=True)[skip : skip + 1]
        .first()
    )
    return at.timestamp() if at else timezone.now().timestamp()


def _cache_hit(rule: Rule, key: str, events: list[float], now: float) -> None:
    _cache().set(_cache_key(rule, key), [*events[-(rule.limit + 1) :], now], rule.window)


def hit_many(pairs: list[tuple[Rule, str]]) -> None:
    """Count one event for each (rule, key); the database rules in one insert."""
    from gongkai.core.models import ThrottleEvent

    now = timezone.now().timestamp()
    rows = []
    for rule, key in pairs:
        rule = rule.effective()
        if rule.store == "cache":
            _cache_hit(rule, key, _cache_events(rule, key, now), now)
        else:
            rows.append(ThrottleEvent(key=_db_key(rule, key)))
    if rows:
        stored = ThrottleEvent.objects.bulk_create(rows)
        # now and then, forget what no window can still see
        if any(row.pk is not None and row.pk % 100 == 0 for row in stored):
            ThrottleEvent.objects.filter(at__lt=timezone.now() - timedelta(days=2)).delete()


def hit(rule: Rule, key: str) -> None:
    """Count one event for ``key``."""
    hit_many([(rule, key)])


def enforce(rule: Rule, key: str, *, count: bool = False) -> Decision:
    """Raise Throttled when ``key`` is over ``rule``; with ``count``, also count this event."""
    rule = rule.effective()
    if rule.store == "cache":  # read the cache entry once for both
        now = timezone.now().timestamp()
        decision, events = _check_cache(rule, key, now)
        if not decision.allowed:
            raise Throttled(rule, decision.retry_after)
        if count:
            _cache_hit(rule, key, events, now)
        return decision
    decision = check(rule, key)
    if not decision.allowed:
        raise Throttled(rule, decision.retry_after)
    if count:
        hit(rule, key)
    return decision


def reset(rule: Rule, key: str) -> None:
    from gongkai.core.models import ThrottleEvent

    _cache().delete(_cache_key(rule, key))
    ThrottleEvent.objects.filter(key=_db_key(rule, key)).delete()


# --- the answer -----------------------------------------------------------------------------


def response(request: HttpRequest, exc: Throttled) -> HttpResponse:
    """429 with Retry-After: JSON in the API's error shape under /api/, a Chinese page elsewhere."""
    if request.path.startswith("/api/"):
        body = json.dumps({"detail": str(exc), "errors": {}}, ensure_ascii=False)
        resp = HttpResponse(body, status=429, content_type="application/json; charset=utf-8")
    else:
        html = render_to_string("core/429.html", {"message": str(exc)}, request=request)
        resp = HttpResponse(html, status=429)
    resp["Retry-After"] = str(exc.retry_after)
    resp["Cache-Control"] = "no-store"
    return resp


class PublicRateLimitMiddleware:
    """Limits anonymous requests by path prefix (``GONGKAI_PATH_RATE_LIMITS``: prefix -> rule
    name of ``PATH_RULES``), per client address; staff who are logged in are not limited."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        rule = self._rule_for(request)
        if rule is not None:
            key = client_address(request)
            try:
                enforce(rule, key, count=True)
            except Throttled as exc:
                return response(request, exc)
        return self.get_response(request)

    @staticmethod
    def _rule_for(request: HttpRequest) -> Rule | None:
        if request.META.get("HTTP_AUTHORIZATION"):
            return None  # staff API tokens: limited by who they are, not here
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return None
        for prefix, name in getattr(settings, "GONGKAI_PATH_RATE_LIMITS", {}).items():
            if request.path.startswith(prefix) and name in PATH_RULES:
                return PATH_RULES[name]
        return None


PATH_RULES = {
    "search.client": Rule("search.client", limit=60, window=60, store="cache"),
    "api.client": Rule("api.client", limit=120, window=60, store="cache"),
}
