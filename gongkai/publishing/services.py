"""Every change to an item goes through here: one transaction, one permission check through
gongkai.agencies.scope, one audit event."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

import nh3
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from gongkai.agencies.scope import Capability, has_capability
from gongkai.audit.services import record, snapshot
from gongkai.publishing import cache, scanning, search
from gongkai.publishing.files import check_upload
from gongkai.publishing.models import (
    Attachment,
    Channel,
    ChannelPost,
    Disclosure,
    Finding,
    FindingStatus,
    Item,
    ItemVersion,
    Kind,
    SectionTwoEntry,
    SectionTwoKey,
    Status,
)

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

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "sub",
    "sup",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "a",
    "span",
    "div",
    "hr",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
}


class WorkflowError(Exception):
    """A step that is not allowed now; the message is shown to the user as is."""


def sanitize_html(value: str) -> str:
    return nh3.clean(
        value or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


def html_to_text(value: str) -> str:
    # Block ends become line breaks so scanner positions and snippets do not glue words.
    spaced = (value or "").replace("</p>", "</p>\n").replace("<br>", "<br>\n")
    import html as _html

    return _html.unescape(nh3.clean(spaced, tags=set())).strip()


def _require(user, capability: Capability, agency) -> None:
    if not has_capability(user, capability, agency):
        raise PermissionDenied("您没有此操作的权限。")


def publish_deadline(formed_on: dt.date, calendar=None) -> tuple[dt.date, str]:
    """The Art. 26 deadline and the version of the calendar that produced it."""
    if calendar is None:
        from gongkai.workdays.services import current_calendar

        calendar = current_calendar()
    return calendar.add_workdays(formed_on, PUBLISH_DEADLINE_WORKDAYS), str(calendar.version)


def _validate(item: Item) -> None:
    if not item.title.strip():
        raise WorkflowError("请填写标题。")
    if item.disclosure != Disclosure.PROACTIVE and not item.disclosure_reason.strip():
        raise WorkflowError("公开属性不是“主动公开”时，必须写明理由。")
    if item.kind == Kind.INTERPRETATION and item.interprets_id is None:
        raise WorkflowError("政策解读必须关联所解读的文件。")
    if item.interprets_id is not None and item.interprets.agency_id != item.agency_id:
        raise WorkflowError("只能关联本机关的文件。")
    if item.interprets_id is not None and item.interprets_id == item.pk:
        raise WorkflowError("不能解读自身。")
    if item.repealed_on and item.effective_on and item.repealed_on < item.effective_on:
        raise WorkflowError("废止日期不能早于实施日期。")
    if item.validity != "valid" and not item.repealed_on:
        raise WorkflowError("失效或废止的文件请填写废止（失效）日期。")


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


def rescan(item: Item) -> int:
    """Sync the findings with what the scanner sees now; returns the number still open."""
    hits = {h.fingerprint: h for h in scanning.scan_item(item)}
    existing = {f.fingerprint: f for f in item.findings.all()}
    for fp, finding in existing.items():
        if fp not in hits and finding.status == FindingStatus.OPEN:
            finding.delete()
    for fp, hit in hits.items():
        finding = existing.get(fp)
        if finding is None:
            Finding.objects.create(
                item=item,
                attachment_id=hit.attachment_id,
                field=hit.field,
                kind=hit.kind,
                kind_label=hit.label,
                masked_value=hit.masked[:100],
                fingerprint=fp,
            )
        elif finding.status == FindingStatus.MASKED:
            # Masked once, back again after an edit: it needs a new decision.
            finding.status = FindingStatus.OPEN
            finding.save(update_fields=["status"])
    return item.findings.filter(status=FindingStatus.OPEN).count()


@transaction.atomic
def create_item(agency, user, **fields) -> Item:
    _require(user, Capability.EDIT, agency)
    item = Item(agency=agency, created_by=user if user and user.is_authenticated else None)
    _apply(item, fields)
    _validate(item)
    item.save()
    rescan(item)
    record("publishing.item.create", item, agency=agency, after=snapshot(item, AUDIT_FIELDS))
    return item


@transaction.atomic
def update_item(item: Item, user, **fields) -> Item:
    _require(user, Capability.EDIT, item.agency)
    item = Item.objects.select_for_update().get(pk=item.pk)
    if not item.is_editable:
        raise WorkflowError("只有草稿可以修改；已发布的信息请使用“更正”。")
    before = snapshot(item, AUDIT_FIELDS)
    _apply(item, fields)
    _validate(item)
    item.save()
    rescan(item)
    record(
        "publishing.item.update",
        item,
        agency=item.agency,
        before=before,
        after=snapshot(item, AUDIT_FIELDS),
    )
    return item


@transaction.atomic
def add_attachment(item: Item, user, name: str, data: bytes) -> Attachment:
    _require(user, Capability.EDIT, item.agency)
    if not item.is_editable:
        raise WorkflowError("只有草稿可以添加附件。")
    checked = check_upload(data)
    att = Attachment(
        item=item,
        original_name=(name or f"附件.{checked.extension}")[-200:],
        content_type=checked.content_type,
        extension=checked.extension,
        size=len(data),
        sha256=checked.sha256,
        text=scanning.extract_text(data, checked.extension)[:200_000],
    )
    att.file.save(checked.sha256, ContentFile(data), save=False)
    att.save()
    rescan(item)
    record(
        "publishing.attachment.add",
        item,
        agency=item.agency,
        after={"attachment": att.pk, "name": att.original_name, "sha256": att.sha256},
    )
    return att


@transaction.atomic
def remove_attachment(att: Attachment, user) -> None:
    item = att.item
    _require(user, Capability.EDIT, item.agency)
    if not item.is_editable:
        raise WorkflowError("只有草稿可以删除附件。")
    record(
        "publishing.attachment.remove",
        item,
        agency=item.agency,
        before={"attachment": att.pk, "name": att.original_name, "sha256": att.sha256},
    )
    att.delete()
    rescan(item)


def _can_resolve(user, item: Item) -> bool:
    return has_capability(user, Capability.EDIT, item.agency) or has_capability(
        user, Capability.REVIEW, item.agency
    )


@transaction.atomic
def mask_finding(finding: Finding, user) -> None:
    """Replace the value in the item's text with its masked form (永安 style, §8.1)."""
    item = Item.objects.select_for_update().get(pk=finding.item_id)
    if not _can_resolve(user, item):
        raise PermissionDenied("您没有此操作的权限。")
    if item.status not in (Status.DRAFT, Status.REVIEW):
        raise WorkflowError("只能在草稿或审核阶段处理敏感信息。")
    if finding.attachment_id:
        raise WorkflowError(
            "附件中的个人信息无法在线遮盖：请删除附件并上传处理后的文件，或写明理由确认公开。"
        )
    hits = [h for h in scanning.scan_item(item) if h.fingerprint == finding.fingerprint]
    if not hits:
        raise WorkflowError("该处信息已不存在，请刷新页面。")
    hit = hits[0]
    field = "body" if hit.field == "body" else hit.field
    if hit.kind == "secrecy":
        raise WorkflowError(
            "密级或内部标志不能遮盖：请确认该信息是否可以公开，或写明理由确认公开。"
        )
    # The body's plain text is what was scanned; the match must be found again in the HTML.
    source = getattr(item, field)
    if hit.text not in source:
        raise WorkflowError("该处信息跨越了格式标记，无法自动遮盖，请修改正文后重新提交。")
    setattr(item, field, source.replace(hit.text, hit.masked))
    item.body_text = html_to_text(item.body)
    item.save()
    finding.status = FindingStatus.MASKED
    finding.resolved_by = user
    finding.resolved_at = timezone.now()
    finding.save()
    rescan(item)
    # The masked value only: the ledger must not keep the personal data we just removed.
    record(
        "publishing.finding.mask",
        item,
        agency=item.agency,
        before={"finding": finding.pk, "field": field},
        after={"finding": finding.pk, "masked": finding.masked_value},
    )


@transaction.atomic
def override_finding(finding: Finding, user, reason: str) -> None:
    item = Item.objects.select_for_update().get(pk=finding.item_id)
    if not _can_resolve(user, item):
        raise PermissionDenied("您没有此操作的权限。")
    if not (reason or "").strip():
        raise WorkflowError("确认公开必须写明理由。")
    finding.status = FindingStatus.OVERRIDDEN
    finding.reason = reason.strip()
    finding.resolved_by = user
    finding.resolved_at = timezone.now()
    finding.save()
    record(
        "publishing.finding.override",
        item,
        agency=item.agency,
        after={"finding": finding.pk, "kind": finding.kind, "reason": finding.reason},
    )


def _require_clean(item: Item) -> None:
    open_count = rescan(item)
    if open_count:
        raise WorkflowError(
            f"发现 {open_count} 处未处理的个人信息（如身份证号码、手机号码），"
            "请遮盖或写明理由确认公开后再提交。"
        )


def _transition(item: Item, to: str, action: str, **changes) -> Item:
    before = snapshot(item, AUDIT_FIELDS)
    item.status = to
    for k, v in changes.items():
        setattr(item, k, v)
    item.save()
    record(action, item, agency=item.agency, before=before, after=snapshot(item, AUDIT_FIELDS))
    return item


@transaction.atomic
def submit(item: Item, user) -> Item:
    _require(user, Capability.EDIT, item.agency)
    item = Item.objects.select_for_update().get(pk=item.pk)
    if item.status != Status.DRAFT:
        raise WorkflowError("只有草稿可以提交审核。")
    _require_clean(item)
    return _transition(item, Status.REVIEW, "publishing.item.submit", last_comment="")


@transaction.atomic
def approve(item: Item, user, comment: str = "") -> Item:
    """保密审查 passed: on to the leader for 签发."""
    _require(user, Capability.REVIEW, item.agency)
    item = Item.objects.select_for_update().get(pk=item.pk)
    if item.status != Status.REVIEW:
        raise WorkflowError("该信息不在审核阶段。")
    _require_clean(item)
    return _transition(
        item, Status.SIGNOFF, "publishing.item.approve", last_comment=comment.strip()
    )


@transaction.atomic
def reject(item: Item, user, comment: str) -> Item:
    item = Item.objects.select_for_update().get(pk=item.pk)
    if item.status == Status.REVIEW:
        _require(user, Capability.REVIEW, item.agency)
    elif item.status in (Status.SIGNOFF, Status.SCHEDULED):
        _require(user, Capability.SIGN_OFF, item.agency)
    else:
        raise WorkflowError("该信息当前不能退回。")
    if not (comment or "").strip():
        raise WorkflowError("退回必须写明意见。")
    return _transition(
        item,
        Status.DRAFT,
        "publishing.item.reject",
        last_comment=comment.strip(),
        scheduled_for=None,
    )


@transaction.atomic
def sign_off(item: Item, user, comment: str = "", publish_at: dt.datetime | None = None) -> Item:
    """签发: publish now, at `publish_at`, or (a 政策解读) together with its document."""
    _require(user, Capability.SIGN_OFF, item.agency)
    item = Item.objects.select_for_update().get(pk=item.pk)
    if item.status != Status.SIGNOFF:
        raise WorkflowError("该信息不在待签发阶段。")
    _require_clean(item)
    now = timezone.now()
    if publish_at is not None and publish_at <= now:
        publish_at = None
    item = _transition(
        item,
        Status.SCHEDULED,
        "publishing.item.sign_off",
        signed_off_by=user,
        signed_off_at=now,
        sign_off_comment=comment.strip(),
        scheduled_for=publish_at,
    )
    if item.disclosure != Disclosure.PROACTIVE:
        # 依申请公开 / 不予公开 items are catalogued, never put on the public site.
        return item
    waits_for_document = item.interprets_id and item.interprets.status != Status.PUBLISHED
    if waits_for_document:
        return item
    if publish_at is not None:
        from gongkai.core.jobs import enqueue

        enqueue(
            "publishing.publish",
            {"item": item.pk},
            run_after=publish_at,
            dedupe_key=f"publishing.publish:{item.pk}:{publish_at.isoformat()}",
        )
        return item
    return _publish(item, now)


def _publish(item: Item, when: dt.datetime) -> Item:
    from gongkai.numbering.services import allocate_index_number

    before = snapshot(item, AUDIT_FIELDS)
    item.status = Status.PUBLISHED
    item.published_at = when
    item.scheduled_for = None
    from gongkai.rules.indexno import IndexNumberError

    if not item.index_number:
        try:
            item.index_number = allocate_index_number(item.agency, timezone.localdate(when))
        except IndexNumberError as exc:
            raise WorkflowError(f"{exc}。请管理员在机关信息中登记后再签发。") from None
    item.save()
    ChannelPost.objects.get_or_create(
        item=item,
        channel=Channel.WEBSITE,
        defaults={"posted_at": when, "reference": item.get_absolute_url()},
    )
    search.index_item(item)
    cache.purge_public_pages()
    record(
        "publishing.item.publish",
        item,
        agency=item.agency,
        before=before,
        after=snapshot(item, AUDIT_FIELDS),
    )
    # 政策解读 go out with the document they explain.
    waiting = Item.objects.select_for_update().filter(
        interprets=item,
        status=Status.SCHEDULED,
        scheduled_for__isnull=True,
        disclosure=Disclosure.PROACTIVE,
    )
    for interp in waiting:
        _publish(interp, when)
    return item


@transaction.atomic
def publish_scheduled(item_id: int, now: dt.datetime | None = None) -> Item | None:
    """Called by the worker; does nothing if the item was rejected or rescheduled meanwhile."""
    now = now or timezone.now()
    item = Item.objects.select_for_update().filter(pk=item_id).first()
    if item is None or item.status != Status.SCHEDULED or item.scheduled_for is None:
        return None
    if item.scheduled_for > now:
        return None
    return _publish(item, item.scheduled_for)


@transaction.atomic
def correct(item: Item, user, note: str, **fields) -> Item:
    """A new version of a published item; the old text is kept and a correction note shown."""
    _require(user, Capability.SIGN_OFF, item.agency)
    item = Item.objects.select_for_update().get(pk=item.pk)
    if item.status != Status.PUBLISHED:
        raise WorkflowError("只有已发布的信息可以更正。")
    if not (note or "").strip():
        raise WorkflowError("更正必须写明更正说明。")
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
        raise WorkflowError("更正后的内容含有未处理的个人信息，请先遮盖后再更正。")
    search.index_item(item)
    cache.purge_public_pages()
    record(
        "publishing.item.correct",
        item,
        agency=item.agency,
        before=before,
        after=snapshot(item, AUDIT_FIELDS),
    )
    return item


@transaction.atomic
def withdraw(item: Item, user, reason: str) -> Item:
    _require(user, Capability.SIGN_OFF, item.agency)
    item = Item.objects.select_for_update().get(pk=item.pk)
    if item.status not in (Status.PUBLISHED, Status.SCHEDULED):
        raise WorkflowError("只有已发布或定时发布的信息可以撤回。")
    if not (reason or "").strip():
        raise WorkflowError("撤回必须写明理由。")
    search.unindex_item(item)
    cache.purge_public_pages()
    return _transition(
        item,
        Status.WITHDRAWN,
        "publishing.item.withdraw",
        withdrawn_reason=reason.strip(),
        withdrawn_at=timezone.now(),
        scheduled_for=None,
    )


@transaction.atomic
def record_channel(
    item: Item, user, channel: str, posted_at: dt.datetime | None = None, reference: str = ""
) -> ChannelPost:
    _require(user, Capability.EDIT, item.agency)
    if channel not in Channel.values:
        raise WorkflowError("未知的发布渠道。")
    if item.status != Status.PUBLISHED:
        raise WorkflowError("只有已发布的信息可以登记其他渠道。")
    post = ChannelPost.objects.create(
        item=item,
        channel=channel,
        posted_at=posted_at or timezone.now(),
        reference=reference.strip()[:500],
        recorded_by=user,
    )
    record(
        "publishing.channel.record",
        item,
        agency=item.agency,
        after={
            "channel": channel,
            "posted_at": post.posted_at.isoformat(),
            "reference": post.reference,
        },
    )
    return post


def parse_decimal(value) -> Decimal:
    try:
        result = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise WorkflowError(f"数值“{value}”不是有效数字。") from None
    if not result.is_finite():
        raise WorkflowError(f"数值“{value}”不是有效数字。")
    return result


@transaction.atomic
def set_section_two(agency, user, year: int, month: int, key: str, value) -> SectionTwoEntry:
    _require(user, Capability.EDIT, agency)
    if key not in SectionTwoKey.values:
        raise WorkflowError(f"未知的指标“{key}”。")
    if not 0 <= int(month) <= 12:
        raise WorkflowError("月份应为 1–12，全年数填 0。")
    if not 2000 <= int(year) <= 2100:
        raise WorkflowError("年度不正确。")
    amount = parse_decimal(value)
    if amount < 0 and not key.endswith(".change"):
        raise WorkflowError("只有“本年增/减”可以为负数。")
    entry, created = SectionTwoEntry.objects.get_or_create(
        agency=agency, year=year, month=month, key=key, defaults={"value": amount}
    )
    before = None if created else {"value": str(entry.value)}
    entry.value = amount
    entry.save()
    record(
        "publishing.section2.set",
        entry,
        agency=agency,
        before=before,
        after={"year": year, "month": month, "key": key, "value": str(amount)},
    )
    return entry


def _label_to_key() -> dict[str, str]:
    mapping = {k: k for k in SectionTwoKey.values}
    mapping.update({label: key for key, label in SectionTwoKey.choices})
    return mapping


def import_section_two(agency, user, data: bytes) -> int:
    """Import rows 年度 | 月份 | 指标 | 数值 from the first sheet of an .xlsx file.

    All rows are checked before anything is written; one bad row rejects the whole file.
    """
    import io

    from openpyxl import load_workbook

    _require(user, Capability.EDIT, agency)
    try:
        sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
    except Exception:
        raise WorkflowError("无法读取该文件：请上传 .xlsx 格式的 Excel 文件。") from None
    labels = _label_to_key()
    rows: list[tuple[int, int, str, Decimal]] = []
    for n, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        cells = [c for c in row[:4]]
        if not any(c not in (None, "") for c in cells):
            continue
        if n == 1 and str(cells[0]).strip() in ("年度", "年份", "year"):
            continue
        if len(cells) < 4:
            raise WorkflowError(f"第 {n} 行：应有 年度、月份、指标、数值 四列。")
        year, month, key, value = cells
        try:
            year, month = int(year), int(month or 0)
        except (TypeError, ValueError):
            raise WorkflowError(f"第 {n} 行：年度或月份不是整数。") from None
        key = labels.get(str(key or "").strip())
        if key is None:
            raise WorkflowError(f"第 {n} 行：未知的指标“{cells[2]}”。")
        try:
            amount = parse_decimal(value)
        except WorkflowError as exc:
            raise WorkflowError(f"第 {n} 行：{exc}") from None
        rows.append((year, month, key, amount))
    if not rows:
        raise WorkflowError("文件中没有数据行。")
    with transaction.atomic():
        for year, month, key, amount in rows:
            set_section_two(agency, user, year, month, key, amount)
    return len(rows)


@transaction.atomic
def save_kiosk_entry(entry, user):
    _require(user, Capability.EDIT, entry.agency)
    created = entry.pk is None
    entry.save()
    record(
        "publishing.kiosk.create" if created else "publishing.kiosk.update",
        entry,
        agency=entry.agency,
        after=snapshot(entry),
    )
    return entry


@transaction.atomic
def delete_kiosk_entry(entry, user) -> None:
    _require(user, Capability.EDIT, entry.agency)
    record("publishing.kiosk.delete", entry, agency=entry.agency, before=snapshot(entry))
    entry.delete()


def recompute_deadlines(calendar) -> int:
    """Recompute due_on of items not yet published; one audit event per changed deadline."""
    open_items = Item.objects.filter(
        status__in=[Status.DRAFT, Status.REVIEW, Status.SIGNOFF, Status.SCHEDULED],
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
                    "publishing.item.deadline_recomputed",
                    item,
                    agency=item.agency,
                    before=before,
                    after={"due_on": due, "due_calendar_version": version},
                )
    return changed
