"""The clock's vocabulary: statutory periods, regimes, receipt channels, event kinds, states
and the options for the points the law leaves open. Pure data, no arithmetic."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

REGIME_2019_START = date(2019, 5, 15)
# Reply periods in working days: 2008 条例 Art. 24 (15 + at most 15), 2019 条例 Art. 33 (20 + 20).
REPLY_DAYS_2008 = 15
EXTENSION_DAYS_2008 = 15
REPLY_DAYS_2019 = 20
EXTENSION_DAYS_2019 = 20
CONSULTATION_DAYS = 15
FEE_PAYMENT_DAYS = 20
SUPPLEMENT_NOTICE_DAYS = 7
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


class ReceiptChannel(StrEnum):
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
        return self in (ReceiptChannel.LETTER, ReceiptChannel.ONLINE, ReceiptChannel.FAX)


CHANNEL_LABELS = {
    ReceiptChannel.IN_PERSON: "当面",
    ReceiptChannel.ORAL: "口头（代为填写）",
    ReceiptChannel.POST_SIGNED: "邮寄（签收）",
    ReceiptChannel.LETTER: "平常信函",
    ReceiptChannel.ONLINE: "互联网",
    ReceiptChannel.FAX: "传真",
}


class Party(StrEnum):
    THIRD_PARTY = "third_party"
    ORGAN = "organ"

    @property
    def label(self) -> str:
        return "第三方" if self is Party.THIRD_PARTY else "有关机关"


class EventKind(StrEnum):
    # The values are the stored codes (rows of gongkai.applications, JSON files).
    RECEIVED = "received"
    CONFIRMED = "confirmed"
    SUPPLEMENT_SENT = "supplement_sent"
    SUPPLEMENT_RECEIVED = "supplement_received"
    SUPPLEMENT_LAPSED = "supplement_lapsed"
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

    @classmethod
    def _missing_(cls, value: object) -> EventKind | None:
        # 补正 was once stored as "correction_*" (applications migration 0007 rewrote the rows);
        # JSON files and backups written before then still read.
        if isinstance(value, str) and value in LEGACY_KINDS:
            return cls(LEGACY_KINDS[value])
        return None


LEGACY_KINDS = {
    "correction_sent": "supplement_sent",
    "correction_received": "supplement_received",
    "correction_lapsed": "supplement_lapsed",
}

EVENT_LABELS = {
    EventKind.RECEIVED: "收到申请",
    EventKind.CONFIRMED: "确认收到",
    EventKind.SUPPLEMENT_SENT: "发出补正通知",
    EventKind.SUPPLEMENT_RECEIVED: "收到补正材料",
    EventKind.SUPPLEMENT_LAPSED: "补正期限届满",
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


class ClockStatus(StrEnum):
    AWAITING_CONFIRMATION = "awaiting_confirmation"
    OPEN = "open"
    AWAITING_SUPPLEMENT = "awaiting_correction"  # the stored code, kept
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
        return self in (ClockStatus.REPLIED, ClockStatus.ABANDONED, ClockStatus.WITHDRAWN)


class Timeliness(StrEnum):
    ON_TIME = "on_time"  # 按时办结
    EXTENDED = "extended"  # 延期办结 (within the extended or Art. 35 delayed period)
    LATE = "late"  # 逾期

    @property
    def label(self) -> str:
        return {"on_time": "按时办结", "extended": "延期办结", "late": "逾期答复"}[self.value]


@dataclass(frozen=True)
class ClockOptions:
    """Readings of points the law leaves open (⚠️ in regulations.md). Defaults are conservative.

    consultation_reply_day_excluded: the consultation pause covers the days after sending up to
        and including the reply (or expiry) day, so counting resumes the next working day
        (regulations.md §7.2 item 4). False: the reply day itself counts again (earlier due date).
    fee_pauses_clock: whether the reply clock stops while the applicant may pay the fee. The
        办法 does not say so; False (the clock keeps running) gives the earlier due date.
    supplement_restarts_2008: the 2008 条例 has no restart rule; False keeps the original period.
    """

    consultation_reply_day_excluded: bool = True
    fee_pauses_clock: bool = False
    supplement_restarts_2008: bool = False
