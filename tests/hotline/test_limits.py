"""The hotline's time limits (gongkai.rules.hotline) on the working-day calendar."""

from datetime import date

import pytest

from gongkai.rules import hotline as rules
from gongkai.rules.calendar import DayKind, Override, WorkCalendar

# 2024 National Day: 10-01..10-07 off, 09-29 (Sun) and 10-12 (Sat) worked.
CAL = WorkCalendar.build(
    [Override(date(2024, 10, d), DayKind.HOLIDAY) for d in range(1, 8)]
    + [Override(date(2024, 9, 29), DayKind.WORKDAY), Override(date(2024, 10, 12), DayKind.WORKDAY)],
    [2024],
)
L = rules.Limits()


def test_defaults_are_the_stricter_readings():
    assert L.sign_days == 1 and L.callback_days == 1 and L.max_total_days == 15
    assert L.close_days["consult"] == 3 and L.close_days["complaint"] == 5


def test_a_complaint_received_before_the_holiday_is_due_after_it():
    # received Mon 2024-09-30: working days after it: 10-08, 10-09, 10-10, 10-11, 10-12 (Sat, worked)
    assert rules.close_due(CAL, date(2024, 9, 30), "complaint", L) == date(2024, 10, 12)
    assert rules.close_due(CAL, date(2024, 9, 30), "consult", L) == date(2024, 10, 10)


def test_an_emergency_is_due_the_same_day():
    assert rules.close_due(CAL, date(2024, 9, 30), "help", L, emergency=True) == date(2024, 9, 30)


def test_sign_for_is_due_the_next_working_day():
    assert rules.sign_due(CAL, date(2024, 9, 30), L) == date(2024, 10, 8)


def test_an_extension_never_goes_beyond_fifteen_working_days_from_receipt():
    received = date(2024, 9, 2)
    due = rules.close_due(CAL, received, "complaint", L)
    assert rules.extended_due(CAL, received, due, 10, L) == CAL.add_workdays(received, 15)
    with pytest.raises(rules.LimitsError, match="最多还可延期10个工作日"):
        rules.extended_due(CAL, received, due, 11, L)


def test_configuration_is_checked():
    assert rules.Limits.from_dict({"close_days": {"consult": 1}}).close_days["complaint"] == 5
    with pytest.raises(rules.LimitsError, match="未知项"):
        rules.Limits.from_dict({"sign_hours": 2})
    with pytest.raises(rules.LimitsError, match="未知诉求类型"):
        rules.Limits.from_dict({"close_days": {"rumour": 1}})
    with pytest.raises(rules.LimitsError, match="非负整数"):
        rules.Limits.from_dict({"sign_days": -1})
