"""The statutory reply clock of a disclosure application (依申请公开答复期限).

Input: the application's events in order (typed, with stable string kinds so they can be stored
as rows and rebuilt). Output: a ClockResult with the regime, receipt date, due date, working
days used/left, paused intervals, the 补正 7-day check, timeliness and one Chinese line per step.

Law (shared/reference/regulations.md §1.4, §2, §4, §7.2):
- received before 2019-05-15 → 2008 条例 (15 + ≤15 working days; only third-party consultation
  is excluded; no 补正 restart); from that day → 2019 条例 (20 + ≤20; third-party and other-organ
  consultation excluded; 补正 notice within 7 working days, clock restarts on the supplement).
- Art. 31 receipt date: in person / oral / signed post → that day; ordinary letter, online and
  fax → the confirmation date.
- The receipt day is not counted; the due date is the n-th working day after it.
- Fee: payment within 20 working days from the day after the applicant receives the notice;
  not paid → 视为放弃.

Choices where the law is not explicit (⚠️ in regulations.md) are ClockOptions fields; the
defaults are documented in docs/rules.md.

The package: `vocabulary` (periods, regimes, channels, event kinds, states, options), `events`
(the input and its validation), `result` (the output), `engine` (the clock). Import from here.
"""

from gongkai.rules.clock.engine import explain
from gongkai.rules.clock.events import ClockInput, events_from_dicts
from gongkai.rules.clock.result import ClockResult, PausedInterval
from gongkai.rules.clock.vocabulary import (
    CHANNEL_LABELS,
    CONSULTATION_DAYS,
    EVENT_LABELS,
    EXTENSION_DAYS_2008,
    EXTENSION_DAYS_2019,
    FEE_PAYMENT_DAYS,
    REGIME_2019_START,
    REPLY_DAYS_2008,
    REPLY_DAYS_2019,
    SUPPLEMENT_NOTICE_DAYS,
    ClockError,
    ClockOptions,
    ClockStatus,
    EventKind,
    Party,
    ReceiptChannel,
    Regime,
    Timeliness,
)

__all__ = [
    "CHANNEL_LABELS",
    "CONSULTATION_DAYS",
    "ClockError",
    "ClockInput",
    "ClockOptions",
    "ClockResult",
    "ClockStatus",
    "EVENT_LABELS",
    "EXTENSION_DAYS_2008",
    "EXTENSION_DAYS_2019",
    "EventKind",
    "FEE_PAYMENT_DAYS",
    "Party",
    "PausedInterval",
    "REGIME_2019_START",
    "REPLY_DAYS_2008",
    "REPLY_DAYS_2019",
    "ReceiptChannel",
    "Regime",
    "SUPPLEMENT_NOTICE_DAYS",
    "Timeliness",
    "events_from_dicts",
    "explain",
]
