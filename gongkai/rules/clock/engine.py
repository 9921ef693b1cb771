"""The clock itself: runs an application's events in order over a working-day calendar."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from gongkai.rules.calendar import WorkCalendar, default_calendar, provisional_note
from gongkai.rules.clock.events import ClockInput
from gongkai.rules.clock.result import ClockResult, PausedInterval
from gongkai.rules.clock.vocabulary import (
    CONSULTATION_DAYS,
    FEE_PAYMENT_DAYS,
    ONE_DAY,
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


class _Clock:
    def __init__(self, cal: WorkCalendar, options: ClockOptions) -> None:
        self.cal = cal
        self.opt = options
        self.r = ClockResult(calendar_version=cal.version)
        self.allowed = 0
        self.awaiting_supplement = False
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
        if r.start_date is None or self.awaiting_supplement:
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
        if r.start_date is None or self.awaiting_supplement:
            return None
        excluded = self._excluded_days(until=as_of) or set()
        used = self._count(r.start_date, max(as_of, r.start_date), excluded)
        return used, self.allowed - used

    # --- events ------------------------------------------------------------------------
    def apply(self, e: ClockInput, prev: ClockInput | None, index: int) -> None:
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
        handler = getattr(self, f"_on_{e.kind.name.lower()}")
        handler(e, where)

    def _require_started(self, where: str) -> None:
        if self.r.start_date is None:
            raise ClockError(f"{where}：申请尚未确认收到，答复期限还未起算")

    def _on_received(self, e: ClockInput, where: str) -> None:
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
            r.status = ClockStatus.AWAITING_CONFIRMATION
            who = "与申请人确认收到之日" if e.channel is ReceiptChannel.LETTER else "双方确认之日"
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
        r.status = ClockStatus.OPEN
        self._recompute()
        if self.cal.is_workday(day):
            counting = "次日起算"
        else:
            counting = f"当日为非工作日（{self.cal.day_info(day).reason}），自下一工作日起算"
        r.lines.append(f"{head}；{counting}，{r.base_days}个工作日内答复，{self._due_text()}")

    def _on_confirmed(self, e: ClockInput, where: str) -> None:
        r = self.r
        if r.receipt_date is not None and r.status is not ClockStatus.AWAITING_CONFIRMATION:
            if r.regime is Regime.R2008:
                r.lines.append(
                    f"{_iso(e.on)} 与申请人确认收到（2008年条例未规定确认程序，"
                    f"仍以 {_iso(r.receipt_date)} 收到之日起算）"
                )
                return
            raise ClockError(f"{where}：该申请无需确认或已经确认（{r.channel.label}）")
        assert r.channel is not None and r.arrival_date is not None
        if r.channel is ReceiptChannel.LETTER and e.on != r.arrival_date:
            r.warnings.append(
                f"平常信函应于收到当日与申请人确认（第三十一条），收到 {_iso(r.arrival_date)}，"
                f"确认 {_iso(e.on)}"
            )
        self._start_receipt(
            e.on,
            f"{_iso(e.on)} 与申请人确认收到{r.channel.label}申请，以确认之日为收到申请之日",
        )

    def _on_supplement_sent(self, e: ClockInput, where: str) -> None:
        r = self.r
        self._require_started(where)
        assert r.receipt_date is not None
        if r.supplement_sent is not None and r.regime is Regime.R2019:
            raise ClockError(f"{where}：补正通知应一次性发出，不能再次补正（第三十条）")
        r.supplement_sent = e.on
        ordinal = self.cal.workdays_between(r.receipt_date, e.on)
        until = f"，补正期限至 {_iso(e.until)}" if e.until else ""
        if r.regime is Regime.R2019:
            r.supplement_notice_deadline = self.cal.add_workdays(
                r.receipt_date, SUPPLEMENT_NOTICE_DAYS
            )
            r.supplement_on_time = e.on <= r.supplement_notice_deadline
            if r.supplement_on_time:
                check = f"收到申请后第{ordinal}个工作日，未超过7个工作日"
            else:
                check = (
                    f"收到申请后第{ordinal}个工作日，超过7个工作日的期限"
                    f"（应于 {_iso(r.supplement_notice_deadline)} 前发出）"
                )
                r.warnings.append(
                    f"补正通知超过7个工作日（第三十条），应于 {_iso(r.supplement_notice_deadline)} 前发出"
                )
            self.awaiting_supplement = True
            r.status = ClockStatus.AWAITING_SUPPLEMENT
            self._recompute()
            r.lines.append(
                f"{_iso(e.on)} 发出补正通知（{check}）{until}；答复期限自收到补正材料之日重新起算"
            )
            return
        if self.opt.supplement_restarts_2008:
            self.awaiting_supplement = True
            r.status = ClockStatus.AWAITING_SUPPLEMENT
            self._recompute()
            r.lines.append(
                f"{_iso(e.on)} 告知申请人更改、补充申请{until}；按设置自收到补正材料之日重新起算"
            )
            return
        r.lines.append(
            f"{_iso(e.on)} 告知申请人更改、补充申请{until}；2008年条例未规定重新起算，"
            f"答复期限不变，{self._due_text()}"
        )

    def _on_supplement_received(self, e: ClockInput, where: str) -> None:
        r = self.r
        if r.supplement_sent is None:
            raise ClockError(f"{where}：此前没有发出补正通知")
        if not self.awaiting_supplement:
            r.lines.append(f"{_iso(e.on)} 收到补正材料；答复期限不变，{self._due_text()}")
            return
        self.awaiting_supplement = False
        r.start_date = e.on
        r.status = ClockStatus.OPEN
        self._recompute()
        r.lines.append(
            f"{_iso(e.on)} 收到补正材料；答复期限重新起算，次日起{r.base_days}个工作日内答复，"
            f"{self._due_text()}"
        )

    def _on_supplement_lapsed(self, e: ClockInput, where: str) -> None:
        r = self.r
        if r.supplement_sent is None:
            raise ClockError(f"{where}：此前没有发出补正通知")
        self.awaiting_supplement = False
        r.status = ClockStatus.ABANDONED
        r.lines.append(f"{_iso(e.on)} 补正期限届满未补正，视为放弃申请（第三十条），不再处理")

    def _open_consultations(self) -> list[PausedInterval]:
        return [p for p in self.r.paused if p.reason == "consultation" and p.end is None]

    def _on_consultation_sent(self, e: ClockInput, where: str) -> None:
        r = self.r
        self._require_started(where)
        party = e.party or Party.THIRD_PARTY
        if self.awaiting_supplement:
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
        r.status = ClockStatus.PAUSED
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

    def _close_consultation(self, e: ClockInput, where: str, expired: bool) -> None:
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
            r.status = ClockStatus.AWAITING_FEE if self.fee_open else ClockStatus.OPEN
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

    def _on_consultation_replied(self, e: ClockInput, where: str) -> None:
        self._close_consultation(e, where, expired=False)

    def _on_consultation_expired(self, e: ClockInput, where: str) -> None:
        self._close_consultation(e, where, expired=True)

    def _on_extended(self, e: ClockInput, where: str) -> None:
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

    def _on_fee_notice(self, e: ClockInput, where: str) -> None:
        r = self.r
        self._require_started(where)
        if self.fee_open is not None:
            raise ClockError(f"{where}：已有未结清的收费通知")
        r.fee_payment_due = self.cal.add_workdays(e.on, FEE_PAYMENT_DAYS)
        self.fee_open = PausedInterval(e.on, None, "fee", None, "", r.fee_payment_due)
        r.paused.append(self.fee_open)
        if r.status is ClockStatus.OPEN:
            r.status = ClockStatus.AWAITING_FEE
        self._recompute()
        clock = "缴费期间暂停计时" if self.opt.fee_pauses_clock else "缴费期间答复期限照常计算"
        r.lines.append(
            f"{_iso(e.on)} 申请人收到收费通知；自次日起20个工作日内缴费，缴费期限 "
            f"{_iso(r.fee_payment_due)}；{clock}，{self._due_text()}"
        )

    def _close_fee(self, e: ClockInput, where: str) -> PausedInterval:
        if self.fee_open is None:
            raise ClockError(f"{where}：此前没有收费通知")
        p = self.fee_open
        p.end = e.on
        p.workdays = self.cal.workdays_between(p.start, e.on)
        self.fee_open = None
        if self.r.status is ClockStatus.AWAITING_FEE:
            self.r.status = ClockStatus.OPEN
        return p

    def _on_fee_paid(self, e: ClockInput, where: str) -> None:
        r = self.r
        self._close_fee(e, where)
        late = ""
        if r.fee_payment_due and e.on > r.fee_payment_due:
            late = f"（晚于缴费期限 {_iso(r.fee_payment_due)}）"
            r.warnings.append(f"缴费晚于缴费期限 {_iso(r.fee_payment_due)}")
        self._recompute()
        r.lines.append(f"{_iso(e.on)} 申请人缴纳信息处理费{late}；{self._due_text()}")

    def _on_fee_lapsed(self, e: ClockInput, where: str) -> None:
        r = self.r
        due = r.fee_payment_due
        if due is not None and e.on <= due:
            raise ClockError(f"{where}：缴费期限至 {_iso(due)}，尚未届满")
        self._close_fee(e, where)
        r.status = ClockStatus.ABANDONED
        r.lines.append(
            f"{_iso(e.on)} 缴费期限（{_iso(due)}）届满未缴费，视为放弃申请"
            f"（国办函〔2020〕109号），不再处理"
        )

    def _on_delayed(self, e: ClockInput, where: str) -> None:
        r = self.r
        self._require_started(where)
        if r.regime is Regime.R2008:
            raise ClockError(f"{where}：2008年条例没有第三十五条延迟答复的规定")
        if e.until is None or e.until <= e.on:
            raise ClockError(f"{where}：延迟答复期限 until 应为晚于告知日的日期")
        previous = r.due_date
        until = self.cal.roll_forward(e.until)
        moved = ""
        if until != e.until:
            moved = f"（所定 {_iso(e.until)} 为休息日，依民法典第二百零三条顺延至 {_iso(until)}）"
        r.delayed_due_date = until
        self._recompute()
        was = f"（原截止 {_iso(previous)}）" if previous else ""
        r.lines.append(
            f"{_iso(e.on)} 申请数量、频次明显超过合理范围，依第三十五条确定延迟答复期限并告知"
            f"申请人；截止 {_iso(until)}{moved}{was}"
        )

    def _on_replied(self, e: ClockInput, where: str) -> None:
        r = self.r
        self._require_started(where)
        for p in self._open_consultations():
            p.end = e.on
            p.workdays = self.cal.workdays_between(p.start, e.on)
        if self.fee_open is not None:
            self._close_fee(e, where)
        self.awaiting_supplement = False
        self._recompute()
        r.reply_date = e.on
        r.status = ClockStatus.REPLIED
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

    def _on_withdrawn(self, e: ClockInput, where: str) -> None:
        r = self.r
        for p in self._open_consultations():
            p.end = e.on
            p.workdays = self.cal.workdays_between(p.start, e.on)
        if self.fee_open is not None:
            self._close_fee(e, where)
        r.status = ClockStatus.WITHDRAWN
        r.lines.append(f"{_iso(e.on)} 申请人撤回申请，终止办理")

    def finish(self, today: date | None, last: date) -> ClockResult:
        r = self.r
        as_of = r.reply_date or max(today or last, last)
        r.as_of = as_of
        for p in r.paused:
            if p.end is None and p.workdays is None:
                p.workdays = self.cal.workdays_between(p.start, as_of)
        used_left = (
            None
            if r.status in (ClockStatus.ABANDONED, ClockStatus.WITHDRAWN)
            else self._used_left(as_of)
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


def _received_phrase(channel: ReceiptChannel) -> str:
    return {
        ReceiptChannel.IN_PERSON: "当面收到申请",
        ReceiptChannel.ORAL: "申请人口头提出申请，代为填写申请表",
        ReceiptChannel.POST_SIGNED: "签收邮寄的申请",
        ReceiptChannel.LETTER: "收到平常信函申请",
        ReceiptChannel.ONLINE: "收到互联网申请",
        ReceiptChannel.FAX: "收到传真申请",
    }[channel]


def _iso(d: date | None) -> str:
    return d.isoformat() if d else "—"


def explain(
    events: Iterable[ClockInput | Mapping[str, Any]],
    calendar: WorkCalendar | None = None,
    today: date | None = None,
    options: ClockOptions | None = None,
) -> ClockResult:
    """Run the clock over an application's events (ClockInput objects or their dicts).

    `today` is the date used for working days used/left and "overdue" on an open application
    (defaults to the last event's date).
    """
    cal = calendar or default_calendar()
    clock = _Clock(cal, options or ClockOptions())
    prev: ClockInput | None = None
    items = list(events)
    if not items:
        raise ClockError("没有事件：至少需要一个收到申请（received）事件")
    for index, raw in enumerate(items, start=1):
        event = raw if isinstance(raw, ClockInput) else ClockInput.from_dict(raw, index)
        clock.apply(event, prev, index)
        prev = event
    assert prev is not None
    return clock.finish(today, prev.on)
