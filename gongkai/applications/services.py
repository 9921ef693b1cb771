"""Operations on requests. Each runs in one transaction, changes the clock through ClockEvent rows,
and writes an audit event; a letter is made where the law gives the applicant one."""

from __future__ import annotations

import contextlib
import secrets
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.agencies.scope import Capability, has_capability
from gongkai.applications import clock, letters
from gongkai.applications.attachments import check_upload
from gongkai.applications.choices import (
    ApplicantType,
    AttachmentKind,
    Channel,
    Outcome,
    Status,
)
from gongkai.applications.choices import (
    DeterminationKind as K,
)
from gongkai.applications.jobs import schedule_next_reminders
from gongkai.applications.models import (
    Application,
    Attachment,
    ClockEvent,
    Determination,
    Dispute,
    Reason,
    hash_code,
)
from gongkai.audit.services import record, snapshot
from gongkai.numbering.services import next_number

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
CODE_LENGTH = 8
APPLICATION_FIELDS = [
    "applicant_type",
    "name",
    "id_type",
    "id_number",
    "org_name",
    "uscc",
    "legal_rep",
    "contact_person",
    "phone",
    "email",
    "address",
    "postcode",
    "description",
    "purpose",
    "info_form",
    "delivery",
]
AUDIT_FIELDS = ["receipt_no", "status", "outcome", "due_on", "closed_on", "calendar_version"]


class StepError(ValidationError):
    """A step that the law or the request's state does not allow now; message in Chinese."""


@dataclass
class Receipt:
    application: Application
    code: str


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def receipt_number(agency, year: int) -> str:
    n = next_number(f"applications:{agency.pk}", str(year))
    return f"YSQ-{agency.code.upper()}-{year}-{n:05d}"


def _save_attachments(app: Application, files, kind: str, saved: list) -> None:
    for upload in files:
        facts = check_upload(upload)
        att = Attachment(
            application=app,
            kind=kind,
            original_name=facts.name,
            content_type=facts.content_type,
            size=facts.size,
            sha256=facts.sha256,
        )
        att.file.save(facts.name, upload, save=False)
        saved.append(att.file)
        att.save()


def _cleanup(files) -> None:
    for f in files:
        with contextlib.suppress(OSError):
            f.storage.delete(f.name)


def _audit(action: str, app: Application, before: dict | None = None, **extra) -> None:
    after = snapshot(app, AUDIT_FIELDS)
    after.update(extra)
    record(f"applications.{action}", app, agency=app.agency, before=before, after=after)


def submit(
    agency,
    data: dict,
    files=(),
    *,
    channel: str = Channel.ONLINE,
    arrived_at: datetime | None = None,
    confirmed_on: date | None = None,
    oral: bool = False,
    actor=None,
) -> Receipt:
    """Register a request. The receipt is only returned once the transaction has committed, so an
    acknowledged receipt number always exists."""
    arrived_at = arrived_at or timezone.now()
    arrived_on = (
        timezone.localdate(arrived_at) if timezone.is_aware(arrived_at) else arrived_at.date()
    )
    if channel == Channel.ONLINE:
        # The platform's acknowledgement, shown to the applicant at once, is the confirmation by
        # both sides that Art. 31 asks for online requests.
        confirmed_on = arrived_on
    received_on = confirmed_on if channel in Channel.needing_confirmation() else arrived_on
    if received_on is None:
        raise StepError("平常信函、传真申请须填写与申请人确认之日")
    if received_on < arrived_on:
        raise StepError("与申请人确认之日不能早于申请到达之日")
    code = new_code()
    saved: list = []
    try:
        with transaction.atomic():
            receipt_no = receipt_number(agency, received_on.year)
            values = {f: (data.get(f) or "") for f in APPLICATION_FIELDS}
            if values["applicant_type"] == ApplicantType.PERSON:
                for f in ("org_name", "uscc", "legal_rep"):
                    values[f] = ""
            app = Application.objects.create(
                agency=agency,
                receipt_no=receipt_no,
                code_hash=hash_code(receipt_no, code),
                channel=channel,
                oral=oral,
                arrived_at=arrived_at,
                received_on=received_on,
                registered_by=actor if getattr(actor, "is_authenticated", False) else None,
                **values,
            )
            ClockEvent.objects.create(
                application=app, kind=clock.RECEIVED, on=arrived_on, channel=channel
            )
            if channel in Channel.needing_confirmation():
                ClockEvent.objects.create(application=app, kind=clock.CONFIRMED, on=received_on)
            _save_attachments(app, files, AttachmentKind.IDENTITY, saved)
            clock.refresh(app)
            _audit("submitted", app, channel=channel)
            # Keeps the daily reminder run alive while there are requests (deduplicated).
            schedule_next_reminders()
    except BaseException:
        _cleanup(saved)
        raise
    return Receipt(app, code)


def _lock(app: Application) -> Application:
    return Application.objects.select_for_update().select_related("agency").get(pk=app.pk)


def _require_open(app: Application) -> None:
    if app.status == Status.CLOSED:
        raise StepError("该申请已办结，不能再进行此操作")


def _determine(
    app: Application, kind: str, on: date, actor=None, events=(), **fields
) -> Determination:
    det = Determination.objects.create(
        application=app, kind=kind, on=on, created_by=_user(actor), **fields
    )
    for ev in events:
        ClockEvent.objects.create(application=app, determination=det, **ev)
    if kind in letters.LETTER_KINDS:
        letters.issue(det)
    return det


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def _close(app: Application, outcome: str, on: date, reason: Reason | None = None) -> None:
    view = clock.compute(app, today=on)
    app.status = Status.CLOSED
    app.outcome = outcome
    app.reason = reason
    app.closed_on = on
    timeliness = view.result.timeliness
    if timeliness is None:  # withdrawn or abandoned: no reply to time
        app.extended, app.closed_late = view.extended, False
    else:
        app.extended = timeliness == clock.rules.Timeliness.EXTENDED
        app.closed_late = timeliness == clock.rules.Timeliness.LATE


def _today() -> date:
    return timezone.localdate()


def notify_supplement(
    app: Application, *, text: str, days: int, actor=None, on: date | None = None
) -> Determination:
    """补正告知 (Art. 30): once, within 7 working days of receipt; the clock stops until the
    supplement arrives and then starts again from that day."""
    on = on or _today()
    with transaction.atomic():
        app = _lock(app)
        _require_open(app)
        if app.status != Status.OPEN:
            raise StepError("申请当前不在办理中，不能发出补正告知")
        if app.determinations.filter(kind=K.SUPPLEMENT_NOTICE).exists():
            raise StepError("补正告知只能一次性发出，本申请已发出过补正告知")
        problem = clock.supplement_notice_problem(app, on)
        if problem:
            raise StepError(problem)
        before = snapshot(app, AUDIT_FIELDS)
        until = clock.add_workdays(on, days)
        det = _determine(
            app,
            K.SUPPLEMENT_NOTICE,
            on,
            actor,
            text=text,
            days=days,
            until=until,
            events=[{"kind": clock.SUPPLEMENT_NOTICE, "on": on, "until": until, "days": days}],
        )
        app.status = Status.SUPPLEMENT
        clock.refresh(app)
        _audit("supplement_notice", app, before, until=until.isoformat())
    return det


def receive_supplement(
    app: Application, *, text: str, files=(), actor=None, on: date | None = None
) -> Determination:
    on = on or _today()
    saved: list = []
    try:
        with transaction.atomic():
            app = _lock(app)
            if app.status != Status.SUPPLEMENT:
                raise StepError("该申请当前不需要补正")
            before = snapshot(app, AUDIT_FIELDS)
            det = _determine(
                app,
                K.SUPPLEMENT_RECEIVED,
                on,
                actor,
                text=text,
                events=[{"kind": clock.SUPPLEMENT_RECEIVED, "on": on}],
            )
            _save_attachments(app, files, AttachmentKind.SUPPLEMENT, saved)
            app.status = Status.OPEN
            clock.refresh(app)
            _audit("supplement_received", app, before)
    except BaseException:
        _cleanup(saved)
        raise
    return det


def _lapse(
    app: Application,
    on: date | None,
    actor,
    *,
    waiting: str,
    notice_kind: str,
    lapsed_kind: str,
    outcome: str,
    legal_basis: str,
    clock_event: str,
    wrong_state: str,
    too_early: str,
) -> Determination:
    """The applicant let a period run out (补正, fee): the request closes with `outcome`."""
    on = on or _today()
    with transaction.atomic():
        app = _lock(app)
        if app.status != waiting:
            raise StepError(wrong_state)
        notice = app.determinations.filter(kind=notice_kind).latest("on", "id")
        if on <= notice.until:
            raise StepError(too_early.format(until=notice.until))
        before = snapshot(app, AUDIT_FIELDS)
        det = _determine(
            app,
            lapsed_kind,
            on,
            actor,
            outcome=outcome,
            legal_basis=legal_basis,
            events=[{"kind": clock_event, "on": on}],
        )
        _close(app, outcome, on)
        clock.refresh(app)
        _audit(lapsed_kind, app, before)
    return det


def lapse_supplement(app: Application, *, actor=None, on: date | None = None) -> Determination:
    """No supplement within the period: 视为放弃 (其他处理 1)."""
    return _lapse(
        app,
        on,
        actor,
        waiting=Status.SUPPLEMENT,
        notice_kind=K.SUPPLEMENT_NOTICE,
        lapsed_kind=K.SUPPLEMENT_LAPSED,
        outcome=Outcome.OTHER_NO_SUPPLEMENT,
        legal_basis="《中华人民共和国政府信息公开条例》第三十条",
        clock_event=clock.SUPPLEMENT_LAPSED,
        wrong_state="该申请不在待补正状态",
        too_early="补正期限至{until:%Y年%m月%d日}，期限届满后才能按逾期不补正处理",
    )


def start_consultation(
    app: Application,
    *,
    party: str,
    party_kind: str = "third_party",
    text: str = "",
    actor=None,
    on: date | None = None,
) -> Determination:
    """Consult a third party (Art. 32) or another organ (Art. 34); the time is not counted.
    `text` says which information is concerned: it is the body of the 征求意见书."""
    on = on or _today()
    if not (text or "").strip():
        raise StepError("请写明征求意见的政府信息和事项（写入征求意见书）")
    with transaction.atomic():
        app = _lock(app)
        if app.status != Status.OPEN:
            raise StepError("只有办理中的申请可以征求意见")
        before = snapshot(app, AUDIT_FIELDS)
        until = clock.add_workdays(on, 15)
        det = _determine(
            app,
            K.CONSULTATION,
            on,
            actor,
            party=party,
            text=text,
            days=15,
            until=until,
            events=[
                {"kind": clock.CONSULTATION_SENT, "on": on, "until": until, "party": party_kind}
            ],
        )
        app.status = Status.CONSULTING
        clock.refresh(app)
        _audit("consultation_sent", app, before, party=party)
    return det


def end_consultation(
    app: Application, *, replied: bool, text: str = "", actor=None, on: date | None = None
) -> Determination:
    on = on or _today()
    with transaction.atomic():
        app = _lock(app)
        if app.status != Status.CONSULTING:
            raise StepError("该申请不在征求意见中")
        sent = app.determinations.filter(kind=K.CONSULTATION).latest("on", "id")
        if not replied and on <= sent.until:
            raise StepError(
                f"征求意见答复期限至{sent.until:%Y年%m月%d日}，届满后才能按逾期未答复处理"
            )
        before = snapshot(app, AUDIT_FIELDS)
        kind = K.CONSULTATION_REPLIED if replied else K.CONSULTATION_EXPIRED
        event = clock.CONSULTATION_REPLIED if replied else clock.CONSULTATION_EXPIRED
        det = _determine(app, kind, on, actor, text=text, events=[{"kind": event, "on": on}])
        app.status = Status.OPEN
        clock.refresh(app)
        _audit(kind, app, before)
    return det


def extend(
    app: Application, *, days: int, text: str, approved_by, actor=None, on: date | None = None
) -> Determination:
    """Extension (Art. 33 ¶2): needs the consent of the head of the disclosure office, once, at
    most 20 working days (15 under the 2008 条例)."""
    on = on or _today()
    with transaction.atomic():
        app = _lock(app)
        if app.status != Status.OPEN:
            raise StepError("只有办理中的申请可以延期")
        if not has_capability(approved_by, Capability.SIGN_OFF, app.agency):
            raise PermissionDenied("延期答复须经政府信息公开工作机构负责人同意")
        if app.determinations.filter(kind=K.EXTENSION).exists():
            raise StepError("本申请已延期一次，不能再次延期")
        limit = clock.extension_limit(app)
        if days > limit:
            raise StepError(f"延长答复的期限最长不得超过{limit}个工作日")
        view = clock.compute(app, today=on)
        if view.due_on and on > view.due_on:
            raise StepError(f"答复期限已于{view.due_on:%Y年%m月%d日}届满，不能再延期")
        before = snapshot(app, AUDIT_FIELDS)
        det = _determine(
            app,
            K.EXTENSION,
            on,
            actor,
            text=text,
            days=days,
            approved_by=approved_by,
            events=[{"kind": clock.EXTENSION, "on": on, "days": days}],
        )
        clock.refresh(app)
        _audit("extended", app, before, days=days)
    return det


def fee_notice(
    app: Application, *, method: str, quantity: int, actor=None, on: date | None = None
) -> Determination:
    """收费通知 (国办函〔2020〕109号): amount from the rules engine; 20 working days to pay."""
    on = on or _today()
    with transaction.atomic():
        app = _lock(app)
        if app.status != Status.OPEN:
            raise StepError("只有办理中的申请可以发出收费通知")
        if app.regime == "2008":
            raise StepError("2019年5月15日前收到的申请适用旧条例，不收取信息处理费")
        amount, breakdown = clock.fee(method, quantity)
        if amount <= 0:
            raise StepError(f"按所填数量计算，信息处理费为0元（{breakdown}），无需发出收费通知")
        before = snapshot(app, AUDIT_FIELDS)
        until = clock.add_workdays(on, 20)
        det = _determine(
            app,
            K.FEE_NOTICE,
            on,
            actor,
            amount=Decimal(amount),
            days=20,
            until=until,
            text=breakdown,
            events=[{"kind": clock.FEE_NOTICE, "on": on, "until": until}],
        )
        app.status = Status.FEE
        clock.refresh(app)
        _audit("fee_notice", app, before, amount=str(amount))
    return det


def fee_paid(app: Application, *, actor=None, on: date | None = None) -> Determination:
    on = on or _today()
    with transaction.atomic():
        app = _lock(app)
        if app.status != Status.FEE:
            raise StepError("该申请不在待缴费状态")
        before = snapshot(app, AUDIT_FIELDS)
        det = _determine(app, K.FEE_PAID, on, actor, events=[{"kind": clock.FEE_PAID, "on": on}])
        app.status = Status.OPEN
        clock.refresh(app)
        _audit("fee_paid", app, before)
    return det


def fee_lapse(app: Application, *, actor=None, on: date | None = None) -> Determination:
    """The fee was not paid within the period: 其他处理 2."""
    return _lapse(
        app,
        on,
        actor,
        waiting=Status.FEE,
        notice_kind=K.FEE_NOTICE,
        lapsed_kind=K.FEE_LAPSED,
        outcome=Outcome.OTHER_UNPAID,
        legal_basis="《政府信息公开信息处理费管理办法》",
        clock_event=clock.FEE_LAPSED,
        wrong_state="该申请不在待缴费状态",
        too_early="缴费期限至{until:%Y年%m月%d日}，届满后才能按逾期未缴费处理",
    )


def art35(
    app: Application, *, until: date, text: str, actor=None, on: date | None = None
) -> Determination:
    """Art. 35: reasonable grounds, but the normal period cannot be met → a delayed deadline."""
    on = on or _today()
    with transaction.atomic():
        app = _lock(app)
        if app.status != Status.OPEN:
            raise StepError("只有办理中的申请可以确定延迟答复期限")
        if app.regime == "2008":
            raise StepError("旧条例没有第三十五条的规定")
        view = clock.compute(app, today=on)
        if view.due_on and until <= view.due_on:
            raise StepError(f"延迟答复期限应晚于现行答复期限{view.due_on:%Y年%m月%d日}")
        before = snapshot(app, AUDIT_FIELDS)
        det = _determine(
            app,
            K.ART35,
            on,
            actor,
            until=until,
            text=text,
            legal_basis="《中华人民共和国政府信息公开条例》第三十五条",
            events=[{"kind": clock.DELAYED_DEADLINE, "on": on, "until": until}],
        )
        clock.refresh(app)
        _audit("art35", app, before, until=until.isoformat())
    return det


def reply(
    app: Application,
    *,
    outcome: str,
    text: str,
    reason: Reason | None = None,
    legal_basis: str = "",
    actor=None,
    on: date | None = None,
) -> Determination:
    on = on or _today()
    if outcome not in {o.value for o in Outcome.reply_outcomes()}:
        raise StepError("办理结果不正确")
    with transaction.atomic():
        app = _lock(app)
        _require_open(app)
        if app.status in (Status.SUPPLEMENT, Status.FEE) and outcome != Outcome.OTHER_OTHER:
            raise StepError("申请正在等待补正或缴费，不能作出答复")
        if reason and reason.outcome != outcome:
            raise StepError("所选理由与办理结果不一致")
        before = snapshot(app, AUDIT_FIELDS)
        det = _determine(
            app,
            K.REPLY,
            on,
            actor,
            outcome=outcome,
            reason=reason,
            text=text,
            legal_basis=legal_basis or (reason.legal_basis if reason else ""),
            events=[{"kind": clock.REPLIED, "on": on}],
        )
        _close(app, outcome, on, reason)
        clock.refresh(app)
        _audit("replied", app, before)
    return det


def withdraw(
    app: Application, *, text: str = "", actor=None, on: date | None = None
) -> Determination:
    """The applicant withdrew; counted under （六）其他处理 3."""
    on = on or _today()
    with transaction.atomic():
        app = _lock(app)
        _require_open(app)
        before = snapshot(app, AUDIT_FIELDS)
        det = _determine(
            app,
            K.WITHDRAWAL,
            on,
            actor,
            outcome=Outcome.OTHER_OTHER,
            text=text or "申请人撤回申请",
            events=[{"kind": clock.WITHDRAWN, "on": on}],
        )
        _close(app, Outcome.OTHER_OTHER, on)
        clock.refresh(app)
        _audit("withdrawn", app, before)
    return det


def save_dispute(app: Application, data: dict, dispute: Dispute | None = None) -> Dispute:
    with transaction.atomic():
        before = snapshot(dispute) if dispute else None
        dispute = dispute or Dispute(application=app, agency=app.agency)
        for field, value in data.items():
            setattr(dispute, field, value)
        dispute.full_clean()
        dispute.save()
        record(
            "applications.dispute_saved",
            dispute,
            agency=app.agency,
            before=before,
            after=snapshot(dispute),
        )
    return dispute


def recompute_open(reason: str = "", calendar=None) -> int:
    """Recompute the due date of every open request (after a calendar change); returns how many
    changed. Each change goes to the audit ledger with the old and new date."""
    changed = 0
    for pk in Application.objects.open().values_list("pk", flat=True).iterator():
        with transaction.atomic():
            app = _lock(Application(pk=pk))
            before = snapshot(app, AUDIT_FIELDS)
            if clock.refresh(app, calendar):
                _audit("due_recomputed", app, before, reason=reason)
                changed += 1
    return changed


def correct_outcome(
    app: Application, *, outcome: str, reason: Reason | None = None, actor=None
) -> Application:
    """Correct the outcome code of a closed request (a mis-coded reply); audited, and the
    report figures follow at once."""
    if outcome not in {o.value for o in Outcome}:
        raise StepError("办理结果不正确")
    with transaction.atomic():
        app = _lock(app)
        if app.status != Status.CLOSED:
            raise StepError("只有已办结的申请可以更正办理结果")
        before = snapshot(app, AUDIT_FIELDS)
        app.outcome, app.reason = outcome, reason
        app.save(update_fields=["outcome", "reason", "updated_at"])
        _audit("outcome_corrected", app, before)
    return app


def recompute_for_calendar(calendar) -> None:
    """Hook for gongkai.workdays: the calendar changed, so open due dates may have moved."""
    recompute_open(reason=f"工作日历变更（版本 {calendar.version}）", calendar=calendar)
