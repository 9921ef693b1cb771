"""Operations on requests. Each runs in one transaction, changes the clock through ClockEvent rows,
and writes an audit event; a letter is made where the law gives the applicant one.

Registration, disputes and corrections are here; the steps of the request workflow
(`APPLICATION`: 补正, 征求意见, 延期, 收费, 第三十五条, 答复, 撤回) are declared in `steps` and
named here too, so `services` is the one place callers look."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from gongkai.applications import actions, clock, notify
from gongkai.applications.choices import (
    ApplicantType,
    ApplicationChannel,
    ApplicationStatus,
    AttachmentKind,
    NoticeKind,
    Outcome,
)
from gongkai.applications.handling import (
    AUDIT_FIELDS,
    audit,
    cleanup,
    lock,
    save_attachments,
)
from gongkai.applications.models import Application, ClockEvent, Dispute, Reason
from gongkai.applications.reminders import schedule_next_reminders
from gongkai.applications.signoff import (
    approve_extension,
    draft_reply,
    refuse_extension,
    request_extension,
    return_reply,
    sign_off_required,
    sign_reply,
)
from gongkai.applications.steps import (
    APPLICATION,
    art35,
    end_consultation,
    extend,
    fee_lapse,
    fee_notice,
    fee_paid,
    lapse_supplement,
    notify_supplement,
    receive_supplement,
    reply,
    start_consultation,
    withdraw,
)
from gongkai.audit.services import record, snapshot
from gongkai.core import codes
from gongkai.numbering.services import next_number
from gongkai.rules.clock import EventKind
from gongkai.workflow.steps import StepError

__all__ = [
    "APPLICATION",
    "Receipt",
    "approve_extension",
    "draft_reply",
    "refuse_extension",
    "request_extension",
    "return_reply",
    "sign_off_required",
    "sign_reply",
    "StepError",
    "art35",
    "correct_outcome",
    "end_consultation",
    "extend",
    "fee_lapse",
    "fee_notice",
    "fee_paid",
    "lapse_supplement",
    "notify_supplement",
    "receive_supplement",
    "recompute_open",
    "reply",
    "save_dispute",
    "start_consultation",
    "submit",
    "withdraw",
]

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


@dataclass
class Receipt:
    application: Application
    code: str


def receipt_number(agency, year: int) -> str:
    n = next_number(f"applications:{agency.pk}", str(year))
    return f"YSQ-{agency.code.upper()}-{year}-{n:05d}"


def submit(
    agency,
    data: dict,
    files=(),
    *,
    channel: str = ApplicationChannel.ONLINE,
    arrived_at: datetime | None = None,
    confirmed_on: date | None = None,
    oral: bool = False,
    actor,
) -> Receipt:
    """Register a request. The receipt is only returned once the transaction has committed, so an
    acknowledged receipt number always exists."""
    arrived_at = arrived_at or timezone.now()
    arrived_on = (
        timezone.localdate(arrived_at) if timezone.is_aware(arrived_at) else arrived_at.date()
    )
    if channel == ApplicationChannel.ONLINE:
        # The platform's acknowledgement, shown to the applicant at once, is the confirmation by
        # both sides that Art. 31 asks for online requests.
        confirmed_on = arrived_on
    received_on = (
        confirmed_on if channel in ApplicationChannel.needing_confirmation() else arrived_on
    )
    if received_on is None:
        raise StepError("平常信函、传真申请须填写与申请人确认之日")
    if received_on < arrived_on:
        raise StepError("与申请人确认之日不能早于申请到达之日")
    code = codes.new_code(CODE_LENGTH)
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
                code_hash=codes.code_hash(receipt_no, code=code),
                channel=channel,
                oral=oral,
                arrived_at=arrived_at,
                received_on=received_on,
                registered_by=actor if getattr(actor, "is_authenticated", False) else None,
                **values,
            )
            ClockEvent.objects.create(
                application=app, kind=EventKind.RECEIVED, on=arrived_on, channel=channel
            )
            if channel in ApplicationChannel.needing_confirmation():
                ClockEvent.objects.create(application=app, kind=EventKind.CONFIRMED, on=received_on)
            save_attachments(app, files, AttachmentKind.IDENTITY, saved)
            clock.refresh(app)
            notify.notify(app, NoticeKind.ACKNOWLEDGED)
            audit(actions.REQUEST_SUBMIT, app, actor, channel=channel)
            # Keeps the daily reminder run alive while there are requests (deduplicated).
            schedule_next_reminders()
    except BaseException:
        cleanup(saved)
        raise
    return Receipt(app, code)


def save_dispute(app: Application, data: dict, dispute: Dispute | None = None, *, actor) -> Dispute:
    with transaction.atomic():
        before = snapshot(dispute) if dispute else None
        dispute = dispute or Dispute(application=app, agency=app.agency)
        for field, value in data.items():
            setattr(dispute, field, value)
        dispute.full_clean()
        dispute.save()
        record(
            actions.DISPUTE_SAVE,
            dispute,
            actor=actor,
            agency=app.agency,
            before=before,
            after=snapshot(dispute),
        )
    return dispute


def recompute_open(reason: str = "", calendar=None) -> int:
    """Recompute the due date of every open request (after a calendar change); returns how many
    changed. Each change goes to the audit ledger with the old and new date; the platform
    makes it, so no user is named."""
    changed = 0
    for pk in Application.objects.open().values_list("pk", flat=True).iterator():
        with transaction.atomic():
            app = lock(Application(pk=pk))
            before = snapshot(app, AUDIT_FIELDS)
            if clock.refresh(app, calendar):
                audit(actions.REQUEST_DUE_RECOMPUTE, app, None, before, reason=reason)
                changed += 1
    return changed


def correct_outcome(
    app: Application, *, outcome: str, reason: Reason | None = None, actor
) -> Application:
    """Correct the outcome code of a closed request (a mis-coded reply); audited, and the
    report figures follow at once."""
    if outcome not in {o.value for o in Outcome}:
        raise StepError("办理结果不正确")
    with transaction.atomic():
        app = lock(app)
        if app.status != ApplicationStatus.CLOSED:
            raise StepError("只有已办结的申请可以更正办理结果")
        before = snapshot(app, AUDIT_FIELDS)
        app.outcome, app.reason = outcome, reason
        app.save(update_fields=["outcome", "reason", "updated_at"])
        audit(actions.REQUEST_OUTCOME_CORRECT, app, actor, before)
    return app
