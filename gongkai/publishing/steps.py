"""The item workflow, declared once: draft → review (保密审查) → sign-off (签发) → scheduled /
published → withdrawn. Pages, API, CLI and demo take these steps through `ITEM.run`; the
module-level functions (`submit(item, user)`…) are the same thing for Python callers."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from gongkai.agencies.scope import Capability
from gongkai.audit.services import record, snapshot
from gongkai.publishing import actions, cache, search, separation
from gongkai.publishing.findings import require_clean
from gongkai.publishing.forms import (
    ChannelForm,
    CommentForm,
    ReasonForm,
    RequiredCommentForm,
    SignOffForm,
)
from gongkai.publishing.items import AUDIT_FIELDS
from gongkai.publishing.models import ChannelPost, Disclosure, Item, ItemStatus, PublicationChannel
from gongkai.workflow.steps import StepError, Workflow

ITEM = Workflow(
    "publishing.item",
    Item,
    label="公开信息",
    final={ItemStatus.WITHDRAWN},
    audit_fields=tuple(AUDIT_FIELDS),
)


def _move(item: Item, to: str, **changes) -> Item:
    item.status = to
    for k, v in changes.items():
        setattr(item, k, v)
    item.save()
    return item


@ITEM.step(
    "submit",
    "提交审核",
    capability=Capability.EDIT,
    action=actions.ITEM_SUBMIT,
    states={ItemStatus.DRAFT},
    wrong_state="只有草稿可以提交审核。",
    done="已提交审核。",
)
@transaction.atomic
def _submit(item: Item, *, actor) -> Item:
    with ITEM.change("submit", item, actor=actor) as step:
        require_clean(step.obj)
        return _move(step.obj, ItemStatus.REVIEW, last_comment="")


@ITEM.step(
    "approve",
    "审核通过",
    capability=Capability.REVIEW,
    action=actions.ITEM_APPROVE,
    states={ItemStatus.REVIEW},
    form=CommentForm,
    wrong_state="该信息不在审核阶段。",
    done="审核通过，已送领导签发。",
)
@transaction.atomic
def _approve(item: Item, *, actor, comment: str = "") -> Item:
    """保密审查 passed: on to the leader for 签发."""
    with ITEM.change("approve", item, actor=actor) as step:
        if conflict := separation.reviewer_conflict(step.obj, actor):
            raise StepError(conflict)
        require_clean(step.obj)
        return _move(step.obj, ItemStatus.SIGNOFF, last_comment=comment.strip())


@ITEM.step(
    "sign_off",
    "签发",
    capability=Capability.SIGN_OFF,
    action=actions.ITEM_SIGN_OFF,
    states={ItemStatus.SIGNOFF},
    form=SignOffForm,
    wrong_state="该信息不在待签发阶段。",
    done=lambda item: (
        f"已签发并发布，索引号 {item.index_number}。"
        if item.status == ItemStatus.PUBLISHED
        else "已签发，将按时发布。"
    ),
)
@transaction.atomic
def _sign_off(
    item: Item, *, actor, comment: str = "", publish_at: dt.datetime | None = None
) -> Item:
    """签发: publish now, at `publish_at`, or (a 政策解读) together with its document."""
    with ITEM.change("sign_off", item, actor=actor) as step:
        if conflict := separation.signer_conflict(step.obj, actor):
            raise StepError(conflict)
        require_clean(step.obj)
        now = timezone.now()
        if publish_at is not None and publish_at <= now:
            publish_at = None
        item = _move(
            step.obj,
            ItemStatus.SCHEDULED,
            signed_off_by=actor,
            signed_off_at=now,
            sign_off_comment=comment.strip(),
            scheduled_for=publish_at,
        )
    if item.disclosure != Disclosure.PROACTIVE:
        # 依申请公开 / 不予公开 items are catalogued, never put on the public site.
        return item
    waits_for_document = item.interprets_id and item.interprets.status != ItemStatus.PUBLISHED
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
    return _publish(item, now, actor)


@ITEM.step(
    "reject",
    "退回",
    # The reviewer sends back what is under review; the leader what awaits or passed 签发.
    capability={
        ItemStatus.REVIEW: Capability.REVIEW,
        ItemStatus.SIGNOFF: Capability.SIGN_OFF,
        ItemStatus.SCHEDULED: Capability.SIGN_OFF,
    },
    action=actions.ITEM_REJECT,
    form=RequiredCommentForm,
    wrong_state="该信息当前不能退回。",
    done="已退回经办人。",
)
@transaction.atomic
def _reject(item: Item, *, actor, comment: str) -> Item:
    with ITEM.change("reject", item, actor=actor) as step:
        if not (comment or "").strip():
            raise StepError("退回必须写明意见。")
        return _move(step.obj, ItemStatus.DRAFT, last_comment=comment.strip(), scheduled_for=None)


@ITEM.step(
    "withdraw",
    "撤回",
    capability=Capability.SIGN_OFF,
    action=actions.ITEM_WITHDRAW,
    states={ItemStatus.PUBLISHED, ItemStatus.SCHEDULED},
    form=ReasonForm,
    wrong_state="只有已发布或定时发布的信息可以撤回。",
    done="已撤回。",
)
@transaction.atomic
def _withdraw(item: Item, *, actor, reason: str) -> Item:
    with ITEM.change("withdraw", item, actor=actor) as step:
        if not (reason or "").strip():
            raise StepError("撤回必须写明理由。")
        search.unindex_item(step.obj)
        cache.purge_public_pages()
        return _move(
            step.obj,
            ItemStatus.WITHDRAWN,
            withdrawn_reason=reason.strip(),
            withdrawn_at=timezone.now(),
            scheduled_for=None,
        )


@ITEM.step(
    "channel",
    "登记发布渠道",
    capability=Capability.EDIT,
    action=actions.CHANNEL_RECORD,
    states={ItemStatus.PUBLISHED},
    form=ChannelForm,
    wrong_state="只有已发布的信息可以登记其他渠道。",
    done="已登记发布渠道。",
)
@transaction.atomic
def _record_channel(
    item: Item,
    *,
    actor,
    channel: str,
    posted_at: dt.datetime | None = None,
    reference: str = "",
) -> ChannelPost:
    if channel not in PublicationChannel.values:
        raise StepError("未知的发布渠道。")
    with ITEM.change("channel", item, actor=actor, snapshot_fields=False) as step:
        post = ChannelPost.objects.create(
            item=step.obj,
            channel=channel,
            posted_at=posted_at or timezone.now(),
            reference=(reference or "").strip()[:500],
            recorded_by=actor,
        )
        step.note(channel=channel, posted_at=post.posted_at.isoformat(), reference=post.reference)
    return post


def _publish(item: Item, when: dt.datetime, actor) -> Item:
    from gongkai.numbering.services import allocate_index_number
    from gongkai.rules.indexno import IndexNumberError

    before = snapshot(item, AUDIT_FIELDS)
    item.status = ItemStatus.PUBLISHED
    item.published_at = when
    item.scheduled_for = None
    if not item.index_number:
        try:
            item.index_number = allocate_index_number(item.agency, timezone.localdate(when))
        except IndexNumberError as exc:
            raise StepError(f"{exc}。请管理员在机关信息中登记后再签发。") from None
    item.save()
    ChannelPost.objects.get_or_create(
        item=item,
        channel=PublicationChannel.WEBSITE,
        defaults={"posted_at": when, "reference": item.get_absolute_url()},
    )
    search.index_item(item)
    cache.purge_public_pages()
    record(
        actions.ITEM_PUBLISH,
        item,
        actor=actor,
        agency=item.agency,
        before=before,
        after=snapshot(item, AUDIT_FIELDS),
    )
    # 政策解读 go out with the document they explain.
    waiting = Item.objects.select_for_update().filter(
        interprets=item,
        status=ItemStatus.SCHEDULED,
        scheduled_for__isnull=True,
        disclosure=Disclosure.PROACTIVE,
    )
    for interp in waiting:
        _publish(interp, when, actor)
    return item


@transaction.atomic
def publish_scheduled(item_id: int, now: dt.datetime | None = None) -> Item | None:
    """Called by the worker (the platform publishes, so the ledger names no user); does
    nothing if the item was rejected or rescheduled meanwhile."""
    now = now or timezone.now()
    item = Item.objects.select_for_update().filter(pk=item_id).first()
    if item is None or item.status != ItemStatus.SCHEDULED or item.scheduled_for is None:
        return None
    if item.scheduled_for > now:
        return None
    return _publish(item, item.scheduled_for, None)


# Python callers (tests, other services) take the same steps with the same checks, on the
# item as it stands now (the object they hold may be one step behind).


def _fresh(item: Item) -> Item:
    return Item.objects.select_related("agency").get(pk=item.pk)


def submit(item: Item, user) -> Item:
    return ITEM.run("submit", _fresh(item), actor=user, validated=True)


def approve(item: Item, user, comment: str = "") -> Item:
    return ITEM.run("approve", _fresh(item), {"comment": comment}, actor=user, validated=True)


def reject(item: Item, user, comment: str) -> Item:
    return ITEM.run("reject", _fresh(item), {"comment": comment}, actor=user, validated=True)


def sign_off(item: Item, user, comment: str = "", publish_at: dt.datetime | None = None) -> Item:
    data = {"comment": comment, "publish_at": publish_at}
    return ITEM.run("sign_off", _fresh(item), data, actor=user, validated=True)


def withdraw(item: Item, user, reason: str) -> Item:
    return ITEM.run("withdraw", _fresh(item), {"reason": reason}, actor=user, validated=True)


def record_channel(
    item: Item, user, channel: str, posted_at: dt.datetime | None = None, reference: str = ""
) -> ChannelPost:
    data = {"channel": channel, "posted_at": posted_at, "reference": reference}
    return ITEM.run("channel", _fresh(item), data, actor=user, validated=True)
