"""Drafting an item: its fields, their rules, attachments, the Art. 26 deadline, and the
correction of a published item. (The review → sign-off → publication steps are in `steps`.)"""

from __future__ import annotations

import datetime as dt

from django.core.files.base import File
from django.db import transaction
from django.utils import timezone

from gongkai.agencies.scope import Capability, require_capability
from gongkai.audit.services import record, snapshot
from gongkai.core import filescope, uploads
from gongkai.publishing import actions, cache, scanning, search
from gongkai.publishing.findings import rescan
from gongkai.publishing.html import html_to_text, sanitize_html
from gongkai.publishing.models import Attachment, Disclosure, Item, ItemStatus, ItemVersion, Kind
from gongkai.workflow.steps import StepError

# Art. 26: publish within 20 working days of the date the information is formed or changed.
PUBLISH_DEADLINE_WORKDAYS = 20

EDITABLE_FIELDS = [
    "kind",
    "title",
    "body",
    "summary",
    "keywords",
    "document_number",
    "formed_on",
    "topic",
    "genre",
    "category",
    "validity",
    "effective_on",
    "repealed_on",
    "own_document",
    "disclosure",
    "disclosure_reason",
    "interprets",
]
AUDIT_FIELDS = [*EDITABLE_FIELDS, "status", "index_number", "published_at", "version"]


def publish_deadline(formed_on: dt.date, calendar=None) -> tuple[dt.date, str]:
    """The Art. 26 deadline and the version of the calendar that produced it."""
    if calendar is None:
        from gongkai.workdays.services import current_calendar

        calendar = current_calendar()
    return calendar.add_workdays(formed_on, PUBLISH_DEADLINE_WORKDAYS), str(calendar.version)


def _validate(item: Item) -> None:
    if not item.title.strip():
        raise StepError("请填写标题。")
    if item.disclosure != Disclosure.PROACTIVE and not item.disclosure_reason.strip():
        raise StepError("公开属性不是“主动公开”时，必须写明理由。")
    if item.kind == Kind.INTERPRETATION and item.interprets_id is None:
        raise StepError("政策解读必须关联所解读的文件。")
    if item.interprets_id is not None and item.interprets.agency_id != item.agency_id:
        raise StepError("只能关联本机关的文件。")
    if item.interprets_id is not None and item.interprets_id == item.pk:
        raise StepError("不能解读自身。")
    if item.repealed_on and item.effective_on and item.repealed_on < item.effective_on:
        raise StepError("废止日期不能早于实施日期。")
    if item.validity != "valid" and not item.repealed_on:
        raise StepError("失效或废止的文件请填写废止（失效）日期。")


def _apply(item: Item, fields: dict) -> None:
    for name, value in fields.items():
        if name not in EDITABLE_FIELDS:
            raise ValueError(f"unknown field {name}")
        setattr(item, name, value)
    item.body = sanitize_html(item.body)
    item.body_text = html_to_text(item.body)
    item.title = item.title.strip()
    if item.disclosure == Disclosure.PROACTIVE:
        item.disclosure_reason = ""
    if item.formed_on:
        item.due_on, item.due_calendar_version = publish_deadline(item.formed_on)


@transaction.atomic
def create_item(agency, user, **fields) -> Item:
    require_capability(user, Capability.EDIT, agency)
    item = Item(agency=agency, created_by=user if user and user.is_authenticated else None)
    _apply(item, fields)
    _validate(item)
    item.save()
    rescan(item)
    record(
        actions.ITEM_CREATE,
        item,
        actor=user,
        agency=agency,
        after=snapshot(item, AUDIT_FIELDS),
    )
    return item


@transaction.atomic
def update_item(item: Item, user, **fields) -> Item:
    require_capability(user, Capability.EDIT, item.agency)
    item = Item.objects.select_for_update().get(pk=item.pk)
    if not item.is_editable:
        raise StepError("只有草稿可以修改；已发布的信息请使用“更正”。")
    before = snapshot(item, AUDIT_FIELDS)
    _apply(item, fields)
    _validate(item)
    item.save()
    rescan(item)
    record(
        actions.ITEM_UPDATE,
        item,
        actor=user,
        agency=item.agency,
        before=before,
        after=snapshot(item, AUDIT_FIELDS),
    )
    return item


@transaction.atomic
def add_attachment(item: Item, user, name: str, source) -> Attachment:
    """``source``: an uploaded file or bytes, checked by gongkai.core.uploads (UploadError)."""
    require_capability(user, Capability.EDIT, item.agency)
    if not item.is_editable:
        raise StepError("只有草稿可以添加附件。")
    checked = uploads.check(source, uploads.PUBLISHING_ATTACHMENT, name=name or None)
    att = Attachment(
        item=item,
        original_name=(name or f"附件.{checked.extension}")[-200:],
        content_type=checked.content_type,
        extension=checked.extension,
        size=checked.size,
        sha256=checked.sha256,
    )
    # the file is deleted again if anything after it fails (here or in the caller's work)
    with filescope.discard_on_error():
        att.file.save(checked.sha256, File(checked.file), save=False)
        filescope.saved(att.file)
        att.text = scanning.extract_text(att.file.path, checked.extension)[:200_000]
        att.save()
        rescan(item)
        record(
            actions.ATTACHMENT_ADD,
            item,
            actor=user,
            agency=item.agency,
            after={"attachment": att.pk, "name": att.original_name, "sha256": att.sha256},
        )
    return att


@transaction.atomic
def remove_attachment(att: Attachment, user) -> None:
    item = att.item
    require_capability(user, Capability.EDIT, item.agency)
    if not item.is_editable:
        raise StepError("只有草稿可以删除附件。")
    record(
        actions.ATTACHMENT_REMOVE,
        item,
        actor=user,
        agency=item.agency,
        before={"attachment": att.pk, "name": att.original_name, "sha256": att.sha256},
    )
    att.delete()
    rescan(item)


@transaction.atomic
def correct(item: Item, user, note: str, **fields) -> Item:
    """A new version of a published item; the old text is kept and a correction note shown."""
    require_capability(user, Capability.SIGN_OFF, item.agency)
    item = Item.objects.select_for_update().get(pk=item.pk)
    if item.status != ItemStatus.PUBLISHED:
        raise StepError("只有已发布的信息可以更正。")
    if not (note or "").strip():
        raise StepError("更正必须写明更正说明。")
    before = snapshot(item, AUDIT_FIELDS)
    ItemVersion.objects.create(
        item=item,
        version=item.version,
        title=item.title,
        body=item.body,
        summary=item.summary,
        document_number=item.document_number,
        published_at=item.published_at,
        note=note.strip(),
    )
    _apply(item, fields)
    _validate(item)
    item.version += 1
    item.correction_note = note.strip()
    item.corrected_at = timezone.now()
    item.save()
    if rescan(item):
        raise StepError("更正后的内容含有未处理的个人信息，请先遮盖后再更正。")
    search.index_item(item)
    cache.purge_public_pages()
    record(
        actions.ITEM_CORRECT,
        item,
        actor=user,
        agency=item.agency,
        before=before,
        after=snapshot(item, AUDIT_FIELDS),
    )
    return item


def recompute_deadlines(calendar) -> int:
    """Recompute due_on of items not yet published; one audit event per changed deadline.
    The platform does this (after a calendar change), so the ledger names no user."""
    open_items = Item.objects.filter(
        status__in=[ItemStatus.DRAFT, ItemStatus.REVIEW, ItemStatus.SIGNOFF, ItemStatus.SCHEDULED],
        formed_on__isnull=False,
    ).exclude(due_calendar_version=str(calendar.version))
    changed = 0
    for item in open_items.select_related("agency").iterator(chunk_size=500):
        due, version = publish_deadline(item.formed_on, calendar)
        with transaction.atomic():
            before = {"due_on": item.due_on, "due_calendar_version": item.due_calendar_version}
            Item.objects.filter(pk=item.pk).update(due_on=due, due_calendar_version=version)
            if due != item.due_on:
                changed += 1
                record(
                    actions.ITEM_DEADLINE_RECOMPUTED,
                    item,
                    actor=None,
                    agency=item.agency,
                    before=before,
                    after={"due_on": due, "due_calendar_version": version},
                )
    return changed
