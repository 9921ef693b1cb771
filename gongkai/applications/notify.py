"""Telling the applicant about each step that concerns them (acknowledgement, 补正, extension,
fee, reply, Art. 35 delay, termination): by e-mail where they gave one, by short message
(gongkai.core.sms, pluggable) to a mobile number, and on the tracking page.

The message is an `ApplicantNotice` row written in the step's own transaction together with a
job for the worker (an outbox): it exists exactly when the step committed, and the worker sends
it after the commit. A worker that dies while sending leaves the job to be claimed again
(gongkai.core.jobs); each channel is marked sent on its own, so a retry does not send twice."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from gongkai.applications import letters
from gongkai.applications.choices import DeterminationKind as K
from gongkai.applications.choices import NoticeKind
from gongkai.applications.models import ApplicantNotice, Application, Determination
from gongkai.core import sms
from gongkai.core.jobs import MAX_ATTEMPTS, enqueue

log = logging.getLogger(__name__)
JOB = "applications.notify"
NOTICE_FOR = {
    K.SUPPLEMENT_NOTICE: NoticeKind.SUPPLEMENT,
    K.EXTENSION: NoticeKind.EXTENSION,
    K.FEE_NOTICE: NoticeKind.FEE,
    K.REPLY: NoticeKind.REPLY,
    K.ART35: NoticeKind.DELAYED,
    K.SUPPLEMENT_LAPSED: NoticeKind.TERMINATED,
    K.FEE_LAPSED: NoticeKind.TERMINATED,
}


def _d(day) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else "（待定）"


def where(app: Application) -> str:
    base = (settings.GONGKAI_SITE_URL or "").rstrip("/")
    if base:
        return f"{base}/xxgk/{app.agency.code}/ysqgk/cx/{app.receipt_no}/"
    return f"{app.agency.name}政府信息公开专栏的“申请查询”页面"


def text_for(kind: str, app: Application, det: Determination | None = None) -> str:
    head = f"{app.agency.name}：您的政府信息公开申请（受理编号 {app.receipt_no}）"
    look = f"请凭受理编号和查询码在{where(app)}查看。"
    if kind == NoticeKind.ACKNOWLEDGED:
        return f"{head}已登记，答复期限为{_d(app.due_on)}。办理进度{look}"
    if kind == NoticeKind.SUPPLEMENT:
        return f"{head}需要补正，请于{_d(det.until)}前提交补正材料。补正告知书{look}"
    if kind == NoticeKind.EXTENSION:
        from gongkai.applications import clock

        due = clock.compute(app, today=det.on).due_on
        return f"{head}经负责人同意延期答复，答复期限延长至{_d(due)}。延期答复告知书{look}"
    if kind == NoticeKind.FEE:
        return (
            f"{head}需缴纳信息处理费{det.amount:.2f}元，请于{_d(det.until)}前缴纳。收费通知书{look}"
        )
    if kind == NoticeKind.DELAYED:
        return f"{head}依第三十五条确定了延迟答复期限。延迟答复告知书{look}"
    if kind == NoticeKind.TERMINATED:
        return f"{head}已终止处理。告知书{look}"
    return f"{head}已作出答复。答复书和公开的政府信息{look}"


def notify(app: Application, kind: str, det: Determination | None = None) -> ApplicantNotice | None:
    """Write the notice and its job in the caller's transaction (bulk loads send nothing)."""
    if letters.is_deferred():
        return None
    notice = ApplicantNotice.objects.create(
        application=app, kind=kind, text=text_for(kind, app, det)
    )
    enqueue(JOB, {"notice": notice.pk})
    return notice


def for_determination(det: Determination) -> None:
    kind = NOTICE_FOR.get(det.kind)
    if kind is not None:
        notify(det.application, kind, det)


def send(notice_pk: int) -> None:
    """Send one notice on every channel it has not been sent on yet. A failed channel is tried
    again by a new job (with a growing delay, up to MAX_ATTEMPTS times) queued in the same
    transaction that marks the channels that went out, so those are not sent twice."""
    notice = ApplicantNotice.objects.select_related("application").filter(pk=notice_pk).first()
    if notice is None:
        return
    app = notice.application
    rows = ApplicantNotice.objects.filter(pk=notice.pk)
    errors = []
    if app.email and notice.email_sent_at is None:
        try:
            send_mail(
                f"政府信息公开申请{notice.get_kind_display()}", notice.text, None, [app.email]
            )
            rows.update(email_sent_at=timezone.now())
        except Exception as exc:  # noqa: BLE001 — any mail failure is retried
            errors.append(f"邮件：{exc}")
    if sms.is_mobile(app.phone) and notice.sms_sent_at is None:
        try:
            sms.send(app.phone, notice.text)
            rows.update(sms_sent_at=timezone.now())
        except Exception as exc:  # noqa: BLE001 — any gateway failure is retried
            errors.append(f"短信：{exc}")
    attempts = notice.attempts + 1
    with transaction.atomic():
        rows.update(attempts=attempts, last_error="；".join(errors)[:300])
        if errors and attempts < MAX_ATTEMPTS:
            later = timezone.now() + timedelta(minutes=2**attempts)
            enqueue(JOB, {"notice": notice.pk}, run_after=later)
    for error in errors:
        log.warning("notice %s to the applicant of %s failed: %s", notice.pk, app.pk, error)
