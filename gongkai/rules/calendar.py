"""The working-day calendar (工作日历).

A working day is Monday–Friday unless the year's 国务院办公厅 notice makes it a holiday, plus any
Saturday or Sunday the notice makes a 调休 working day. Years without an official notice are
*provisional*: they follow the weekday rule, and every answer that depends on such a day says so.

Pure Python: the Django app `gongkai.workdays` stores the overrides and builds a WorkCalendar.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache
from importlib import resources
from types import MappingProxyType

ONE_DAY = timedelta(days=1)
WEEKDAY_NAMES = "一二三四五六日"


class DayKind(StrEnum):
    HOLIDAY = "holiday"  # 放假 (a weekday or weekend day off under the notice)
    WORKDAY = "workday"  # 调休上班 (a weekend day that is a working day under the notice)

    @property
    def label(self) -> str:
        return {"holiday": "放假", "workday": "调休上班"}[self.value]


@dataclass(frozen=True)
class Override:
    day: date
    kind: DayKind
    name: str = ""
    notice: str = ""


@dataclass(frozen=True)
class DayInfo:
    day: date
    is_workday: bool
    provisional: bool
    override: Override | None = None

    @property
    def reason(self) -> str:
        """Why this day is (not) a working day, in Chinese."""
        weekday = f"星期{WEEKDAY_NAMES[self.day.weekday()]}"
        if self.override is not None:
            name = self.override.name or ""
            return f"{weekday}，{name}{self.override.kind.label}".rstrip("，")
        text = f"{weekday}，{'工作日' if self.is_workday else '周末'}"
        if self.provisional:
            text += "（" + provisional_note([self.day.year]) + "）"
        return text


@dataclass(frozen=True)
class WorkdayResult:
    """A computed date with the provisional years it depends on."""

    day: date
    provisional_years: tuple[int, ...] = ()

    @property
    def provisional(self) -> bool:
        return bool(self.provisional_years)

    @property
    def note(self) -> str:
        return provisional_note(self.provisional_years) if self.provisional_years else ""


def provisional_note(years: Iterable[int]) -> str:
    years = sorted(set(years))
    if not years:
        return ""
    joined = "、".join(f"{y}年" for y in years)
    return f"临时：{joined}未录入国务院放假通知，暂按周一至周五为工作日计算，通知发布后将重新计算"


class CalendarError(ValueError):
    """Bad calendar data (duplicate or contradictory overrides)."""


@dataclass(frozen=True, eq=False)
class WorkCalendar:
    """Immutable: shared between threads and cached per version."""

    overrides: Mapping[date, Override] = field(default_factory=dict)
    official_years: frozenset[int] = frozenset()
    version: str = ""

    @classmethod
    def build(
        cls, overrides: Iterable[Override], official_years: Iterable[int], version: str = ""
    ) -> WorkCalendar:
        table: dict[date, Override] = {}
        for o in overrides:
            if o.day in table and table[o.day].kind != o.kind:
                raise CalendarError(f"{o.day.isoformat()} 同时被登记为放假和调休上班")
            table[o.day] = Override(o.day, DayKind(o.kind), o.name, o.notice)
        return cls(MappingProxyType(table), frozenset(int(y) for y in official_years), version)

    # --- single days -------------------------------------------------------------------
    def is_provisional(self, d: date) -> bool:
        return d.year not in self.official_years

    def is_workday(self, d: date) -> bool:
        o = self.overrides.get(d)
        if o is not None:
            return o.kind == DayKind.WORKDAY
        return d.weekday() < 5

    def day_info(self, d: date) -> DayInfo:
        return DayInfo(d, self.is_workday(d), self.is_provisional(d), self.overrides.get(d))

    def roll_forward(self, d: date) -> date:
        """d itself if it is a working day, else the first working day after it: a period whose
        last day is a rest day ends on the day after the rest ends (民法典 Art. 203)."""
        while not self.is_workday(d):
            d += ONE_DAY
        return d

    # --- counting ----------------------------------------------------------------------
    def add_workdays(self, d: date, n: int) -> date:
        """The n-th working day after d (d itself is not counted); n < 0 counts backwards."""
        return self.add_workdays_explained(d, n).day

    def add_workdays_explained(self, d: date, n: int) -> WorkdayResult:
        step = ONE_DAY if n >= 0 else -ONE_DAY
        remaining = abs(n)
        current = d
        provisional: set[int] = set()
        while remaining:
            current += step
            if self.is_provisional(current):
                provisional.add(current.year)
            if self.is_workday(current):
                remaining -= 1
        return WorkdayResult(current, tuple(sorted(provisional)))

    def workdays_between(self, a: date, b: date) -> int:
        """Working days d with a < d <= b (negative when b < a)."""
        return self.workdays_between_explained(a, b)[0]

    def workdays_between_explained(self, a: date, b: date) -> tuple[int, tuple[int, ...]]:
        if b < a:
            count, years = self.workdays_between_explained(b, a)
            return -count, years
        count = 0
        provisional: set[int] = set()
        current = a
        while current < b:
            current += ONE_DAY
            if self.is_provisional(current):
                provisional.add(current.year)
            if self.is_workday(current):
                count += 1
        return count, tuple(sorted(provisional))


def parse_calendar_json(data: dict) -> WorkCalendar:
    """Build a calendar from the JSON shape of data/calendar-cn.json (also the import format)."""
    overrides = [
        Override(
            date.fromisoformat(row["date"]),
            DayKind(row["kind"]),
            row.get("name", ""),
            row.get("notice", ""),
        )
        for row in data.get("days", [])
    ]
    return WorkCalendar.build(overrides, data.get("official_years", []), data.get("version", ""))


@lru_cache(maxsize=1)
def bundled_data() -> dict:
    text = resources.files("gongkai.rules").joinpath("data/calendar-cn.json").read_text("utf-8")
    return json.loads(text)


@lru_cache(maxsize=1)
def default_calendar() -> WorkCalendar:
    """The calendar bundled with gongkai (official notices 2004–2026)."""
    return parse_calendar_json(bundled_data())
