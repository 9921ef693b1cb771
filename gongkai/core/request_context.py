"""The current request, so services deep down can stamp audit events with actor and request id."""

from __future__ import annotations

from contextvars import ContextVar, Token

_current: ContextVar = ContextVar("gongkai_request", default=None)


def set_request(request) -> Token:
    return _current.set(request)


def reset(token: Token) -> None:
    _current.reset(token)


def current_request():
    return _current.get()


def current_request_id() -> str:
    request = _current.get()
    return getattr(request, "request_id", "") if request is not None else ""


def current_client_address() -> str:
    request = _current.get()
    return getattr(request, "client_address", "") if request is not None else ""
