"""Applicants' identity and phone numbers: masked for every role, revealed on purpose.

A staff member who needs the full value (to post a letter, to call the applicant) asks for it
with a reason; each reveal, each download of an applicant's attachment and each document made
with their personal data is a ledger event with the user and the client's address (stamped by
the request context), so the 个人信息保护 officer can see who looked at whom and why."""

from __future__ import annotations

from django.db import transaction

from gongkai.audit.actions import Action
from gongkai.audit.services import record

REVEAL = Action("applications.applicant.reveal", "查看申请人完整证件号码和电话")
ATTACHMENT_DOWNLOAD = Action("applications.attachment.download", "下载申请人附件")
DOCUMENT_EXPORT = Action("applications.document.export", "导出含申请人个人信息的文书")
REVEALED_FIELDS = ("id_number", "phone")


def mask_id(number: str) -> str:
    """370302********1232: region and last four kept, the birth date and sequence hidden."""
    number = (number or "").strip()
    if len(number) <= 8:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def mask_phone(phone: str) -> str:
    """138****5678; short numbers keep only their last two digits."""
    phone = (phone or "").strip()
    if len(phone) >= 11:
        return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]
    if len(phone) > 4:
        return "*" * (len(phone) - 2) + phone[-2:]
    return "*" * len(phone)


def record_reveal(application, user, reason: str) -> None:
    with transaction.atomic():
        record(
            REVEAL,
            application,
            actor=user,
            after={"fields": list(REVEALED_FIELDS), "reason": reason},
        )


def record_download(application, user, attachment) -> None:
    record(
        ATTACHMENT_DOWNLOAD,
        application,
        actor=user,
        after={"attachment": attachment.pk, "name": attachment.original_name},
    )


def record_export(application, user, document: str, fmt: str) -> None:
    record(DOCUMENT_EXPORT, application, actor=user, after={"document": document, "format": fmt})
