"""Notices to applicants that the worker could not send (gongkai.applications.notify), for the
administrators of the body: the list, the workbench count and a resend recorded in the ledger.

A notice whose last attempt failed is retried by the worker on its own (growing delay, up to
MAX_ATTEMPTS); only once it has given up does it wait for a person. The resend is offered then
and only then, so a manual send never races an automatic one and sends a channel twice."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q, QuerySet

from gongkai.agencies.scope import Capability, require_capability, scope_queryset
from gongkai.applications import actions, notify, personal
from gongkai.applications.models import ApplicantNotice
from gongkai.applications.worklist import mask_name
from gongkai.audit.services import record
from gongkai.core import sms
from gongkai.core.jobs import MAX_ATTEMPTS, enqueue
from gongkai.workflow.steps import StepError

FAILED = ~Q(last_error="")
GAVE_UP = FAILED & Q(attempts__gte=MAX_ATTEMPTS)
CHANNELS = {"邮件": "电子邮件", "短信": "短信"}


def failed(user) -> QuerySet[ApplicantNotice]:
    """Notices whose last attempt failed, in the bodies the user administers, newest first."""
    qs = ApplicantNotice.objects.filter(FAILED).select_related("application", "application__agency")
    return scope_queryset(qs, user, Capability.ADMIN, field="application__agency").order_by(
        "-created_at", "-id"
    )


def mask_email(address: str) -> str:
    """z***@example.cn: the first letter and the domain kept."""
    local, _, domain = (address or "").partition("@")
    return f"{local[:1]}***@{domain}" if domain else ""


@dataclass
class Failure:
    channel: str  # 电子邮件 / 短信
    to: str  # the masked address or number
    error: str


@dataclass
class Row:
    notice: ApplicantNotice
    applicant: str
    failures: list[Failure]

    @property
    def gave_up(self) -> bool:
        return self.notice.attempts >= MAX_ATTEMPTS


def failures(notice: ApplicantNotice) -> list[Failure]:
    """The channels of the last attempt that failed (notify.send writes "邮件：…；短信：…")."""
    app = notice.application
    out = []
    for part in filter(None, notice.last_error.split("；")):
        head, sep, error = part.partition("：")
        channel = CHANNELS.get(head) if sep else None
        if channel == "电子邮件":
            out.append(Failure(channel, mask_email(app.email), error))
        elif channel == "短信":
            out.append(Failure(channel, personal.mask_phone(app.phone), error))
        else:
            out.append(Failure("—", "", part))
    return out


def rows(page) -> list[Row]:
    return [
        Row(n, n.application.org_name or mask_name(n.application.name), failures(n)) for n in page
    ]


def gave_up_count(user) -> int:
    return failed(user).filter(attempts__gte=MAX_ATTEMPTS).order_by().count()


def resend(notice: ApplicantNotice, *, actor) -> None:
    """Send again on the channels that failed: a new job with a fresh set of attempts."""
    require_capability(actor, Capability.ADMIN, notice.application.agency)
    with transaction.atomic():
        locked = (
            ApplicantNotice.objects.select_for_update()
            .select_related("application", "application__agency")
            .get(pk=notice.pk)
        )
        if not locked.last_error:
            raise StepError("该通知已发出，无需重发。")
        if locked.attempts < MAX_ATTEMPTS:
            raise StepError("系统仍在自动重试该通知，请稍后再看。")
        app = locked.application
        if not (app.email or sms.is_mobile(app.phone)):
            raise StepError("申请人没有留下电子邮箱或手机号码，无法重发。")
        before = {"attempts": locked.attempts, "error": locked.last_error}
        ApplicantNotice.objects.filter(pk=locked.pk).update(attempts=0)
        enqueue(notify.JOB, {"notice": locked.pk})
        record(
            actions.NOTICE_RESEND,
            app,
            actor=actor,
            agency=app.agency,
            before=before,
            after={"notice": locked.pk, "kind": locked.get_kind_display()},
        )
