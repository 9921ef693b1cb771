"""The reply and the extension as offices handle them: the officer drafts, the head of the
disclosure office (a leader) signs or returns with a reason, and only a signed reply is issued
(with its letter, its 文号 and the files disclosed). Extensions are asked for by the officer and
approved by the leader (Art. 33 ¶2). Sign-off of replies is on unless the body turns it off
(HandlingRules) or the deployment does (GONGKAI_REPLY_SIGN_OFF). Nobody approves their own
draft."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from gongkai.agencies.scope import Capability
from gongkai.applications import actions, clock
from gongkai.applications.body_rules import sign_off_required
from gongkai.applications.choices import (
    ApplicationStatus,
    AttachmentKind,
    DraftKind,
    DraftStatus,
    Outcome,
)
from gongkai.applications.choices import DeterminationKind as K
from gongkai.applications.drafting import DraftReplyForm, ExtensionRequestForm, ReturnForm
from gongkai.applications.handling import (
    cleanup,
    close,
    determine,
    save_attachments,
    today,
)
from gongkai.applications.models import Application, Determination, Draft, Reason
from gongkai.applications.steps import APPLICATION, extend
from gongkai.rules.clock import EventKind
from gongkai.workflow.steps import StepError

OWN_WORK = "不能签批自己拟写的{what}，须由另一名负责人签批"


def pending(app: Application, kind: str) -> Draft | None:
    return (
        app.drafts.filter(kind=kind, status=DraftStatus.PENDING)
        .select_related("created_by", "reason")
        .first()
    )


def _has_pending(kind: str):
    return lambda app: app.drafts.filter(kind=kind, status=DraftStatus.PENDING).exists()


def _may_draft_reply(app: Application) -> bool:
    return sign_off_required(app.agency) and not _has_pending(DraftKind.REPLY)(app)


def _may_request_extension(app: Application) -> bool:
    return not app.determinations.filter(kind=K.EXTENSION).exists() and not _has_pending(
        DraftKind.EXTENSION
    )(app)


def _decide(draft: Draft, actor, status: str, **fields) -> None:
    draft.status = status
    draft.decided_by = actor
    draft.decided_at = timezone.now()
    for name, value in fields.items():
        setattr(draft, name, value)
    draft.save()


def _return_draft(name: str, kind: str, app: Application, *, actor, reason: str) -> Draft:
    """A leader sends the pending draft (reply or extension) back to its author with a reason."""
    with APPLICATION.change(name, app, actor=actor) as step:
        step.before = None  # the request itself does not change: the event names the draft
        draft = pending(step.obj, kind)
        _decide(draft, actor, DraftStatus.RETURNED, return_reason=reason)
        step.note(draft=draft.pk, reason=reason)
    return draft


@APPLICATION.step(
    "draft-reply",
    "拟写答复，送负责人签发",
    capability=Capability.EDIT,
    action=actions.DRAFT_SUBMIT,
    states={ApplicationStatus.OPEN},
    when=_may_draft_reply,
    form=DraftReplyForm,
    letter=K.REPLY,
    done="答复已送负责人签发。",
    wrong_state="只有办理中的申请可以拟写答复",
    refused="已有待签发的答复，或本机关的答复无须签发（请直接答复）",
)
def draft_reply(
    app: Application,
    *,
    actor,
    outcome: str,
    text: str,
    reason: Reason | None = None,
    legal_basis: str = "",
    attachments=(),
) -> Draft:
    if outcome not in {o.value for o in Outcome.reply_outcomes()}:
        raise StepError("办理结果不正确")
    if reason and reason.outcome != outcome:
        raise StepError("所选理由与办理结果不一致")
    saved: list = []
    try:
        with APPLICATION.change("draft-reply", app, actor=actor) as step:
            draft = Draft.objects.create(
                application=step.obj,
                kind=DraftKind.REPLY,
                outcome=outcome,
                reason=reason,
                legal_basis=legal_basis or (reason.legal_basis if reason else ""),
                text=text,
                created_by=actor,
            )
            save_attachments(
                step.obj, attachments or [], AttachmentKind.DISCLOSED, saved, draft=draft
            )
            step.note(draft=draft.pk, outcome=outcome)
    except BaseException:
        cleanup(saved)
        raise
    return draft


@APPLICATION.step(
    "sign-reply",
    "签发答复",
    capability=Capability.SIGN_OFF,
    action=actions.DRAFT_SIGN,
    states={ApplicationStatus.OPEN},
    when=_has_pending(DraftKind.REPLY),
    letter=K.REPLY,
    done="答复已签发，答复书已生成并通知申请人。",
    wrong_state="只有办理中的申请可以签发答复",
    refused="没有待签发的答复",
)
def sign_reply(app: Application, *, actor, on: date | None = None) -> Determination:
    on = on or today()
    with APPLICATION.change("sign-reply", app, actor=actor) as step:
        app = step.obj
        draft = pending(app, DraftKind.REPLY)
        if draft.created_by_id == getattr(actor, "pk", None):
            raise StepError(OWN_WORK.format(what="答复"))
        # The officer drafted the reply (its author); the leader signed it (its approver).
        det = determine(
            app,
            K.REPLY,
            on,
            draft.created_by,
            outcome=draft.outcome,
            reason=draft.reason,
            text=draft.text,
            legal_basis=draft.legal_basis,
            approved_by=actor,
            events=[{"kind": EventKind.REPLIED, "on": on}],
        )
        _decide(draft, actor, DraftStatus.SIGNED, determination=det)
        close(app, draft.outcome, on, draft.reason)
        clock.refresh(app)
        step.note(draft=draft.pk, letter_no=det.letter_no)
    return det


@APPLICATION.step(
    "return-reply",
    "退回答复",
    capability=Capability.SIGN_OFF,
    action=actions.DRAFT_RETURN,
    states={ApplicationStatus.OPEN},
    when=_has_pending(DraftKind.REPLY),
    form=ReturnForm,
    done="答复已退回经办人。",
    wrong_state="只有办理中的申请可以退回答复",
    refused="没有待签发的答复",
)
def return_reply(app: Application, *, actor, reason: str) -> Draft:
    return _return_draft("return-reply", DraftKind.REPLY, app, actor=actor, reason=reason)


@APPLICATION.step(
    "request-extension",
    "申请延期答复（送负责人审批）",
    capability=Capability.EDIT,
    action=actions.EXTENSION_REQUEST,
    states={ApplicationStatus.OPEN},
    when=_may_request_extension,
    form=ExtensionRequestForm,
    done="延期申请已送负责人审批。",
    wrong_state="只有办理中的申请可以申请延期",
    refused="本申请已延期或已有待审批的延期申请",
)
def request_extension(app: Application, *, actor, days: int, text: str) -> Draft:
    with APPLICATION.change("request-extension", app, actor=actor) as step:
        step.before = None  # the request itself does not change: the event names the draft
        limit = clock.extension_limit(step.obj)
        if days > limit:
            raise StepError(f"延长答复的期限最长不得超过{limit}个工作日")
        due = clock.compute(step.obj).due_on
        if due and today() > due:
            raise StepError(f"答复期限已于{due:%Y年%m月%d日}届满，不能再申请延期")
        draft = Draft.objects.create(
            application=step.obj, kind=DraftKind.EXTENSION, days=days, text=text, created_by=actor
        )
        step.note(draft=draft.pk, days=days)
    return draft


@APPLICATION.step(
    "approve-extension",
    "批准延期答复",
    capability=Capability.SIGN_OFF,
    action=actions.EXTENSION_APPROVE,
    states={ApplicationStatus.OPEN},
    when=_has_pending(DraftKind.EXTENSION),
    letter=K.EXTENSION,
    done="已批准延期，延期答复告知书已生成并通知申请人。",
    wrong_state="只有办理中的申请可以延期",
    refused="没有待审批的延期申请",
)
def approve_extension(app: Application, *, actor, on: date | None = None) -> Determination:
    with APPLICATION.change("approve-extension", app, actor=actor) as step:
        step.before = None  # `extend` records the change of the due date; this names the draft
        draft = pending(step.obj, DraftKind.EXTENSION)
        if draft.created_by_id == getattr(actor, "pk", None):
            raise StepError(OWN_WORK.format(what="延期申请"))
        det = extend(
            step.obj, days=draft.days, text=draft.text, approved_by=actor, actor=actor, on=on
        )
        _decide(draft, actor, DraftStatus.SIGNED, determination=det)
        step.obj.refresh_from_db()
        step.note(draft=draft.pk, due_on=str(step.obj.due_on))
    return det


@APPLICATION.step(
    "refuse-extension",
    "不同意延期",
    capability=Capability.SIGN_OFF,
    action=actions.EXTENSION_REFUSE,
    states={ApplicationStatus.OPEN},
    when=_has_pending(DraftKind.EXTENSION),
    form=ReturnForm,
    done="已退回延期申请。",
    wrong_state="只有办理中的申请可以处理延期申请",
    refused="没有待审批的延期申请",
)
def refuse_extension(app: Application, *, actor, reason: str) -> Draft:
    return _return_draft("refuse-extension", DraftKind.EXTENSION, app, actor=actor, reason=reason)
