"""Calendar changes and the calendar in use.

Every change runs in one transaction that also writes its audit events, bumps the calendar
version and enqueues the recompute job, so either all of it happens or none.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from gongkai.audit.services import record, snapshot
from gongkai.core.csvtext import CsvUnreadable, read_csv
from gongkai.core.jobs import enqueue
from gongkai.core.messages import os_error
from gongkai.rules.calendar import DayKind, Override, WorkCalendar, bundled_data
from gongkai.rules.clock import ClockOptions
from gongkai.workdays import actions
from gongkai.workdays.models import CalendarDay, CalendarVersion, OfficialYear

KIND_ALIASES = {
    "holiday": DayKind.HOLIDAY,
    "放假": DayKind.HOLIDAY,
    "休": DayKind.HOLIDAY,
    "workday": DayKind.WORKDAY,
    "上班": DayKind.WORKDAY,
    "调休上班": DayKind.WORKDAY,
    "班": DayKind.WORKDAY,
}
WEEKDAYS = "一二三四五六日"


class CalendarInputError(ValueError):
    """Bad calendar input; the message is Chinese and names the line or date."""


@dataclass(frozen=True)
class DayRow:
    day: date
    kind: DayKind
    name: str = ""
    notice: str = ""


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    years: list[int] = field(default_factory=list)
    version: str = ""

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.deleted or self.years)

    def summary(self) -> str:
        years = "、".join(f"{y}年" for y in self.years) or "无"
        return (
            f"新增{self.created}天，修改{self.updated}天，删除{self.deleted}天，未变{self.unchanged}天；"
            f"已录入通知的年度：{years}；日历版本 {self.version}"
        )


# --- clock options ----------------------------------------------------------------------------


def clock_options() -> ClockOptions:
    """Readings of the points the law leaves open (docs/rules.md §2), from the GONGKAI_CLOCK_*
    settings; every reply clock the platform computes uses them."""
    return ClockOptions(
        consultation_reply_day_excluded=settings.GONGKAI_CLOCK_CONSULTATION_REPLY_DAY_EXCLUDED,
        fee_pauses_clock=settings.GONGKAI_CLOCK_FEE_PAUSES,
        supplement_restarts_2008=settings.GONGKAI_CLOCK_SUPPLEMENT_RESTARTS_2008,
    )


# --- the calendar in use ----------------------------------------------------------------------

_cache_lock = threading.Lock()
_cache: dict[str, WorkCalendar] = {}


def current_version() -> str:
    number = CalendarVersion.objects.filter(pk=1).values_list("number", flat=True).first()
    return f"v{number or 0}"


def current_calendar() -> WorkCalendar:
    """The calendar stored in the database, built once per version (one query when cached)."""
    state = CalendarVersion.objects.filter(pk=1).values_list("number", "changed_at").first()
    number, changed_at = state or (0, None)
    # The change time is part of the key: a rolled-back change may have used the same number.
    key = f"{number}@{changed_at.isoformat() if changed_at else ''}"
    cached = _cache.get(key)
    if cached is not None:
        return cached
    overrides = [
        Override(d.day, DayKind(d.kind), d.name, d.notice) for d in CalendarDay.objects.all()
    ]
    years = OfficialYear.objects.values_list("year", flat=True)
    calendar = WorkCalendar.build(overrides, years, f"v{number}")
    with _cache_lock:
        _cache.clear()
        _cache[key] = calendar
    return calendar


def _bump_version(actor) -> str:
    updated = CalendarVersion.objects.filter(pk=1).update(
        number=F("number") + 1, changed_at=timezone.now()
    )
    if not updated:
        CalendarVersion.objects.create(pk=1, number=1)
    version = current_version()
    record(
        actions.CALENDAR_VERSION,
        actor=actor,
        object_type="workdays.calendarversion",
        object_id=1,
        after={"version": version},
    )
    # Open deadlines are recomputed by the worker once this transaction commits.
    enqueue("workdays.recompute", {"version": version}, dedupe_key="workdays.recompute")
    return version


# --- validation -------------------------------------------------------------------------------


def validate_row(row: DayRow) -> None:
    if row.kind is DayKind.WORKDAY and row.day.weekday() < 5:
        raise CalendarInputError(
            f"{row.day.isoformat()} 是星期{WEEKDAYS[row.day.weekday()]}，本来就是工作日，"
            f"不能登记为调休上班"
        )
    if not 1949 <= row.day.year <= 2200:
        raise CalendarInputError(f"{row.day.isoformat()} 超出可登记的年份范围")


def parse_kind(value: str, where: str) -> DayKind:
    kind = KIND_ALIASES.get((value or "").strip().lower())
    if kind is None:
        raise CalendarInputError(
            f"{where}：类别“{value}”无效（应为 holiday/放假 或 workday/调休上班）"
        )
    return kind


def parse_date(value, where: str) -> date:
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise CalendarInputError(f"{where}：日期“{value}”无效（应为 YYYY-MM-DD）") from None


# --- changes ----------------------------------------------------------------------------------


def _upsert(row: DayRow, result: ImportResult, actor) -> None:
    validate_row(row)
    existing = CalendarDay.objects.filter(day=row.day).first()
    if existing is None:
        obj = CalendarDay.objects.create(
            day=row.day, kind=row.kind.value, name=row.name, notice=row.notice
        )
        record(actions.DAY_CREATE, obj, actor=actor, after=snapshot(obj))
        result.created += 1
        return
    if (existing.kind, existing.name, existing.notice) == (row.kind.value, row.name, row.notice):
        result.unchanged += 1
        return
    before = snapshot(existing)
    existing.kind, existing.name, existing.notice = row.kind.value, row.name, row.notice
    existing.save()
    record(actions.DAY_UPDATE, existing, actor=actor, before=before, after=snapshot(existing))
    result.updated += 1


def _mark_official(year: int, notice: str, document_number: str, actor) -> bool:
    obj, created = OfficialYear.objects.get_or_create(
        year=year, defaults={"notice": notice, "document_number": document_number}
    )
    if created:
        record(actions.YEAR_OFFICIAL, obj, actor=actor, after=snapshot(obj))
        return True
    if (notice and notice != obj.notice) or (
        document_number and document_number != obj.document_number
    ):
        before = snapshot(obj)
        obj.notice = notice or obj.notice
        obj.document_number = document_number or obj.document_number
        obj.save()
        record(actions.YEAR_UPDATE, obj, actor=actor, before=before, after=snapshot(obj))
        return True
    return False


def import_calendar(
    rows: list[DayRow],
    official_years: list[int],
    *,
    replace: bool = False,
    notice: str = "",
    document_number: str = "",
    actor,
) -> ImportResult:
    """Create or update the given days and mark the years official. With `replace`, days of
    those years that the input does not list are deleted (the notice is the whole truth)."""
    seen: dict[date, DayRow] = {}
    for row in rows:
        if row.day in seen and seen[row.day].kind != row.kind:
            raise CalendarInputError(f"{row.day.isoformat()} 在输入中同时被登记为放假和调休上班")
        seen[row.day] = row
    for row in seen.values():
        validate_row(row)
    result = ImportResult()
    with transaction.atomic():
        for row in sorted(seen.values(), key=lambda r: r.day):
            _upsert(row, result, actor)
        if replace and official_years:
            for obj in CalendarDay.objects.filter(day__year__in=official_years).exclude(
                day__in=list(seen)
            ):
                record(actions.DAY_DELETE, obj, actor=actor, before=snapshot(obj))
                obj.delete()
                result.deleted += 1
        for year in sorted(set(official_years)):
            if _mark_official(year, notice, document_number, actor):
                result.years.append(year)
        if result.changed:
            result.version = _bump_version(actor)
        else:
            result.version = current_version()
    return result


def save_day(row: DayRow, *, actor) -> CalendarDay:
    with transaction.atomic():
        result = ImportResult()
        _upsert(row, result, actor)
        if result.created or result.updated:
            _bump_version(actor)
    return CalendarDay.objects.get(day=row.day)


def delete_day(obj: CalendarDay, *, actor) -> None:
    with transaction.atomic():
        record(actions.DAY_DELETE, obj, actor=actor, before=snapshot(obj))
        obj.delete()
        _bump_version(actor)


def seed_bundled() -> ImportResult | None:
    """Load the bundled 2004–2026 data when the calendar is empty (fresh install)."""
    if CalendarDay.objects.exists() or OfficialYear.objects.exists():
        return None
    rows, years = parse_json(bundled_data())
    return import_calendar(rows, years, actor=None)  # the bundled notices: the platform's own


# --- files ------------------------------------------------------------------------------------


def parse_json(data) -> tuple[list[DayRow], list[int]]:
    if not isinstance(data, dict) or not isinstance(data.get("days"), list):
        raise CalendarInputError("JSON 应为对象，包含 days 数组（见 docs/rules.md）")
    default_notice = str(data.get("notice") or "")
    rows = []
    for i, item in enumerate(data["days"], start=1):
        where = f"days 第{i}项"
        if not isinstance(item, dict):
            raise CalendarInputError(f"{where}应为对象")
        rows.append(
            DayRow(
                parse_date(item.get("date"), where),
                parse_kind(str(item.get("kind", "")), where),
                str(item.get("name") or ""),
                str(item.get("notice") or default_notice),
            )
        )
    years_raw = data.get("official_years")
    if years_raw is None:
        years = sorted({r.day.year for r in rows})
    else:
        if not isinstance(years_raw, list) or not all(
            isinstance(y, int) and not isinstance(y, bool) for y in years_raw
        ):
            raise CalendarInputError("official_years 应为年份数组，例如 [2027]")
        years = list(years_raw)
    return rows, years


def parse_csv(text: str) -> tuple[list[DayRow], list[int]]:
    try:
        fieldnames, items = read_csv(text)
    except CsvUnreadable as exc:
        raise CalendarInputError(str(exc)) from None
    if not fieldnames or not {"date", "kind"} <= {f.strip() for f in fieldnames}:
        raise CalendarInputError("CSV 第一行应为表头 date,kind,name,notice")
    rows = []
    for i, item in enumerate(items, start=2):
        item = {(k or "").strip(): (v or "").strip() for k, v in item.items()}
        if not any(item.values()):
            continue
        where = f"第{i}行"
        rows.append(
            DayRow(
                parse_date(item.get("date"), where),
                parse_kind(item.get("kind", ""), where),
                item.get("name", ""),
                item.get("notice", ""),
            )
        )
    return rows, sorted({r.day.year for r in rows})


def parse_file(path: str | Path) -> tuple[list[DayRow], list[int]]:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CalendarInputError(f"无法读取文件 {path}：{os_error(exc)}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("gb18030", errors="replace")
    if path.suffix.lower() == ".json" or text.lstrip().startswith("{"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise CalendarInputError(f"JSON 格式错误：第{exc.lineno}行第{exc.colno}列") from None
        return parse_json(data)
    return parse_csv(text)
