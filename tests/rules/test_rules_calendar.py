from datetime import date, timedelta

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.rules.calendar import (
    CalendarError,
    DayKind,
    Override,
    WorkCalendar,
    default_calendar,
)

CAL = default_calendar()


def days(*isos):
    return [date.fromisoformat(s) for s in isos]


def test_it_agrees_with_chinesecalendar_on_every_day_2008_to_2026():
    d = date(2008, 1, 1)
    mismatches = []
    while d <= date(2026, 12, 31):
        if CAL.is_workday(d) != chinese_calendar.is_workday(d):
            mismatches.append(d)
        d += timedelta(days=1)
    assert mismatches == []


def test_it_pins_the_2025_national_day_and_mid_autumn_notice():
    for d in days(*[f"2025-10-0{i}" for i in range(1, 9)]):
        assert not CAL.is_workday(d), d
    assert CAL.is_workday(date(2025, 9, 28))  # Sunday, 调休上班
    assert CAL.is_workday(date(2025, 10, 11))  # Saturday, 调休上班
    assert CAL.is_workday(date(2025, 10, 9))
    assert not CAL.is_workday(date(2025, 10, 12))


def test_it_pins_the_2025_spring_festival_and_labour_day_notice():
    off = [date(2025, 1, 28) + timedelta(days=i) for i in range(8)]  # 1/28–2/4
    assert not any(CAL.is_workday(d) for d in off)
    assert CAL.is_workday(date(2025, 1, 26))
    assert CAL.is_workday(date(2025, 2, 8))
    assert not any(CAL.is_workday(date(2025, 5, i)) for i in range(1, 6))
    assert CAL.is_workday(date(2025, 4, 27))


def test_it_pins_the_2026_make_up_workdays():
    assert CAL.is_workday(date(2026, 2, 14))  # Saturday
    assert CAL.is_workday(date(2026, 9, 20))  # Sunday
    assert CAL.is_workday(date(2026, 10, 10))  # Saturday
    assert not CAL.is_workday(date(2026, 2, 16))
    assert not CAL.is_workday(date(2026, 10, 7))
    assert CAL.is_workday(date(2026, 10, 8))


def test_a_make_up_day_carries_its_name_and_notice():
    info = CAL.day_info(date(2026, 10, 10))
    assert info.override is not None
    assert info.override.kind is DayKind.WORKDAY
    assert info.override.name == "国庆节"
    assert info.override.notice == "国务院办公厅关于2026年部分节假日安排的通知"
    assert info.reason == "星期六，国庆节调休上班"


def test_december_new_year_days_belong_to_the_next_years_notice():
    info = CAL.day_info(date(2018, 12, 29))
    assert info.is_workday and info.override.notice.startswith("国务院办公厅关于2019年")


def test_add_workdays_does_not_count_the_start_day():
    assert CAL.add_workdays(date(2026, 3, 2), 1) == date(2026, 3, 3)
    assert CAL.add_workdays(date(2026, 3, 2), 20) == date(2026, 3, 30)


def test_add_workdays_across_national_day_2025():
    # 9/30 Tue → 10/1–10/8 off → 10/9 Thu is the first working day.
    assert CAL.add_workdays(date(2025, 9, 30), 1) == date(2025, 10, 9)
    assert CAL.add_workdays(date(2025, 9, 27), 1) == date(2025, 9, 28)  # Sunday make-up day


def test_add_workdays_from_a_holiday_starts_at_the_next_working_day():
    assert CAL.add_workdays(date(2025, 10, 3), 1) == date(2025, 10, 9)
    assert CAL.add_workdays(date(2025, 10, 3), 3) == date(2025, 10, 11)


def test_add_workdays_backwards():
    assert CAL.add_workdays(date(2025, 10, 9), -1) == date(2025, 9, 30)


def test_add_workdays_matches_chinesecalendar_find_workday():
    assert CAL.add_workdays(date(2026, 12, 1), 20) == date(2026, 12, 29)
    assert CAL.add_workdays(date(2026, 12, 1), 20) == chinese_calendar.find_workday(
        20, date(2026, 12, 1)
    )


def test_a_year_without_a_notice_is_provisional_and_uses_the_weekday_rule():
    assert CAL.is_provisional(date(2027, 1, 1))
    assert not CAL.is_provisional(date(2026, 12, 31))
    assert CAL.is_workday(date(2027, 1, 1))  # a Friday: weekday rule until the notice is entered
    result = CAL.add_workdays_explained(date(2026, 12, 20), 20)
    assert result.day == date(2027, 1, 15)
    assert result.provisional_years == (2027,)
    assert "2027年未录入国务院放假通知" in result.note
    inside = CAL.add_workdays_explained(date(2026, 12, 1), 20)
    assert not inside.provisional and inside.note == ""


def test_workdays_between_counts_the_end_day_but_not_the_start_day():
    assert CAL.workdays_between(date(2026, 3, 2), date(2026, 3, 30)) == 20
    assert CAL.workdays_between(date(2026, 3, 30), date(2026, 3, 2)) == -20
    assert CAL.workdays_between(date(2026, 3, 2), date(2026, 3, 2)) == 0


def test_a_new_notice_changes_the_answer():
    cal = WorkCalendar.build(
        list(CAL.overrides.values())
        + [
            Override(
                date(2027, 1, 1),
                DayKind.HOLIDAY,
                "元旦",
                "国务院办公厅关于2027年部分节假日安排的通知",
            )
        ],
        list(CAL.official_years) + [2027],
        "test-2",
    )
    assert not cal.is_workday(date(2027, 1, 1))
    assert not cal.is_provisional(date(2027, 1, 1))
    assert cal.add_workdays(date(2026, 12, 31), 1) == date(2027, 1, 4)


def test_contradictory_overrides_are_rejected():
    with pytest.raises(CalendarError, match="同时被登记为放假和调休上班"):
        WorkCalendar.build(
            [
                Override(date(2027, 1, 2), DayKind.HOLIDAY),
                Override(date(2027, 1, 2), DayKind.WORKDAY),
            ],
            [2027],
        )


dates = st.dates(min_value=date(2004, 1, 1), max_value=date(2028, 6, 30))


@settings(deadline=None)
@given(dates, st.integers(min_value=1, max_value=60), st.integers(min_value=0, max_value=30))
def test_add_workdays_is_monotone_in_n(d, n, k):
    assert CAL.add_workdays(d, n + k) >= CAL.add_workdays(d, n)
    if k:
        assert CAL.add_workdays(d, n + k) > CAL.add_workdays(d, n)


@settings(deadline=None)
@given(dates, st.integers(min_value=1, max_value=60))
def test_add_workdays_lands_on_a_working_day(d, n):
    assert CAL.is_workday(CAL.add_workdays(d, n))


@settings(deadline=None)
@given(dates, st.integers(min_value=0, max_value=60))
def test_workdays_between_inverts_add_workdays(d, n):
    assert CAL.workdays_between(d, CAL.add_workdays(d, n)) == n


@settings(deadline=None)
@given(st.dates(min_value=date(2004, 1, 1), max_value=date(2026, 10, 1)), st.integers(1, 40))
def test_add_workdays_agrees_with_chinesecalendar_inside_its_range(d, n):
    # find_workday first moves a non-working start to the next working day and counts from
    # there; the 条例 counts that next working day as day 1 (regulations.md §7.2 item 2).
    if chinese_calendar.is_workday(d):
        assert CAL.add_workdays(d, n) == chinese_calendar.find_workday(n, d)
    else:
        assert CAL.add_workdays(d, n) == chinese_calendar.find_workday(n - 1, d)
