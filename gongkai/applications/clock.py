"""The request's statutory clock: its ClockEvent rows run through gongkai.rules.clock with the
current working-day calendar. Nothing here does date arithmetic of its own."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils import timezone

from gongkai.applications.choices import ApplicationChannel
from gongkai.rules import clock as rules
from gongkai.rules import fees as rules_fees

SOON_DAYS = 5  # 即将到期: at most this many working days left

STATE_LABELS = {
    "normal": "正常",
    "soon": "即将到期",
    "overdue": "已逾期",
    "paused": "暂停计时",
    "closed": "已办结",
}


def rules_channel(channel: str, oral: bool) -> rules.ReceiptChannel:
    """Art. 31 receipt rule of each intake channel. E-mail is a 数据电文 over the internet, so
    it needs the confirmation of both sides like the online form."""
    if channel == ApplicationChannel.IN_PERSON:
        return rules.ReceiptChannel.ORAL if oral else rules.ReceiptChannel.IN_PERSON
    return {
        ApplicationChannel.ONLINE: rules.ReceiptChannel.ONLINE,
        ApplicationChannel.EMAIL: rules.ReceiptChannel.ONLINE,
        ApplicationChannel.FAX: rules.ReceiptChannel.FAX,
        ApplicationChannel.ORDINARY_LETTER: rules.ReceiptChannel.LETTER,
        ApplicationChannel.REGISTERED_LETTER: rules.ReceiptChannel.POST_SIGNED,
    }.get(channel, rules.ReceiptChannel.IN_PERSON)


def current_calendar():
    """The calendar in the database (gongkai.workdays), with its version."""
    from gongkai.workdays.services import current_calendar as db_calendar

    return db_calendar()


def clock_options() -> rules.ClockOptions:
    """The configured readings of the points the law leaves open (GONGKAI_CLOCK_*)."""
    from gongkai.workdays.services import clock_options as configured

    return configured()


@dataclass
class ClockView:
    result: rules.ClockResult
    state: str
    lines: list[str] = field(default_factory=list)

    @property
    def due_on(self) -> date | None:
        return self.result.due_date

    @property
    def days_left(self) -> int | None:
        return self.result.days_left

    @property
    def extended(self) -> bool:
        return self.result.extension_days > 0 or self.result.delayed_due_date is not None

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]


def events_of(app) -> list[rules.ClockInput]:
    rows = app.clock_events.all() if app.pk else []
    out = []
    for row in rows:
        out.append(
            rules.ClockInput(
                kind=rules.EventKind(row.kind),
                on=row.on,
                channel=rules_channel(row.channel, app.oral)
                if row.kind == rules.EventKind.RECEIVED
                else None,
                party=rules.Party(row.party) if row.party else None,
                ref=row.ref,
                days=row.days,
                until=row.until,
            )
        )
    return out


def compute(app, today: date | None = None, calendar=None) -> ClockView:
    today = today or timezone.localdate()
    result = rules.explain(
        events_of(app), calendar or current_calendar(), today=today, options=clock_options()
    )
    return ClockView(result=result, state=state_of(result), lines=list(result.lines))


def state_of(result: rules.ClockResult) -> str:
    if result.status.is_closed:
        return "closed"
    if result.due_date is None:
        return "paused"
    if result.overdue:
        return "overdue"
    if result.days_left is not None and result.days_left <= SOON_DAYS:
        return "soon"
    return "normal"


def state_for(due_on: date | None, status: str, today: date, calendar=None) -> str:
    """Worklist status from the stored due date alone (no event replay per row)."""
    if status == "closed":
        return "closed"
    if due_on is None:
        return "paused"
    if today > due_on:
        return "overdue"
    cal = calendar or current_calendar()
    if cal.workdays_between(today, due_on) <= SOON_DAYS:
        return "soon"
    return "normal"


def refresh(app, calendar=None) -> bool:
    """Recompute and store the due date and calendar version; True if either changed."""
    cal = calendar or current_calendar()
    view = compute(app, calendar=cal)
    old = (app.due_on, app.calendar_version)
    app.due_on = view.result.due_date if view.state != "closed" else app.due_on
    app.calendar_version = view.result.calendar_version
    app.regime = view.result.regime.value if view.result.regime else ""
    app.save()
    return old != (app.due_on, app.calendar_version)


def add_workdays(day: date, n: int) -> date:
    return current_calendar().add_workdays(day, n)


def base_days(app) -> int:
    return rules.Regime.for_date(app.received_on).base_days


def extension_limit(app) -> int:
    return rules.Regime.for_date(app.received_on).max_extension


def supplement_notice_problem(app, on: date) -> str | None:
    """Art. 30: the 补正 notice must go out within 7 working days of receipt."""
    if rules.Regime.for_date(app.received_on) is rules.Regime.R2008:
        return None
    deadline = add_workdays(app.received_on, rules.SUPPLEMENT_NOTICE_DAYS)
    if on > deadline:
        return f"补正告知应在收到申请之日起7个工作日内（{deadline:%Y年%m月%d日}前）一次性发出，已超过期限"
    return None


def fee(method: str, quantity: int) -> tuple[Decimal, str]:
    """Amount and a Chinese breakdown from the rules engine (国办函〔2020〕109号).

    按件: `quantity` is this request's position among the applicant's requests of the month, and
    this request pays the price of that position. 按量: `quantity` is the number of pages."""
    if method == rules_fees.FeeMethod.PER_REQUEST:
        price = rules_fees.per_request_unit_price(quantity)
        text = f"本申请为申请人本月第{quantity}件，按件计收{price}元/件（依据{rules_fees.BASIS}）"
        return price, text
    result = rules_fees.compute(method, quantity)
    return result.total, "；".join(result.breakdown()) + f"（依据{rules_fees.BASIS}）"
