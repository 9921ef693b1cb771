"""The clock's output: the due date, days used and left, paused intervals, timeliness and one
Chinese line per step."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from gongkai.rules.clock.vocabulary import ClockStatus, Party, ReceiptChannel, Regime, Timeliness


@dataclass
class PausedInterval:
    """Clock stopped after `start` up to `end` (None while still open)."""

    start: date
    end: date | None
    reason: str  # "consultation" or "fee"
    party: Party | None = None
    ref: str = ""
    expected_end: date | None = None
    workdays: int | None = None  # working days excluded from the clock

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat() if self.end else None,
            "reason": self.reason,
            "party": self.party.value if self.party else None,
            "ref": self.ref,
            "expected_end": self.expected_end.isoformat() if self.expected_end else None,
            "workdays": self.workdays,
        }


@dataclass
class ClockResult:
    regime: Regime | None = None
    channel: ReceiptChannel | None = None
    arrival_date: date | None = None
    receipt_date: date | None = None
    start_date: date | None = None
    base_days: int = 0
    extension_days: int = 0
    base_due_date: date | None = None
    due_date: date | None = None
    projected_due_date: date | None = None
    delayed_due_date: date | None = None
    as_of: date | None = None
    days_used: int | None = None
    days_left: int | None = None
    paused: list[PausedInterval] = field(default_factory=list)
    supplement_sent: date | None = None
    supplement_notice_deadline: date | None = None
    supplement_on_time: bool | None = None
    fee_payment_due: date | None = None
    status: ClockStatus = ClockStatus.OPEN
    reply_date: date | None = None
    timeliness: Timeliness | None = None
    provisional_years: tuple[int, ...] = ()
    calendar_version: str = ""
    lines: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def provisional(self) -> bool:
        return bool(self.provisional_years)

    @property
    def overdue(self) -> bool:
        return (
            not self.status.is_closed
            and self.due_date is not None
            and self.as_of is not None
            and self.as_of > self.due_date
        )

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for key, value in list(data.items()):
            if isinstance(value, date):
                data[key] = value.isoformat()
            elif isinstance(value, StrEnum):
                data[key] = value.value
        data["paused"] = [p.to_dict() for p in self.paused]
        data["provisional_years"] = list(self.provisional_years)
        data["provisional"] = self.provisional
        data["overdue"] = self.overdue
        data["status_label"] = self.status.label
        data["timeliness_label"] = self.timeliness.label if self.timeliness else None
        return data
