"""Personal data the scanner finds in an item: kept in step with the text, masked in place, or
knowingly published with a written reason. An item with an open finding cannot move on."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from gongkai.agencies.scope import Capability, has_capability
from gongkai.audit.services import record
from gongkai.publishing import actions, scanning
from gongkai.publishing.html import html_to_text
from gongkai.publishing.models import Finding, FindingStatus, Item, ItemStatus
from gongkai.workflow.steps import StepError


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


def require_clean(item: Item) -> None:
    open_count = rescan(item)
    if open_count:
        unchecked = item.findings.filter(
            status=FindingStatus.OPEN, kind=scanning.UNREADABLE
        ).count()
        if unchecked == open_count:
            raise StepError(
                f"有 {unchecked} 个附件是扫描件或图片，系统未能检查：请人工核对后写明理由确认。"
            )
        raise StepError(
            f"发现 {open_count} 处未处理的个人信息（如身份证号码、手机号码）或未能检查的附件，"
            "请遮盖或写明理由确认公开后再提交。"
        )


def can_resolve(user, item: Item) -> bool:
    """The officer who drafts and the reviewer who checks may both decide on a finding."""
    return has_capability(user, Capability.EDIT, item.agency) or has_capability(
        user, Capability.REVIEW, item.agency
    )


@transaction.atomic
def mask_finding(finding: Finding, user) -> None:
    """Replace the value in the item's text with its masked form (永安 style, §8.1)."""
    item = Item.objects.select_for_update().get(pk=finding.item_id)
    if not can_resolve(user, item):
        raise PermissionDenied("您没有此操作的权限。")
    if item.status not in (ItemStatus.DRAFT, ItemStatus.REVIEW):
        raise StepError("只能在草稿或审核阶段处理敏感信息。")
    if finding.kind == scanning.UNREADABLE:
        raise StepError(
            "该附件是扫描件或图片，系统未能检查：请人工核对后写明理由确认，或删除附件。"
        )
    if finding.attachment_id:
        raise StepError(
            "附件中的个人信息无法在线遮盖：请删除附件并上传处理后的文件，或写明理由确认公开。"
        )
    hits = [h for h in scanning.scan_item(item) if h.fingerprint == finding.fingerprint]
    if not hits:
        raise StepError("该处信息已不存在，请刷新页面。")
    hit = hits[0]
    field = "body" if hit.field == "body" else hit.field
    if hit.kind == "secrecy":
        raise StepError("密级或内部标志不能遮盖：请确认该信息是否可以公开，或写明理由确认公开。")
    # The body's plain text is what was scanned; the match must be found again in the HTML.
    source = getattr(item, field)
    if hit.text not in source:
        raise StepError("该处信息跨越了格式标记，无法自动遮盖，请修改正文后重新提交。")
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
        actions.FINDING_MASK,
        item,
        actor=user,
        agency=item.agency,
        before={"finding": finding.pk, "field": field},
        after={"finding": finding.pk, "masked": finding.masked_value},
    )


@transaction.atomic
def override_finding(finding: Finding, user, reason: str) -> None:
    item = Item.objects.select_for_update().get(pk=finding.item_id)
    if not can_resolve(user, item):
        raise PermissionDenied("您没有此操作的权限。")
    if not (reason or "").strip():
        raise StepError("确认公开必须写明理由。")
    finding.status = FindingStatus.OVERRIDDEN
    finding.reason = reason.strip()
    finding.resolved_by = user
    finding.resolved_at = timezone.now()
    finding.save()
    record(
        actions.FINDING_OVERRIDE,
        item,
        actor=user,
        agency=item.agency,
        after={"finding": finding.pk, "kind": finding.kind, "reason": finding.reason},
    )
