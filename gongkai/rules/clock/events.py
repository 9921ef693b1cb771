"""The clock's input: one `ClockInput` per step of an application, with a stable dict form
(stored as rows, read from JSON) and its validation in Chinese."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from gongkai.rules.clock.vocabulary import ClockError, EventKind, Party, ReceiptChannel


@dataclass(frozen=True)
class ClockInput:
    """One step of an application. Only the fields its kind uses are set.

    - received: channel
    - consultation_sent: party (third_party / organ), ref (pairs it with its reply/expiry)
    - consultation_replied / consultation_expired: ref
    - extended: days (working days added)
    - delayed: until (the reasonable delayed deadline set under Art. 35)
    - supplement_sent: until (the supplement period given to the applicant, optional)
    """

    kind: EventKind
    on: date
    channel: ReceiptChannel | None = None
    party: Party | None = None
    ref: str = ""
    days: int | None = None
    until: date | None = None
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind.value, "on": self.on.isoformat()}
        if self.channel is not None:
            out["channel"] = self.channel.value
        if self.party is not None:
            out["party"] = self.party.value
        if self.ref:
            out["ref"] = self.ref
        if self.days is not None:
            out["days"] = self.days
        if self.until is not None:
            out["until"] = self.until.isoformat()
        if self.note:
            out["note"] = self.note
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], position: int | None = None) -> ClockInput:
        where = f"第{position}个事件" if position is not None else "事件"
        if not isinstance(data, Mapping):
            raise ClockError(f"{where}应为对象（JSON object）")
        kind_raw = data.get("kind")
        try:
            kind = EventKind(kind_raw)
        except ValueError:
            known = "、".join(k.value for k in EventKind)
            raise ClockError(f"{where}：未知的事件类型“{kind_raw}”（可用：{known}）") from None
        on = _parse_day(data.get("on"), f"{where}（{kind.label}）的日期 on")
        channel = None
        if data.get("channel") is not None:
            try:
                channel = ReceiptChannel(data["channel"])
            except ValueError:
                known = "、".join(f"{c.value}（{c.label}）" for c in ReceiptChannel)
                raise ClockError(
                    f"{where}：未知的收件渠道“{data['channel']}”（可用：{known}）"
                ) from None
        party = None
        if data.get("party") is not None:
            try:
                party = Party(data["party"])
            except ValueError:
                raise ClockError(
                    f"{where}：未知的征求意见对象“{data['party']}”（可用：third_party、organ）"
                ) from None
        days = data.get("days")
        if days is not None and (isinstance(days, bool) or not isinstance(days, int)):
            raise ClockError(f"{where}：days 应为整数，实际为“{days}”")
        until = None
        if data.get("until") is not None:
            until = _parse_day(data["until"], f"{where}（{kind.label}）的日期 until")
        return cls(
            kind=kind,
            on=on,
            channel=channel,
            party=party,
            ref=str(data.get("ref") or ""),
            days=days,
            until=until,
            note=str(data.get("note") or ""),
        )


def _parse_day(value: Any, what: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            if len(value) > 10:
                return datetime.fromisoformat(value).date()
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ClockError(f"{what}不是有效日期：“{value}”（应为 YYYY-MM-DD）")


def events_from_dicts(rows: Iterable[Mapping[str, Any]]) -> list[ClockInput]:
    return [ClockInput.from_dict(row, i) for i, row in enumerate(rows, start=1)]
