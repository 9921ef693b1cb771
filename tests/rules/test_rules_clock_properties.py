"""Properties of the clock over random applications (hypothesis)."""

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.rules.calendar import default_calendar
from gongkai.rules.clock import ClockOptions, ClockStatus, explain

CAL = default_calendar()
received_on = st.dates(min_value=date(2008, 5, 1), max_value=date(2027, 6, 30))
channels = st.sampled_from(["in_person", "oral", "post_signed"])


def _received(day, channel):
    return {"kind": "received", "on": day.isoformat(), "channel": channel}


@settings(max_examples=200, deadline=None)
@given(received_on, channels, st.integers(0, 30), st.integers(0, 40), st.booleans())
def test_a_consultation_pause_never_makes_the_deadline_earlier(
    day, channel, after, length, reply_day
):
    options = ClockOptions(consultation_reply_day_excluded=reply_day)
    plain = explain([_received(day, channel)], options=options)
    sent = day + timedelta(days=after)
    back = sent + timedelta(days=length)
    paused = explain(
        [
            _received(day, channel),
            {"kind": "consultation_sent", "on": sent.isoformat(), "party": "third_party"},
            {"kind": "consultation_replied", "on": back.isoformat()},
        ],
        options=options,
    )
    assert paused.due_date >= plain.due_date


@settings(max_examples=200, deadline=None)
@given(received_on, channels, st.integers(0, 40), st.integers(0, 40))
def test_a_fee_window_that_pauses_never_makes_the_deadline_earlier(day, channel, after, length):
    events = [
        _received(day, channel),
        {"kind": "fee_notice", "on": (day + timedelta(days=after)).isoformat()},
        {"kind": "fee_paid", "on": (day + timedelta(days=after + length)).isoformat()},
    ]
    running = explain(events)
    pausing = explain(events, options=ClockOptions(fee_pauses_clock=True))
    assert pausing.due_date >= running.due_date == explain(events[:1]).due_date


@settings(max_examples=200, deadline=None)
@given(received_on, channels)
def test_the_due_date_is_the_nth_working_day_after_receipt(day, channel):
    result = explain([_received(day, channel)])
    n = result.regime.base_days
    assert result.due_date == CAL.add_workdays(day, n)
    assert CAL.is_workday(result.due_date)
    assert CAL.workdays_between(day, result.due_date) == n
    assert result.status is ClockStatus.OPEN
    assert result.provisional == any(
        y not in CAL.official_years for y in range(day.year, result.due_date.year + 1)
    )


@settings(max_examples=100, deadline=None)
@given(received_on, st.integers(1, 15), st.integers(0, 60))
def test_an_extension_moves_the_deadline_by_exactly_its_working_days(day, days, after):
    base = explain([_received(day, "in_person")])
    extended = explain(
        [
            _received(day, "in_person"),
            {"kind": "extended", "on": (day + timedelta(days=after)).isoformat(), "days": days},
        ]
    )
    assert CAL.workdays_between(base.due_date, extended.due_date) == days
