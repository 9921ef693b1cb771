"""Modules that keep computed deadlines register here; after a calendar change the worker
calls every hook with the new calendar (job "workdays.recompute").

    from gongkai.workdays.hooks import register_recompute

    @register_recompute
    def recompute_open_deadlines(calendar: WorkCalendar) -> None: ...

A hook recomputes its open deadlines with `calendar`, stores `calendar.version` with each, and
writes an audit event for every deadline that changed.
"""

from __future__ import annotations

from collections.abc import Callable

from gongkai.rules.calendar import WorkCalendar

RecomputeHook = Callable[[WorkCalendar], None]
_hooks: list[RecomputeHook] = []


def register_recompute(hook: RecomputeHook) -> RecomputeHook:
    if hook not in _hooks:
        _hooks.append(hook)
    return hook


def recompute_hooks() -> list[RecomputeHook]:
    return list(_hooks)
