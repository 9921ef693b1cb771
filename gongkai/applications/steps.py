"""The request workflow, declared once: who may take each step, in which states, on which
condition, with which input, which ledger action and which letter. The request page, the API,
`gongkai step` and the demo all take steps through `APPLICATION.run`; each step re-checks its
state race-free in its transaction with `APPLICATION.change` (lock, snapshot, change, save,
then the ledger event with the step's declared action)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied

from gongkai.agencies.scope import Capability, has_capability
from gongkai.applications import actions, clock, forms, schemas
from gongkai.applications.body_rules import sign_off_required
from gongkai.applications.choices import ApplicationStatus, AttachmentKind, Outcome
from gongkai.applications.choices import DeterminationKind as K
from gongkai.applications.handling import (
    AUDIT_FIELDS,
    cleanup,
    close,
    determine,
    save_attachments,
    today,
)
from gongkai.applications.models import Application, Determination, Reason
from gongkai.rules import clock as rules_clock
from gongkai.rules.clock import EventKind
from gongkai.workflow.steps import StepError, Workflow

APPLICATION = Workflow(
    "applications.request",
    Application,
    label="依申请公开申请",
    final={ApplicationStatus.CLOSED},
    audit_fields=tuple(AUDIT_FIELDS),
)
CLOSED = "该申请已办结，不能再进行此操作"


def _not_yet(kind: str):
    """A condition: the request has no determination of this kind yet (the law allows one)."""
    return lambda app: not app.determinations.filter(kind=kind).exists()


def _sign_off(app: Application) -> bool:
    return sign_off_required(app.agency)


def _new_regime(app: Application) -> bool:
    return app.regime != "2008"


@APPLICATION.step(
    "supplement-notice",
    "补正告知",
    capability=Capability.EDIT,
    action=actions.SUPPLEMENT_NOTIFY,
    states={ApplicationStatus.OPEN},
    when=_not_yet(K.SUPPLEMENT_NOTICE),
    form=forms.SupplementNoticeForm,
    schema=schemas.SupplementNoticeIn,
    letter=K.SUPPLEMENT_NOTICE,
    wrong_state="申请当前不在办理中，不能发出补正告知",
    refused="补正告知只能一次性发出，本申请已发出过补正告知",
)
def notify_supplement(
    app: Application, *, text: str, days: int, actor, on: date | None = None
) -> Determination:
    """补正告知 (Art. 30): once, within 7 working days of receipt; the clock stops until the
    supplement arrives and then starts again from that day."""
    on = on or today()
    with APPLICATION.change("supplement-notice", app, actor=actor) as step:
        app = step.obj
        problem = clock.supplement_notice_problem(app, on)
        if problem:
            raise StepError(problem)
        until = clock.add_workdays(on, days)
        det = determine(
            app,
            K.SUPPLEMENT_NOTICE,
            on,
            actor,
            text=text,
            days=days,
            until=until,
            events=[{"kind": EventKind.SUPPLEMENT_SENT, "on": on, "until": until, "days": days}],
        )
        app.status = ApplicationStatus.SUPPLEMENT
        clock.refresh(app)
        step.note(until=until.isoformat())
    return det


def receive_supplement(
    app: Application, *, text: str, files=(), actor, on: date | None = None
) -> Determination:
    on = on or today()
    saved: list = []
    try:
        with APPLICATION.change("supplement", app, actor=actor) as step:
            app = step.obj
            det = determine(
                app,
                K.SUPPLEMENT_RECEIVED,
                on,
                actor,
                text=text,
                events=[{"kind": EventKind.SUPPLEMENT_RECEIVED, "on": on}],
            )
            save_attachments(app, files, AttachmentKind.SUPPLEMENT, saved)
            app.status = ApplicationStatus.OPEN
            clock.refresh(app)
    except BaseException:
        cleanup(saved)
        raise
    return det


@APPLICATION.step(
    "supplement",
    "登记收到补正",
    capability=Capability.EDIT,
    action=actions.SUPPLEMENT_RECEIVE,
    states={ApplicationStatus.SUPPLEMENT},
    form=forms.SupplementForm,
    schema=schemas.SupplementIn,
    wrong_state="该申请当前不需要补正",
)
def _supplement(app: Application, *, actor, text: str, attachments=()) -> Determination:
    return receive_supplement(app, text=text, files=attachments or [], actor=actor)


def _lapse(
    name: str,
    app: Application,
    on: date | None,
    actor,
    *,
    notice_kind: str,
    lapsed_kind: str,
    outcome: str,
    legal_basis: str,
    clock_event: str,
    too_early: str,
) -> Determination:
    """The applicant let a period run out (补正, fee): the request closes with `outcome`."""
    on = on or today()
    with APPLICATION.change(name, app, actor=actor) as step:
        app = step.obj
        notice = app.determinations.filter(kind=notice_kind).latest("on", "id")
        if on <= notice.until:
            raise StepError(too_early.format(until=notice.until))
        det = determine(
            app,
            lapsed_kind,
            on,
            actor,
            outcome=outcome,
            legal_basis=legal_basis,
            events=[{"kind": clock_event, "on": on}],
        )
        close(app, outcome, on)
        clock.refresh(app)
    return det


@APPLICATION.step(
    "supplement-lapse",
    "逾期未补正，终止处理",
    capability=Capability.EDIT,
    action=actions.SUPPLEMENT_LAPSE,
    states={ApplicationStatus.SUPPLEMENT},
    letter=K.SUPPLEMENT_LAPSED,
    wrong_state="该申请不在待补正状态",
)
def lapse_supplement(app: Application, *, actor, on: date | None = None) -> Determination:
    """No supplement within the period: 视为放弃 (其他处理 1)."""
    return _lapse(
        "supplement-lapse",
        app,
        on,
        actor,
        notice_kind=K.SUPPLEMENT_NOTICE,
        lapsed_kind=K.SUPPLEMENT_LAPSED,
        outcome=Outcome.OTHER_NO_SUPPLEMENT,
        legal_basis="《中华人民共和国政府信息公开条例》第三十条",
        clock_event=EventKind.SUPPLEMENT_LAPSED,
        too_early="补正期限至{until:%Y年%m月%d日}，期限届满后才能按逾期不补正处理",
    )


@APPLICATION.step(
    "consult",
    "征求意见（暂停计时）",
    capability=Capability.EDIT,
    action=actions.CONSULTATION_SEND,
    states={ApplicationStatus.OPEN},
    form=forms.ConsultationForm,
    schema=schemas.ConsultationIn,
    letter=K.CONSULTATION,
    wrong_state="只有办理中的申请可以征求意见",
)
def start_consultation(
    app: Application,
    *,
    party: str,
    party_kind: str = "third_party",
    text: str = "",
    actor,
    on: date | None = None,
) -> Determination:
    """Consult a third party (Art. 32) or another organ (Art. 34); the time is not counted.
    `text` says which information is concerned: it is the body of the 征求意见书."""
    on = on or today()
    if not (text or "").strip():
        raise StepError("请写明征求意见的政府信息和事项（写入征求意见书）")
    with APPLICATION.change("consult", app, actor=actor) as step:
        app = step.obj
        until = clock.add_workdays(on, rules_clock.CONSULTATION_DAYS)
        det = determine(
            app,
            K.CONSULTATION,
            on,
            actor,
            party=party,
            text=text,
            days=rules_clock.CONSULTATION_DAYS,
            until=until,
            events=[
                {"kind": EventKind.CONSULTATION_SENT, "on": on, "until": until, "party": party_kind}
            ],
        )
        app.status = ApplicationStatus.CONSULTING
        clock.refresh(app)
        step.note(party=party)
    return det


def end_consultation(
    app: Application, *, replied: bool, text: str = "", actor, on: date | None = None
) -> Determination:
    on = on or today()
    name = "consult-reply" if replied else "consult-expire"
    with APPLICATION.change(name, app, actor=actor) as step:
        app = step.obj
        sent = app.determinations.filter(kind=K.CONSULTATION).latest("on", "id")
        if not replied and on <= sent.until:
            raise StepError(
                f"征求意见答复期限至{sent.until:%Y年%m月%d日}，届满后才能按逾期未答复处理"
            )
        kind = K.CONSULTATION_REPLIED if replied else K.CONSULTATION_EXPIRED
        event = EventKind.CONSULTATION_REPLIED if replied else EventKind.CONSULTATION_EXPIRED
        det = determine(app, kind, on, actor, text=text, events=[{"kind": event, "on": on}])
        app.status = ApplicationStatus.OPEN
        clock.refresh(app)
    return det


@APPLICATION.step(
    "consult-reply",
    "收到征求意见答复",
    capability=Capability.EDIT,
    action=actions.CONSULTATION_REPLY,
    states={ApplicationStatus.CONSULTING},
    wrong_state="该申请不在征求意见中",
)
def _consult_reply(app: Application, *, actor) -> Determination:
    return end_consultation(app, replied=True, actor=actor)


@APPLICATION.step(
    "consult-expire",
    "征求意见逾期未答复",
    capability=Capability.EDIT,
    action=actions.CONSULTATION_EXPIRE,
    states={ApplicationStatus.CONSULTING},
    wrong_state="该申请不在征求意见中",
)
def _consult_expire(app: Application, *, actor) -> Determination:
    return end_consultation(app, replied=False, actor=actor)


def extend(
    app: Application, *, days: int, text: str, approved_by, actor, on: date | None = None
) -> Determination:
    """Extension (Art. 33 ¶2): needs the consent of the head of the disclosure office, once, at
    most 20 working days (15 under the 2008 条例)."""
    on = on or today()
    with APPLICATION.change("extend", app, actor=actor) as step:
        app = step.obj
        if not has_capability(approved_by, Capability.SIGN_OFF, app.agency):
            raise PermissionDenied("延期答复须经政府信息公开工作机构负责人同意")
        limit = clock.extension_limit(app)
        if days > limit:
            raise StepError(f"延长答复的期限最长不得超过{limit}个工作日")
        view = clock.compute(app, today=on)
        if view.due_on and on > view.due_on:
            raise StepError(f"答复期限已于{view.due_on:%Y年%m月%d日}届满，不能再延期")
        det = determine(
            app,
            K.EXTENSION,
            on,
            actor,
            text=text,
            days=days,
            approved_by=approved_by,
            events=[{"kind": EventKind.EXTENDED, "on": on, "days": days}],
        )
        clock.refresh(app)
        step.note(days=days)
    return det


class _ExtensionForm(forms.ExtensionForm):
    """The page offers the longest extension the law allows this request."""

    @staticmethod
    def initial_for(app: Application) -> dict:
        return {"days": clock.extension_limit(app)}


@APPLICATION.step(
    "extend",
    "延期答复（负责人批准）",
    # The head of the disclosure office consents (Art. 33 ¶2): only a leader takes this step.
    capability=Capability.SIGN_OFF,
    action=actions.REQUEST_EXTEND,
    states={ApplicationStatus.OPEN},
    when=_not_yet(K.EXTENSION),
    form=_ExtensionForm,
    schema=schemas.ExtensionIn,
    letter=K.EXTENSION,
    wrong_state="只有办理中的申请可以延期",
    refused="本申请已延期一次，不能再次延期",
)
def _extend(app: Application, *, actor, days: int, text: str) -> Determination:
    return extend(app, days=days, text=text, approved_by=actor, actor=actor)


@APPLICATION.step(
    "fee",
    "收费通知",
    capability=Capability.EDIT,
    action=actions.FEE_NOTIFY,
    states={ApplicationStatus.OPEN},
    when=_new_regime,
    form=forms.FeeNoticeForm,
    schema=schemas.FeeNoticeIn,
    letter=K.FEE_NOTICE,
    wrong_state="只有办理中的申请可以发出收费通知",
    refused="2019年5月15日前收到的申请适用旧条例，不收取信息处理费",
)
def fee_notice(
    app: Application, *, method: str, quantity: int, actor, on: date | None = None
) -> Determination:
    """收费通知 (国办函〔2020〕109号): amount from the rules engine; 20 working days to pay."""
    on = on or today()
    with APPLICATION.change("fee", app, actor=actor) as step:
        app = step.obj
        amount, breakdown = clock.fee(method, quantity)
        if amount <= 0:
            raise StepError(f"按所填数量计算，信息处理费为0元（{breakdown}），无需发出收费通知")
        until = clock.add_workdays(on, rules_clock.FEE_PAYMENT_DAYS)
        det = determine(
            app,
            K.FEE_NOTICE,
            on,
            actor,
            amount=Decimal(amount),
            days=rules_clock.FEE_PAYMENT_DAYS,
            until=until,
            text=breakdown,
            events=[{"kind": EventKind.FEE_NOTICE, "on": on, "until": until}],
        )
        app.status = ApplicationStatus.FEE
        clock.refresh(app)
        step.note(amount=str(amount))
    return det


@APPLICATION.step(
    "fee-paid",
    "已缴费",
    capability=Capability.EDIT,
    action=actions.FEE_PAY,
    states={ApplicationStatus.FEE},
    wrong_state="该申请不在待缴费状态",
)
def fee_paid(app: Application, *, actor, on: date | None = None) -> Determination:
    on = on or today()
    with APPLICATION.change("fee-paid", app, actor=actor) as step:
        app = step.obj
        det = determine(app, K.FEE_PAID, on, actor, events=[{"kind": EventKind.FEE_PAID, "on": on}])
        app.status = ApplicationStatus.OPEN
        clock.refresh(app)
    return det


@APPLICATION.step(
    "fee-lapse",
    "逾期未缴费，终止处理",
    capability=Capability.EDIT,
    action=actions.FEE_LAPSE,
    states={ApplicationStatus.FEE},
    letter=K.FEE_LAPSED,
    wrong_state="该申请不在待缴费状态",
)
def fee_lapse(app: Application, *, actor, on: date | None = None) -> Determination:
    """The fee was not paid within the period: 其他处理 2."""
    return _lapse(
        "fee-lapse",
        app,
        on,
        actor,
        notice_kind=K.FEE_NOTICE,
        lapsed_kind=K.FEE_LAPSED,
        outcome=Outcome.OTHER_UNPAID,
        legal_basis="《政府信息公开信息处理费管理办法》",
        clock_event=EventKind.FEE_LAPSED,
        too_early="缴费期限至{until:%Y年%m月%d日}，届满后才能按逾期未缴费处理",
    )


@APPLICATION.step(
    "art35",
    "第三十五条延迟答复",
    capability=Capability.EDIT,
    action=actions.REQUEST_ART35,
    states={ApplicationStatus.OPEN},
    when=_new_regime,
    form=forms.Art35Form,
    schema=schemas.Art35In,
    letter=K.ART35,
    wrong_state="只有办理中的申请可以确定延迟答复期限",
    refused="旧条例没有第三十五条的规定",
)
def art35(
    app: Application, *, until: date, text: str, actor, on: date | None = None
) -> Determination:
    """Art. 35: reasonable grounds, but the normal period cannot be met → a delayed deadline."""
    on = on or today()
    with APPLICATION.change("art35", app, actor=actor) as step:
        app = step.obj
        view = clock.compute(app, today=on)
        if view.due_on and until <= view.due_on:
            raise StepError(f"延迟答复期限应晚于现行答复期限{view.due_on:%Y年%m月%d日}")
        det = determine(
            app,
            K.ART35,
            on,
            actor,
            until=until,
            text=text,
            legal_basis="《中华人民共和国政府信息公开条例》第三十五条",
            events=[{"kind": EventKind.DELAYED, "on": on, "until": until}],
        )
        clock.refresh(app)
        step.note(until=until.isoformat())
    return det


@APPLICATION.step(
    "reply",
    "答复",
    capability=Capability.EDIT,
    action=actions.REQUEST_REPLY,
    states={ApplicationStatus.OPEN},
    form=forms.ReplyForm,
    schema=schemas.ReplyIn,
    letter=K.REPLY,
    # Where replies need the leader's sign-off, they go through draft-reply / sign-reply.
    when=lambda app: not _sign_off(app),
    wrong_state="只有办理中的申请可以答复",
    refused="本机关的答复须经负责人签发：请使用“拟写答复，送负责人签发”",
)
def reply(
    app: Application,
    *,
    outcome: str,
    text: str,
    reason: Reason | None = None,
    legal_basis: str = "",
    actor,
    on: date | None = None,
) -> Determination:
    on = on or today()
    if outcome not in {o.value for o in Outcome.reply_outcomes()}:
        raise StepError("办理结果不正确")
    with APPLICATION.change("reply", app, actor=actor) as step:
        app = step.obj
        if reason and reason.outcome != outcome:
            raise StepError("所选理由与办理结果不一致")
        det = determine(
            app,
            K.REPLY,
            on,
            actor,
            outcome=outcome,
            reason=reason,
            text=text,
            legal_basis=legal_basis or (reason.legal_basis if reason else ""),
            events=[{"kind": EventKind.REPLIED, "on": on}],
        )
        close(app, outcome, on, reason)
        clock.refresh(app)
    return det


@APPLICATION.step(
    "withdraw",
    "申请人撤回",
    capability=Capability.EDIT,
    action=actions.REQUEST_WITHDRAW,
    form=forms.WithdrawalForm,
    schema=schemas.WithdrawalIn,
    wrong_state=CLOSED,
)
def withdraw(app: Application, *, text: str = "", actor, on: date | None = None) -> Determination:
    """The applicant withdrew; counted under （六）其他处理 3."""
    on = on or today()
    with APPLICATION.change("withdraw", app, actor=actor) as step:
        app = step.obj
        det = determine(
            app,
            K.WITHDRAWAL,
            on,
            actor,
            outcome=Outcome.OTHER_OTHER,
            text=text or "申请人撤回申请",
            events=[{"kind": EventKind.WITHDRAWN, "on": on}],
        )
        close(app, Outcome.OTHER_OTHER, on)
        clock.refresh(app)
    return det
