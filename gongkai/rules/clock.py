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
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from gongkai.rules.calendar import WorkCalendar, default_calendar, provisional_note

REGIME_2019_START = date(2019, 5, 15)
# Reply periods in working days: 2008 条例 Art. 24 (15 + at most 15), 2019 条例 Art. 33 (20 + 20).
REPLY_DAYS_2008 = 15
EXTENSION_DAYS_2008 = 15
REPLY_DAYS_2019 = 20
EXTENSION_DAYS_2019 = 20
CONSULTATION_DAYS = 15
FEE_PAYMENT_DAYS = 20
CORRECTION_NOTICE_DAYS = 7
ONE_DAY = timedelta(days=1)


class ClockError(ValueError):
    """Invalid or inconsistent events; the message is Chinese and names the event."""


class Regime(StrEnum):
    R2008 = "2008"
    R2019 = "2019"

    @property
    def label(self) -> str:
        return {
            "2008": "2008年施行的《政府信息公开条例》（国务院令第492号）",
            "2019": "2019年修订的《政府信息公开条例》（国务院令第711号）",
        }[self.value]

    @property
    def base_days(self) -> int:
        return REPLY_DAYS_2008 if self is Regime.R2008 else REPLY_DAYS_2019

    @property
    def max_extension(self) -> int:
        return EXTENSION_DAYS_2008 if self is Regime.R2008 else EXTENSION_DAYS_2019

    @classmethod
    def for_date(cls, received: date) -> Regime:
        return cls.R2008 if received < REGIME_2019_START else cls.R2019


class Channel(StrEnum):
    IN_PERSON = "in_person"
    ORAL = "oral"
    POST_SIGNED = "post_signed"
    LETTER = "letter"
    ONLINE = "online"
    FAX = "fax"

    @property
    def label(self) -> str:
        return CHANNEL_LABELS[self]

    @property
    def needs_confirmation(self) -> bool:
        return self in (Channel.LETTER, Channel.ONLINE, Channel.FAX)


CHANNEL_LABELS = {
    Channel.IN_PERSON: "当面",
    Channel.ORAL: "口头（代为填写）",
    Channel.POST_SIGNED: "邮寄（签收）",
    Channel.LETTER: "平常信函",
    Channel.ONLINE: "互联网",
    Channel.FAX: "传真",
}


class Party(StrEnum):
    THIRD_PARTY = "third_party"
    ORGAN = "organ"

    @property
    def label(self) -> str:
        return "第三方" if self is Party.THIRD_PARTY else "有关机关"


class EventKind(StrEnum):
    RECEIVED = "received"
    CONFIRMED = "confirmed"
    CORRECTION_SENT = "correction_sent"
    CORRECTION_RECEIVED = "correction_received"
    CORRECTION_LAPSED = "correction_lapsed"
    CONSULTATION_SENT = "consultation_sent"
    CONSULTATION_REPLIED = "consultation_replied"
    CONSULTATION_EXPIRED = "consultation_expired"
    EXTENDED = "extended"
    FEE_NOTICE = "fee_notice"
    FEE_PAID = "fee_paid"
    FEE_LAPSED = "fee_lapsed"
    DELAYED = "delayed"
    REPLIED = "replied"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return EVENT_LABELS[self]


EVENT_LABELS = {
    EventKind.RECEIVED: "收到申请",
    EventKind.CONFIRMED: "确认收到",
    EventKind.CORRECTION_SENT: "发出补正通知",
    EventKind.CORRECTION_RECEIVED: "收到补正材料",
    EventKind.CORRECTION_LAPSED: "补正期限届满",
    EventKind.CONSULTATION_SENT: "发出征求意见书",
    EventKind.CONSULTATION_REPLIED: "收到征求意见答复",
    EventKind.CONSULTATION_EXPIRED: "征求意见期限届满",
    EventKind.EXTENDED: "延长答复期限",
    EventKind.FEE_NOTICE: "收到收费通知",
    EventKind.FEE_PAID: "缴纳信息处理费",
    EventKind.FEE_LAPSED: "缴费期限届满",
    EventKind.DELAYED: "延迟答复（第三十五条）",
    EventKind.REPLIED: "作出答复",
    EventKind.WITHDRAWN: "撤回申请",
}


class Status(StrEnum):
    AWAITING_CONFIRMATION = "awaiting_confirmation"
    OPEN = "open"
    AWAITING_CORRECTION = "awaiting_correction"
    PAUSED = "paused"
    AWAITING_FEE = "awaiting_fee"
    REPLIED = "replied"
    ABANDONED = "abandoned"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return {
            "awaiting_confirmation": "待确认收到",
            "open": "办理中",
            "awaiting_correction": "待补正",
            "paused": "征求意见中（暂停计时）",
            "awaiting_fee": "待缴费",
            "replied": "已答复",
            "abandoned": "视为放弃",
            "withdrawn": "已撤回",
        }[self.value]

    @property
    def is_closed(self) -> bool:
        return self in (Status.REPLIED, Status.ABANDONED, Status.WITHDRAWN)


class Timeliness(StrEnum):
    ON_TIME = "on_time"  # 按时办结
    EXTENDED = "extended"  # 延期办结 (within the extended or Art. 35 delayed period)
    LATE = "late"  # 逾期

    @property
    def label(self) -> str:
        return {"on_time": "按时办结", "extended": "延期办结", "late": "逾期答复"}[self.value]


@dataclass(frozen=True)
class ClockEvent:
    """One step of an application. Only the fields its kind uses are set.

    - received: channel
    - consultation_sent: party (third_party / organ), ref (pairs it with its reply/expiry)
    - consultation_replied / consultation_expired: ref
    - extended: days (working days added)
    - delayed: until (the reasonable delayed deadline set under Art. 35)
    - correction_sent: until (the supplement period given to the applicant, optional)
    """

    kind: EventKind
    on: date
    channel: Channel | None = None
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
    def from_dict(cls, data: Mapping[str, Any], position: int | None = None) -> ClockEvent:
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
                channel = Channel(data["channel"])
            except ValueError:
                known = "、".join(f"{c.value}（{c.label}）" for c in Channel)
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


@dataclass(frozen=True)
class ClockOptions:
    """Readings of points the law leaves open (⚠️ in regulations.md). Defaults are conservative.

    consultation_reply_day_excluded: the consultation pause covers the days after sending up to
        and including the reply (or expiry) day, so counting resumes the next working day
        (regulations.md §7.2 item 4). False: the reply day itself counts again (earlier due date).
    fee_pauses_clock: whether the reply clock stops while the applicant may pay the fee. The
        办法 does not say so; False (the clock keeps running) gives the earlier due date.
    correction_restarts_2008: the 2008 条例 has no restart rule; False keeps the original period.
    """

    consultation_reply_day_excluded: bool = True
    fee_pauses_clock: bool = False
    correction_restarts_2008: bool = False


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
    channel: Channel | None = None
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
    correction_sent: date | None = None
    correction_notice_deadline: date | None = None
    correction_on_time: bool | None = None
    fee_payment_due: date | None = None
    status: Status = Status.OPEN
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


def events_from_dicts(rows: Iterable[Mapping[str, Any]]) -> list[ClockEvent]:
    return [ClockEvent.from_dict(row, i) for i, row in enumerate(rows, start=1)]


class _Clock:
    def __init__(self, cal: WorkCalendar, options: ClockOptions) -> None:
        self.cal = cal
        self.opt = options
        self.r = ClockResult(calendar_version=cal.version)
        self.allowed = 0
        self.awaiting_correction = False
        self.fee_open: PausedInterval | None = None
        self.provisional: set[int] = set()
        self.counter = 0

    # --- arithmetic ----------------------------------------------------------------------
    def _excluded_days(self, until: date | None = None, project: bool = False) -> set[date] | None:
        """Dates the clock does not run on; None if an open pause makes that unknowable."""
        out: set[date] = set()
        for p in self.r.paused:
            if p.reason == "fee" and not self.opt.fee_pauses_clock:
                continue
            end = p.end
            if end is None:
                if until is not None:
                    end = until
                elif project and p.expected_end is not None:
                    end = p.expected_end
                else:
                    return None
                last_excluded = end
            else:
                last_excluded = end if self.opt.consultation_reply_day_excluded else end - ONE_DAY
            d = p.start + ONE_DAY
            while d <= last_excluded:
                out.add(d)
                d += ONE_DAY
        return out

    def _nth_day(self, start: date, n: int, excluded: set[date]) -> date:
        d = start
        counted = 0
        while counted < n:
            d += ONE_DAY
            if self.cal.is_provisional(d):
                self.provisional.add(d.year)
            if d not in excluded and self.cal.is_workday(d):
                counted += 1
        return d

    def _count(self, start: date, end: date, excluded: set[date]) -> int:
        n = 0
        d = start
        while d < end:
            d += ONE_DAY
            if d not in excluded and self.cal.is_workday(d):
                n += 1
        return n

    def _recompute(self) -> None:
        r = self.r
        r.due_date = r.base_due_date = r.projected_due_date = None
        if r.start_date is None or self.awaiting_correction:
            return
        excluded = self._excluded_days()
        if excluded is None:
            projected = self._excluded_days(project=True)
            if projected is not None:
                r.projected_due_date = self._nth_day(r.start_date, self.allowed, projected)
            return
        r.base_due_date = self._nth_day(r.start_date, r.base_days, excluded)
        r.due_date = self._nth_day(r.start_date, self.allowed, excluded)
        if r.delayed_due_date is not None:
            r.due_date = r.delayed_due_date

    def _due_text(self) -> str:
        r = self.r
        if r.due_date is None:
            if r.projected_due_date is not None:
                return f"暂停计时，如按期限届满恢复计时，预计截止 {_iso(r.projected_due_date)}"
            return "暂停计时"
        text = f"截止 {_iso(r.due_date)}"
        years = self._years_through(r.due_date)
        if years:
            text += f"（{provisional_note(years)}）"
        return text

    def _years_through(self, until: date) -> list[int]:
        start = self.r.start_date or until
        return [y for y in range(start.year, until.year + 1) if y not in self.cal.official_years]

    def _used_left(self, as_of: date) -> tuple[int, int] | None:
        r = self.r
        if r.start_date is None or self.awaiting_correction:
            return None
        excluded = self._excluded_days(until=as_of) or set()
        used = self._count(r.start_date, max(as_of, r.start_date), excluded)
        return used, self.allowed - used

    # --- events ------------------------------------------------------------------------
    def apply(self, e: ClockEvent, prev: ClockEvent | None, index: int) -> None:
        r = self.r
        where = f"第{index}个事件（{e.kind.label} {_iso(e.on)}）"
        if prev is None and e.kind is not EventKind.RECEIVED:
            raise ClockError(f"{where}：第一个事件必须是收到申请（received）")
        if prev is not None:
            if e.on < prev.on:
                raise ClockError(
                    f"事件顺序错误：{where}早于前一事件（{prev.kind.label} {_iso(prev.on)}）"
                )
            if e.kind is EventKind.RECEIVED:
                raise ClockError(f"{where}：一件申请只能有一个收到申请事件")
            if r.status.is_closed:
                raise ClockError(
                    f"{where}：申请已于 {_iso(prev.on)} {r.status.label}，其后不能再有事件"
                )
        handler = getattr(self, f"_on_{e.kind.value}")
        handler(e, where)

    def _require_started(self, where: str) -> None:
        if self.r.start_date is None:
            raise ClockError(f"{where}：申请尚未确认收到，答复期限还未起算")

    def _on_received(self, e: ClockEvent, where: str) -> None:
        r = self.r
        if e.channel is None:
            raise ClockError(f"{where}：缺少收件渠道 channel")
        r.regime = Regime.for_date(e.on)
        r.channel = e.channel
        r.arrival_date = e.on
        r.base_days = r.regime.base_days
        self.allowed = r.base_days
        r.lines.append(
            f"适用{r.regime.label}：{r.base_days}个工作日内答复，"
            f"经批准可延长，延长不超过{r.regime.max_extension}个工作日"
        )
        if e.channel.needs_confirmation and r.regime is Regime.R2019:
            r.status = Status.AWAITING_CONFIRMATION
            who = "与申请人确认收到之日" if e.channel is Channel.LETTER else "双方确认之日"
            r.lines.append(
                f"{_iso(e.on)} 通过{e.channel.label}提交申请；以{who}为收到申请之日"
                f"（第三十一条），确认后起算"
            )
            return
        self._start_receipt(e.on, f"{_iso(e.on)} {_received_phrase(e.channel)}")

    def _start_receipt(self, day: date, head: str) -> None:
        r = self.r
        r.receipt_date = day
        r.start_date = day
        r.status = Status.OPEN
        self._recompute()
        if self.cal.is_workday(day):
            counting = "次日起算"
        else:
            counting = f"当日为非工作日（{self.cal.day_info(day).reason}），自下一工作日起算"
        r.lines.append(f"{head}；{counting}，{r.base_days}个工作日内答复，{self._due_text()}")

    def _on_confirmed(self, e: ClockEvent, where: str) -> None:
        r = self.r
        if r.receipt_date is not None and r.status is not Status.AWAITING_CONFIRMATION:
            if r.regime is Regime.R2008:
                r.lines.append(
                    f"{_iso(e.on)} 与申请人确认收到（2008年条例未规定确认程序，"
                    f"仍以 {_iso(r.receipt_date)} 收到之日起算）"
                )
                return
            raise ClockError(f"{where}：该申请无需确认或已经确认（{r.channel.label}）")
        assert r.channel is not None and r.arrival_date is not None
        if r.channel is Channel.LETTER and e.on != r.arrival_date:
            r.warnings.append(
                f"平常信函应于收到当日与申请人确认（第三十一条），收到 {_iso(r.arrival_date)}，"
                f"确认 {_iso(e.on)}"
            )
        self._start_receipt(
            e.on,
            f"{_iso(e.on)} 与申请人确认收到{r.channel.label}申请，以确认之日为收到申请之日",
        )

    def _on_correction_sent(self, e: ClockEvent, where: str) -> None:
        r = self.r
        self._require_started(where)
        assert r.receipt_date is not None
        if r.correction_sent is not None and r.regime is Regime.R2019:
            raise ClockError(f"{where}：补正通知应一次性发出，不能再次补正（第三十条）")
        r.correction_sent = e.on
        ordinal = self.cal.workdays_between(r.receipt_date, e.on)
        until = f"，补正期限至 {_iso(e.until)}" if e.until else ""
        if r.regime is Regime.R2019:
            r.correction_notice_deadline = self.cal.add_workdays(
                r.receipt_date, CORRECTION_NOTICE_DAYS
            )
            r.correction_on_time = e.on <= r.correction_notice_deadline
            if r.correction_on_time:
                check = f"收到申请后第{ordinal}个工作日，未超过7个工作日"
            else:
                check = (
                    f"收到申请后第{ordinal}个工作日，超过7个工作日的期限"
                    f"（应于 {_iso(r.correction_notice_deadline)} 前发出）"
                )
                r.warnings.append(
                    f"补正通知超过7个工作日（第三十条），应于 {_iso(r.correction_notice_deadline)} 前发出"
                )
            self.awaiting_correction = True
            r.status = Status.AWAITING_CORRECTION
            self._recompute()
            r.lines.append(
                f"{_iso(e.on)} 发出补正通知（{check}）{until}；答复期限自收到补正材料之日重新起算"
            )
            return
        if self.opt.correction_restarts_2008:
            self.awaiting_correction = True
            r.status = Status.AWAITING_CORRECTION
            self._recompute()
            r.lines.append(
                f"{_iso(e.on)} 告知申请人更改、补充申请{until}；按设置自收到补正材料之日重新起算"
            )
            return
        r.lines.append(
            f"{_iso(e.on)} 告知申请人更改、补充申请{until}；2008年条例未规定重新起算，"
            f"答复期限不变，{self._due_text()}"
        )

    def _on_correction_received(self, e: ClockEvent, where: str) -> None:
        r = self.r
        if r.correction_sent is None:
            raise ClockError(f"{where}：此前没有发出补正通知")
        if not self.awaiting_correction:
            r.lines.append(f"{_iso(e.on)} 收到补正材料；答复期限不变，{self._due_text()}")
            return
        self.awaiting_correction = False
        r.start_date = e.on
        r.status = Status.OPEN
        self._recompute()
        r.lines.append(
            f"{_iso(e.on)} 收到补正材料；答复期限重新起算，次日起{r.base_days}个工作日内答复，"
            f"{self._due_text()}"
        )

    def _on_correction_lapsed(self, e: ClockEvent, where: str) -> None:
        r = self.r
        if r.correction_sent is None:
            raise ClockError(f"{where}：此前没有发出补正通知")
        self.awaiting_correction = False
        r.status = Status.ABANDONED
        r.lines.append(f"{_iso(e.on)} 补正期限届满未补正，视为放弃申请（第三十条），不再处理")

    def _open_consultations(self) -> list[PausedInterval]:
        return [p for p in self.r.paused if p.reason == "consultation" and p.end is None]

    def _on_consultation_sent(self, e: ClockEvent, where: str) -> None:
        r = self.r
        self._require_started(where)
        party = e.party or Party.THIRD_PARTY
        if self.awaiting_correction:
            raise ClockError(f"{where}：申请待补正，答复期限尚未重新起算")
        self.counter += 1
        ref = e.ref or str(self.counter)
        if any(p.ref == ref for p in self._open_consultations()):
            raise ClockError(f"{where}：编号为“{ref}”的征求意见尚未结束")
        expected = self.cal.add_workdays(e.on, CONSULTATION_DAYS)
        if r.regime is Regime.R2008 and party is Party.ORGAN:
            r.lines.append(
                f"{_iso(e.on)} 向有关机关征求意见；2008年条例只扣除征求第三方意见的时间，"
                f"照常计时，{self._due_text()}"
            )
            return
        r.paused.append(PausedInterval(e.on, None, "consultation", party, ref, expected))
        r.status = Status.PAUSED
        used_left = self._used_left(e.on)
        self._recompute()
        basis = "第三十二条、第三十三条" if party is Party.THIRD_PARTY else "第三十三条、第三十四条"
        if r.regime is Regime.R2008:
            basis = "2008年条例第二十三条、第二十四条"
        text = (
            f"{_iso(e.on)} 向{party.label}发出征求意见书；征求意见期间不计入答复期限（{basis}），"
            f"{party.label}应在15个工作日内答复（至迟约 {_iso(expected)}）"
        )
        if used_left:
            text += f"；已用{used_left[0]}个工作日，剩余{used_left[1]}个工作日"
        r.lines.append(text)

    def _close_consultation(self, e: ClockEvent, where: str, expired: bool) -> None:
        r = self.r
        open_ = self._open_consultations()
        if e.ref:
            matches = [p for p in open_ if p.ref == e.ref]
        else:
            matches = open_
            if len(open_) > 1:
                raise ClockError(f"{where}：有多份征求意见书尚未结束，请用 ref 指明是哪一份")
        if not matches:
            raise ClockError(f"{where}：没有对应的未结束的征求意见（ref “{e.ref}”）")
        p = matches[0]
        p.end = e.on
        last = e.on if self.opt.consultation_reply_day_excluded else e.on - ONE_DAY
        p.workdays = self.cal.workdays_between(p.start, last) if last > p.start else 0
        if not self._open_consultations():
            r.status = Status.AWAITING_FEE if self.fee_open else Status.OPEN
        self._recompute()
        who = p.party.label if p.party else "第三方"
        if expired:
            if p.expected_end and e.on < p.expected_end:
                r.warnings.append(
                    f"{who}征求意见期限应至 {_iso(p.expected_end)}，{_iso(e.on)} 尚未届满"
                )
            consequence = "视为同意" if p.party is Party.ORGAN else "由行政机关依法决定"
            head = f"{_iso(e.on)} {who}逾期未提出意见（{consequence}）"
        else:
            head = f"{_iso(e.on)} 收到{who}意见"
        resume = (
            "次一工作日恢复计时" if self.opt.consultation_reply_day_excluded else "当日恢复计时"
        )
        r.lines.append(
            f"{head}；{resume}，征求意见期间共扣除{p.workdays}个工作日，{self._due_text()}"
        )

    def _on_consultation_replied(self, e: ClockEvent, where: str) -> None:
        self._close_consultation(e, where, expired=False)

    def _on_consultation_expired(self, e: ClockEvent, where: str) -> None:
        self._close_consultation(e, where, expired=True)

    def _on_extended(self, e: ClockEvent, where: str) -> None:
        r = self.r
        self._require_started(where)
        assert r.regime is not None
        if e.days is None or e.days <= 0:
            raise ClockError(f"{where}：延长的工作日数 days 应为正整数")
        if r.extension_days + e.days > r.regime.max_extension:
            raise ClockError(
                f"{where}：延长答复期限累计不得超过{r.regime.max_extension}个工作日"
                f"（已延长{r.extension_days}个，本次{e.days}个）"
            )
        previous = r.due_date
        if previous is not None and e.on > previous:
            r.warnings.append(f"延长决定（{_iso(e.on)}）晚于原答复期限 {_iso(previous)}")
        r.extension_days += e.days
        self.allowed = r.base_days + r.extension_days
        self._recompute()
        was = f"（原截止 {_iso(previous)}）" if previous else ""
        r.lines.append(
            f"{_iso(e.on)} 经政府信息公开工作机构负责人同意，延长答复期限{e.days}个工作日"
            f"并告知申请人；{self._due_text()}{was}"
        )

    def _on_fee_notice(self, e: ClockEvent, where: str) -> None:
        r = self.r
        self._require_started(where)
        if self.fee_open is not None:
            raise ClockError(f"{where}：已有未结清的收费通知")
        r.fee_payment_due = self.cal.add_workdays(e.on, FEE_PAYMENT_DAYS)
        self.fee_open = PausedInterval(e.on, None, "fee", None, "", r.fee_payment_due)
        r.paused.append(self.fee_open)
        if r.status is Status.OPEN:
            r.status = Status.AWAITING_FEE
        self._recompute()
        clock = "缴费期间暂停计时" if self.opt.fee_pauses_clock else "缴费期间答复期限照常计算"
        r.lines.append(
            f"{_iso(e.on)} 申请人收到收费通知；自次日起20个工作日内缴费，缴费期限 "
            f"{_iso(r.fee_payment_due)}；{clock}，{self._due_text()}"
        )

    def _close_fee(self, e: ClockEvent, where: str) -> PausedInterval:
        if self.fee_open is None:
            raise ClockError(f"{where}：此前没有收费通知")
        p = self.fee_open
        p.end = e.on
        p.workdays = self.cal.workdays_between(p.start, e.on)
        self.fee_open = None
        if self.r.status is Status.AWAITING_FEE:
            self.r.status = Status.OPEN
        return p

    def _on_fee_paid(self, e: ClockEvent, where: str) -> None:
        r = self.r
        self._close_fee(e, where)
        late = ""
        if r.fee_payment_due and e.on > r.fee_payment_due:
            late = f"（晚于缴费期限 {_iso(r.fee_payment_due)}）"
            r.warnings.append(f"缴费晚于缴费期限 {_iso(r.fee_payment_due)}")
        self._recompute()
        r.lines.append(f"{_iso(e.on)} 申请人缴纳信息处理费{late}；{self._due_text()}")

    def _on_fee_lapsed(self, e: ClockEvent, where: str) -> None:
        r = self.r
        due = r.fee_payment_due
        if due is not None and e.on <= due:
            raise ClockError(f"{where}：缴费期限至 {_iso(due)}，尚未届满")
        self._close_fee(e, where)
        r.status = Status.ABANDONED
        r.lines.append(
            f"{_iso(e.on)} 缴费期限（{_iso(due)}）届满未缴费，视为放弃申请"
            f"（国办函〔2020〕109号），不再处理"
        )

    def _on_delayed(self, e: ClockEvent, where: str) -> None:
        r = self.r
        self._require_started(where)
        if r.regime is Regime.R2008:
            raise ClockError(f"{where}：2008年条例没有第三十五条延迟答复的规定")
        if e.until is None or e.until <= e.on:
            raise ClockError(f"{where}：延迟答复期限 until 应为晚于告知日的日期")
        previous = r.due_date
        r.delayed_due_date = e.until
        self._recompute()
        was = f"（原截止 {_iso(previous)}）" if previous else ""
        r.lines.append(
            f"{_iso(e.on)} 申请数量、频次明显超过合理范围，依第三十五条确定延迟答复期限并告知"
            f"申请人；截止 {_iso(e.until)}{was}"
        )

    def _on_replied(self, e: ClockEvent, where: str) -> None:
        r = self.r
        self._require_started(where)
        for p in self._open_consultations():
            p.end = e.on
            p.workdays = self.cal.workdays_between(p.start, e.on)
        if self.fee_open is not None:
            self._close_fee(e, where)
        self.awaiting_correction = False
        self._recompute()
        r.reply_date = e.on
        r.status = Status.REPLIED
        assert r.start_date is not None
        if e.on == r.receipt_date:
            r.timeliness = Timeliness.ON_TIME
            r.lines.append(f"{_iso(e.on)} 当场答复；按时办结")
            return
        used = self._used_left(e.on)
        nth = f"第{used[0]}个工作日" if used else ""
        if r.base_due_date is None or e.on <= r.base_due_date:
            r.timeliness = Timeliness.ON_TIME
            text = f"在{r.base_days}个工作日的答复期限内（{nth}），按时办结"
        elif r.due_date is not None and e.on <= r.due_date:
            r.timeliness = Timeliness.EXTENDED
            text = f"在延长后的答复期限 {_iso(r.due_date)} 内（{nth}），延期办结"
        else:
            r.timeliness = Timeliness.LATE
            assert r.due_date is not None
            late = self.cal.workdays_between(r.due_date, e.on)
            text = f"超过答复期限 {_iso(r.due_date)}，逾期{late}个工作日"
            r.warnings.append(text)
        r.lines.append(f"{_iso(e.on)} 作出答复；{text}")

    def _on_withdrawn(self, e: ClockEvent, where: str) -> None:
        r = self.r
        for p in self._open_consultations():
            p.end = e.on
            p.workdays = self.cal.workdays_between(p.start, e.on)
        if self.fee_open is not None:
            self._close_fee(e, where)
        r.status = Status.WITHDRAWN
        r.lines.append(f"{_iso(e.on)} 申请人撤回申请，终止办理")

    def finish(self, today: date | None, last: date) -> ClockResult:
        r = self.r
        as_of = r.reply_date or max(today or last, last)
        r.as_of = as_of
        for p in r.paused:
            if p.end is None and p.workdays is None:
                p.workdays = self.cal.workdays_between(p.start, as_of)
        used_left = (
            None if r.status in (Status.ABANDONED, Status.WITHDRAWN) else self._used_left(as_of)
        )
        if used_left is not None:
            r.days_used, r.days_left = used_left
            if r.delayed_due_date is not None:
                # Art. 35 sets a date, not a number of days: what is left is counted to it.
                r.days_left = self.cal.workdays_between(as_of, r.delayed_due_date)
        years = set()
        for d in (r.due_date, r.projected_due_date, r.fee_payment_due):
            if d is not None:
                years.update(self._years_through(d))
        r.provisional_years = tuple(sorted(years))
        if r.overdue:
            r.lines.append(f"截至 {_iso(as_of)} 已超过答复期限 {_iso(r.due_date)}")
        return r


def _received_phrase(channel: Channel) -> str:
    return {
        Channel.IN_PERSON: "当面收到申请",
        Channel.ORAL: "申请人口头提出申请，代为填写申请表",
        Channel.POST_SIGNED: "签收邮寄的申请",
        Channel.LETTER: "收到平常信函申请",
        Channel.ONLINE: "收到互联网申请",
        Channel.FAX: "收到传真申请",
    }[channel]


def _iso(d: date | None) -> str:
    return d.isoformat() if d else "—"


def explain(
    events: Iterable[ClockEvent | Mapping[str, Any]],
    calendar: WorkCalendar | None = None,
    today: date | None = None,
    options: ClockOptions | None = None,
) -> ClockResult:
    """Run the clock over an application's events (ClockEvent objects or their dicts).

    `today` is the date used for working days used/left and "overdue" on an open application
    (defaults to the last event's date).
    """
    cal = calendar or default_calendar()
    clock = _Clock(cal, options or ClockOptions())
    prev: ClockEvent | None = None
    items = list(events)
    if not items:
        raise ClockError("没有事件：至少需要一个收到申请（received）事件")
    for index, raw in enumerate(items, start=1):
        event = raw if isinstance(raw, ClockEvent) else ClockEvent.from_dict(raw, index)
        clock.apply(event, prev, index)
        prev = event
    assert prev is not None
    return clock.finish(today, prev.on)


__all__ = [
    "Channel",
    "ClockError",
    "ClockEvent",
    "ClockOptions",
    "ClockResult",
    "EventKind",
    "Party",
    "PausedInterval",
    "REGIME_2019_START",
    "Regime",
    "Status",
    "Timeliness",
    "events_from_dicts",
    "explain",
]
