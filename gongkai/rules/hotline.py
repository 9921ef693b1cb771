"""Time limits of a hotline ticket (民生热线工单), in working days (shared/reference/hotline.md §4).

Every limit varies by locality, so each is a field of `Limits` (configurable through the
setting GONGKAI_HOTLINE_LIMITS, a JSON object of these field names); the defaults are the
stricter readings of the sources:

- 签收 by the body: 1 working day after dispatch;
- 办结 (the body's reply): 咨询/求助 3 working days, 投诉/举报/建议 5, 表扬/其他 5, counted from the
  day of receipt (that day not counted, like every working-day limit in gongkai);
- an emergency (life, property, public safety): the same day;
- an extension may bring the whole limit to at most 15 working days from receipt;
- 回访: the working day after the reply;
- 重办: the body gets the type's limit again, counted from the day it is sent back.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date

from gongkai.rules.calendar import WorkCalendar

TYPE_CODES = ("consult", "help", "complaint", "report", "suggestion", "praise", "other")


class LimitsError(ValueError):
    """A bad limits configuration; the message is Chinese."""


@dataclass(frozen=True)
class Limits:
    sign_days: int = 1
    close_days: dict[str, int] = field(
        default_factory=lambda: {
            "consult": 3,
            "help": 3,
            "complaint": 5,
            "report": 5,
            "suggestion": 5,
            "praise": 5,
            "other": 5,
        }
    )
    emergency_days: int = 0
    max_total_days: int = 15
    callback_days: int = 1
    rework_limit: int = 3  # this many reworks make the ticket a 督办 case

    @classmethod
    def from_dict(cls, data: dict) -> Limits:
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise LimitsError(f"热线时限配置中有未知项：{'、'.join(sorted(unknown))}")
        values = dict(data)
        if "close_days" in values:
            merged = cls().close_days | dict(values["close_days"])
            bad = set(merged) - set(TYPE_CODES)
            if bad:
                raise LimitsError(f"热线时限配置中有未知诉求类型：{'、'.join(sorted(bad))}")
            values["close_days"] = merged
        limits = cls(**values)
        for name in ("sign_days", "emergency_days", "max_total_days", "callback_days"):
            if not isinstance(getattr(limits, name), int) or getattr(limits, name) < 0:
                raise LimitsError(f"热线时限配置项 {name} 须为非负整数")
        if any(not isinstance(v, int) or v < 0 for v in limits.close_days.values()):
            raise LimitsError("热线办结时限须为非负整数")
        return limits

    def close_days_for(self, type_code: str, emergency: bool = False) -> int:
        if emergency:
            return self.emergency_days
        try:
            return self.close_days[type_code]
        except KeyError:
            raise LimitsError(f"未知诉求类型：{type_code}") from None


def sign_due(cal: WorkCalendar, dispatched_on: date, limits: Limits) -> date:
    return cal.add_workdays(dispatched_on, limits.sign_days) if limits.sign_days else dispatched_on


def close_due(
    cal: WorkCalendar, start: date, type_code: str, limits: Limits, emergency: bool = False
) -> date:
    """The day by which the body must reply, counted from `start` (receipt or rework)."""
    days = limits.close_days_for(type_code, emergency)
    return cal.add_workdays(start, days) if days else start


def extended_due(
    cal: WorkCalendar, received_on: date, current_due: date, extra: int, limits: Limits
) -> date:
    """The limit after an extension of `extra` working days, never beyond `max_total_days` from
    receipt. Raises LimitsError when the request asks for more than is left."""
    if extra <= 0:
        raise LimitsError("延期天数须为正整数")
    ceiling = cal.add_workdays(received_on, limits.max_total_days)
    new_due = cal.add_workdays(current_due, extra)
    if new_due > ceiling:
        left = max(cal.workdays_between(current_due, ceiling), 0)
        raise LimitsError(
            f"延期后总办理时限不得超过{limits.max_total_days}个工作日，最多还可延期{left}个工作日"
        )
    return new_due


def callback_due(cal: WorkCalendar, replied_on: date, limits: Limits) -> date:
    return cal.add_workdays(replied_on, limits.callback_days)
