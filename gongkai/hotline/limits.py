"""The limits in force and the calendar they count on (gongkai.rules.hotline + workdays)."""

from __future__ import annotations

import json
from datetime import date
from functools import lru_cache

from django.conf import settings

from gongkai.rules import hotline as rules
from gongkai.rules.calendar import WorkCalendar
from gongkai.workdays.services import current_calendar

LimitsError = rules.LimitsError


@lru_cache(maxsize=4)
def _parse(raw: str) -> rules.Limits:
    if not raw:
        return rules.Limits()
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise rules.LimitsError(f"GONGKAI_HOTLINE_LIMITS 不是有效的 JSON：{exc.msg}") from None
    if not isinstance(data, dict):
        raise rules.LimitsError("GONGKAI_HOTLINE_LIMITS 须为 JSON 对象")
    return rules.Limits.from_dict(data)


def current_limits() -> rules.Limits:
    raw = getattr(settings, "GONGKAI_HOTLINE_LIMITS", "") or ""
    if isinstance(raw, dict):
        return rules.Limits.from_dict(raw)
    return _parse(raw)


def calendar() -> WorkCalendar:
    return current_calendar()


def close_due(start: date, type_code: str, emergency: bool = False) -> date:
    return rules.close_due(calendar(), start, type_code, current_limits(), emergency)


def sign_due(dispatched_on: date) -> date:
    return rules.sign_due(calendar(), dispatched_on, current_limits())


def extended_due(received_on: date, current_due: date, extra: int) -> date:
    return rules.extended_due(calendar(), received_on, current_due, extra, current_limits())


def callback_due(replied_on: date) -> date:
    return rules.callback_due(calendar(), replied_on, current_limits())
