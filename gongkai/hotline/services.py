"""The ticket workflow, declared once with gongkai.workflow.

Two records move: the Ticket at the centre (直办, 派单, 延期审批, 回访, 办结, 重办, 督办 — the
centre's staff, scoped by the ticket's `agency`) and the Assignment at a body (签收, 退单, 申请延期,
答复 — the body's staff, scoped by the assignment's `body`). Each step re-reads its rows FOR
UPDATE and writes one audit event with its `hotline.ticket.<verb>` action on the ticket
(`Workflow.change`), and recomputes the limits from gongkai.rules.hotline on the working-day
calendar.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from gongkai.agencies.scope import Capability
from gongkai.audit.services import record, snapshot
from gongkai.hotline import actions as A
from gongkai.hotline import forms as F
from gongkai.hotline import limits
from gongkai.hotline.choices import AssignmentStatus, ExtensionStatus, TicketStatus
from gongkai.hotline.models import Assignment, Callback, KnowledgeEntry, Ticket
from gongkai.hotline.workflows import ASSIGNMENT, AUDIT_FIELDS, TICKET
from gongkai.workflow.steps import StepError

CENTRE_STATES = {TicketStatus.RECEIVED, TicketStatus.RETURNED}
AT_BODY = {TicketStatus.DISPATCHED, TicketStatus.HANDLING}


def _today():
    return timezone.localdate()


def _audit(action, ticket: Ticket, actor, before: dict | None = None, **extra) -> None:
    after = snapshot(ticket, AUDIT_FIELDS)
    after.update(extra)
    record(action, ticket, agency=ticket.agency, actor=actor, before=before, after=after)


def _lock_ticket(ticket_id: int) -> Ticket:
    return Ticket.objects.select_for_update().get(pk=ticket_id)


def _escalate(ticket: Ticket, actor, why: str) -> None:
    if not ticket.supervised:
        ticket.supervised = True
        ticket.save(update_fields=["supervised", "updated_at"])
        _audit(A.TICKET_SUPERVISE, ticket, actor, note=why)


# -- at the centre -----------------------------------------------------------------------------


@TICKET.step(
    "answer",
    "直接答复",
    capability=Capability.EDIT,
    action=A.TICKET_ANSWER,
    states=CENTRE_STATES,
    form=F.AnswerForm,
    done="已直接答复并办结。",
    help="用知识库口径当即答复来电人（直办），工单即办结。",
)
def answer(ticket: Ticket, *, actor, answer: str, knowledge: int | None = None) -> str:
    with TICKET.change("answer", ticket, actor=actor) as step:
        ticket = step.obj
        entry = None
        if knowledge:
            entry = KnowledgeEntry.objects.filter(pk=knowledge, centre=ticket.agency).first()
            if entry is None:
                raise StepError(errors={"knowledge": ["知识库条目不存在"]})
        today = _today()
        ticket.status = TicketStatus.CLOSED
        ticket.direct = not ticket.dispatched
        ticket.reply = answer
        ticket.replied, ticket.replied_on, ticket.closed_on = True, today, today
        ticket.closed_late = bool(ticket.due_on and today > ticket.due_on)
        ticket.save()
        step.note(knowledge=entry.pk if entry else None)
    return TICKET["answer"].done


@TICKET.step(
    "dispatch",
    "派单",
    capability=Capability.EDIT,
    action=A.TICKET_DISPATCH,
    states=CENTRE_STATES,
    form=F.DispatchForm,
    done="已派单。",
)
def dispatch(ticket: Ticket, *, actor, body, note: str = "") -> str:
    with TICKET.change("dispatch", ticket, actor=actor) as step:
        ticket = step.obj
        if body.pk == ticket.agency_id:
            raise StepError(errors={"body": ["不能派给热线中心本身，请直接答复"]})
        if ticket.assignments.filter(body=body, status=AssignmentStatus.RETURNED).exists():
            raise StepError(errors={"body": [f"{body.name}已退回过该工单，请改派或提请协调"]})
        today = _today()
        sign_due = limits.sign_due(today)
        Assignment.objects.create(
            ticket=ticket, body=body, dispatched_on=today, sign_due_on=sign_due, note=note
        )
        ticket.status, ticket.body, ticket.dispatched = TicketStatus.DISPATCHED, body, True
        ticket.sign_due_on = sign_due
        ticket.save()
        step.note(note=note)
    return f"已派单至{body.name}，签收时限 {sign_due:%Y-%m-%d}。"


def _pending_extension(ticket: Ticket) -> bool:
    return ticket.assignments.filter(extension=ExtensionStatus.REQUESTED).exists()


@TICKET.step(
    "decide_extension",
    "审批延期",
    capability=Capability.REVIEW,
    action=A.TICKET_EXTEND_DECIDE,
    states=AT_BODY,
    when=_pending_extension,
    form=F.ExtensionDecisionForm,
    done="已审批延期申请。",
)
def decide_extension(ticket: Ticket, *, actor, approve: bool, note: str = "") -> str:
    with TICKET.change("decide_extension", ticket, actor=actor) as step:
        ticket = step.obj
        asg = (
            ticket.assignments.select_for_update()
            .filter(extension=ExtensionStatus.REQUESTED)
            .first()
        )
        if asg is None:
            raise StepError("没有待审批的延期申请")
        if approve:
            try:
                new_due = limits.extended_due(ticket.received_on, ticket.due_on, asg.extension_days)
            except limits.LimitsError as exc:
                raise StepError(str(exc)) from None
            ticket.due_on, ticket.extended = new_due, True
            asg.extension = ExtensionStatus.APPROVED
            message = f"已批准延期，办结时限改为 {new_due:%Y-%m-%d}。"
        else:
            asg.extension = ExtensionStatus.DENIED
            message = "未批准延期，办结时限不变。"
        asg.save(update_fields=["extension"])
        ticket.save()
        step.note(approve=approve, note=note)
    return message


@TICKET.step(
    "callback",
    "回访",
    capability=Capability.EDIT,
    action=A.TICKET_CALLBACK,
    states={TicketStatus.REPLIED},
    form=F.CallbackForm,
    done="已记录回访结果。",
)
def callback(ticket: Ticket, *, actor, result: str, body_caused: bool = False, note: str = ""):
    with TICKET.change("callback", ticket, actor=actor) as step:
        ticket = step.obj
        Callback.objects.create(
            ticket=ticket,
            on=_today(),
            result=result,
            body_caused=body_caused,
            note=note,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        ticket.satisfaction = result
        ticket.save(update_fields=["satisfaction", "updated_at"])
        step.note(body_caused=body_caused)
    return TICKET["callback"].done


def _called_back(ticket: Ticket) -> bool:
    return bool(ticket.satisfaction)


@TICKET.step(
    "close",
    "办结归档",
    capability=Capability.EDIT,
    action=A.TICKET_CLOSE,
    states={TicketStatus.REPLIED},
    when=_called_back,
    form=F.NoteForm,
    done="工单已办结。",
    wrong_state="回访后才能办结。",
)
def close(ticket: Ticket, *, actor, note: str = "") -> str:
    with TICKET.change("close", ticket, actor=actor) as step:
        ticket = step.obj
        ticket.status, ticket.closed_on = TicketStatus.CLOSED, _today()
        ticket.save()
        step.note(note=note)
    return TICKET["close"].done


@TICKET.step(
    "rework",
    "重办",
    capability=Capability.EDIT,
    action=A.TICKET_REWORK,
    states={TicketStatus.REPLIED},
    form=F.ReasonForm,
    done="已退回承办单位重办。",
)
def rework(ticket: Ticket, *, actor, reason: str) -> str:
    with transaction.atomic():  # the step and the escalation it may cause: both or neither
        with TICKET.change("rework", ticket, actor=actor) as step:
            ticket = step.obj
            asg = (
                ticket.assignments.select_for_update()
                .filter(status=AssignmentStatus.REPLIED)
                .order_by("-id")
                .first()
            )
            if asg is None:
                raise StepError("该工单为直接答复，无承办单位可重办")
            today = _today()
            asg.status, asg.replied_on, asg.extension = AssignmentStatus.SIGNED, None, ""
            asg.save(update_fields=["status", "replied_on", "extension"])
            ticket.status, ticket.reworks = TicketStatus.HANDLING, ticket.reworks + 1
            ticket.satisfaction = ""
            ticket.due_on = limits.close_due(today, ticket.type, ticket.emergency)
            ticket.closed_late = None
            ticket.save()
            step.note(reason=reason)
        if ticket.reworks >= limits.current_limits().rework_limit:
            _escalate(ticket, actor, f"重办{ticket.reworks}次")
    return f"已退回重办，新的办结时限 {ticket.due_on:%Y-%m-%d}。"


@TICKET.step(
    "supervise",
    "督办",
    capability=Capability.REVIEW,
    action=A.TICKET_SUPERVISE,
    when=lambda t: not t.supervised,
    form=F.NoteForm,
    done="已列为督办件。",
)
def supervise(ticket: Ticket, *, actor, note: str = "") -> str:
    with transaction.atomic():
        ticket = TICKET.lock("supervise", ticket)
        _escalate(ticket, actor, note or "人工督办")
    return TICKET["supervise"].done


@TICKET.step(
    "merge",
    "合并重复工单",
    capability=Capability.EDIT,
    action=A.TICKET_MERGE,
    states=CENTRE_STATES,
    form=F.MergeForm,
    done="已并入原工单。",
    help="同一来电人或同一地址同一事项的重复诉求并入原工单，统计时只计一次。",
)
def merge(ticket: Ticket, *, actor, into: str) -> str:
    with TICKET.change("merge", ticket, actor=actor) as step:
        ticket = step.obj
        target = Ticket.objects.filter(
            agency=ticket.agency, ticket_no=into.strip().upper(), duplicate_of__isnull=True
        ).first()
        if target is None or target.pk == ticket.pk:
            raise StepError(errors={"into": ["找不到可并入的工单（须为本中心的另一件原工单）"]})
        ticket.duplicate_of, ticket.status, ticket.closed_on = target, TicketStatus.CLOSED, _today()
        ticket.save()
        step.note(into=target.ticket_no)
    return f"已并入 {target.ticket_no}，统计时只计一次。"


# -- at the body -------------------------------------------------------------------------------


def _ticket_of(asg: Assignment) -> Ticket:
    # The ticket is locked first, always (before its assignment): one lock order, no deadlock.
    return _lock_ticket(asg.ticket_id)


@ASSIGNMENT.step(
    "sign",
    "签收",
    capability=Capability.EDIT,
    action=A.TICKET_SIGN,
    states={AssignmentStatus.PENDING},
    done="已签收。",
)
def sign(asg: Assignment, *, actor) -> str:
    with ASSIGNMENT.change("sign", asg, actor=actor, subject=_ticket_of) as step:
        asg, ticket = step.obj, step.subject
        today = _today()
        asg.status, asg.signed_on = AssignmentStatus.SIGNED, today
        asg.save(update_fields=["status", "signed_on"])
        ticket.status = TicketStatus.HANDLING
        ticket.signed_on = today
        ticket.signed_late = today > asg.sign_due_on
        ticket.save()
        step.note(body=asg.body_id)
    return "已签收，" + ("超过签收时限。" if ticket.signed_late else "按时签收。")


@ASSIGNMENT.step(
    "return",
    "退单",
    capability=Capability.EDIT,
    action=A.TICKET_RETURN,
    states={AssignmentStatus.PENDING},
    form=F.ReasonForm,
    done="已退单，热线中心将重新派单。",
    help="认为不属于本单位职责的，在签收时限内退回并说明依据。",
)
def return_ticket(asg: Assignment, *, actor, reason: str) -> str:
    with transaction.atomic():  # the step and the escalation it may cause: both or neither
        with ASSIGNMENT.change("return", asg, actor=actor, subject=_ticket_of) as step:
            asg, ticket = step.obj, step.subject
            if _today() > asg.sign_due_on:
                raise StepError("已超过签收时限，不能退单，请签收后办理或申请协调")
            asg.status, asg.return_reason = AssignmentStatus.RETURNED, reason
            asg.save(update_fields=["status", "return_reason"])
            ticket.status, ticket.body, ticket.sign_due_on = TicketStatus.RETURNED, None, None
            ticket.returns += 1
            ticket.save()
            step.note(body=asg.body_id, reason=reason)
        if ticket.returns >= 3:
            _escalate(ticket, actor, f"退单{ticket.returns}次，无承办单位")
    return ASSIGNMENT["return"].done


@ASSIGNMENT.step(
    "extend",
    "申请延期",
    capability=Capability.EDIT,
    action=A.TICKET_EXTEND_REQUEST,
    states={AssignmentStatus.SIGNED},
    when=lambda a: a.extension not in (ExtensionStatus.REQUESTED, ExtensionStatus.APPROVED),
    form=F.ExtensionForm,
    done="已提交延期申请，待热线中心审批。",
)
def request_extension(asg: Assignment, *, actor, days: int, reason: str) -> str:
    with ASSIGNMENT.change("extend", asg, actor=actor, subject=_ticket_of) as step:
        asg, ticket = step.obj, step.subject
        if _today() > ticket.due_on:
            raise StepError("已超过办结时限，不能再申请延期")
        try:
            limits.extended_due(ticket.received_on, ticket.due_on, days)
        except limits.LimitsError as exc:
            raise StepError(errors={"days": [str(exc)]}) from None
        asg.extension, asg.extension_days, asg.extension_reason = (
            ExtensionStatus.REQUESTED,
            days,
            reason,
        )
        asg.save(update_fields=["extension", "extension_days", "extension_reason"])
        step.note(days=days, reason=reason)
    return ASSIGNMENT["extend"].done


@ASSIGNMENT.step(
    "reply",
    "答复",
    capability=Capability.EDIT,
    action=A.TICKET_REPLY,
    states={AssignmentStatus.SIGNED},
    form=F.ReplyForm,
    done="已答复，待热线中心回访。",
)
def reply(asg: Assignment, *, actor, reply: str) -> str:
    with ASSIGNMENT.change("reply", asg, actor=actor, subject=_ticket_of) as step:
        asg, ticket = step.obj, step.subject
        today = _today()
        asg.status, asg.replied_on = AssignmentStatus.REPLIED, today
        if asg.extension == ExtensionStatus.REQUESTED:
            asg.extension = ExtensionStatus.NONE  # answered in time: the request lapses
        asg.save(update_fields=["status", "replied_on", "extension"])
        ticket.status, ticket.reply = TicketStatus.REPLIED, reply
        ticket.replied, ticket.replied_on = True, today
        ticket.closed_late = today > ticket.due_on
        ticket.save()
        step.note(body=asg.body_id)
    return "已答复，" + ("已超过办结时限。" if ticket.closed_late else "在办结时限内。")


# Declares the referral and 留言选登 steps on TICKET.
from gongkai.hotline import partners, selection  # noqa: E402,F401
