"""The life of each 2017 demo ticket as ledger events (受理, 派单, 签收, 延期, 答复, 回访, 重办,
办结 …), written with the audit app's bulk API so the hash chain stays whole and a ticket's
history page shows its steps; and a few consented tickets published as 留言选登.

The events carry each step's own date and the actor names of the roles (no demo user acted),
and the same actions as the live steps (gongkai.hotline.actions)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from gongkai.audit.services import Entry
from gongkai.hotline import actions as A
from gongkai.hotline.choices import CallbackResult, TicketStatus
from gongkai.hotline.models import Ticket

CENTRE_ACTOR = "热线中心话务员（演示）"
REVIEWER_ACTOR = "热线中心审核人（演示）"
TYPE = "hotline.ticket"

# 留言选登 of the demo: questions and replies as a reviewer would publish them (no one's name,
# number or address), by top category.
SELECTED = {
    "housing": (
        "小区物业垃圾清运不及时",
        "所住小区近期垃圾清运不及时，楼道堆放杂物，希望督促物业公司整改。",
        "经核实，已约谈物业公司，要求每日清运并清理楼道杂物，街道将每周检查。",
    ),
    "utilities": (
        "冬季供暖温度不达标",
        "入冬以来室内温度偏低，多次联系供热公司未解决，请协调处理。",
        "供热公司已排查换热站并调整供水温度，经回访室内温度已达到18摄氏度以上。",
    ),
    "urban": (
        "道路破损影响出行",
        "城北路部分路段路面破损严重，雨天积水，影响群众出行。",
        "已列入道路维修计划，破损路段已完成修补，积水点增设了排水设施。",
    ),
    "social-security": (
        "城乡居民养老保险缴费咨询",
        "想了解城乡居民养老保险的缴费档次和办理地点。",
        "可在区政务服务大厅社保窗口或手机客户端查询缴费档次并办理，工作日均可受理。",
    ),
    "traffic": (
        "建议增设公交站点",
        "建议在丝绸路沿线增设公交站点，方便周边居民出行。",
        "交通运输部门已组织调研，将结合线路优化在该路段增设站点。",
    ),
    "environment": (
        "夜间施工噪声扰民",
        "附近工地夜间施工噪声很大，影响休息，请有关部门查处。",
        "执法人员已到现场检查，责令施工单位停止夜间施工，并将加强巡查。",
    ),
}
PER_KIND = 5


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), timezone.get_current_timezone())


def _adder(out: list[Entry], t: Ticket):
    # `role` is the name the ledger shows (no user acted on the demo's history)
    def add(action, at, role=CENTRE_ACTOR, **after):
        out.append(
            Entry(
                action=action,
                object_type=TYPE,
                object_id=t.pk,
                created_at=at,
                agency_id=t.agency_id,
                actor_name=role,
                after=after,
            )
        )

    return add


def ticket_events(tickets: list[Ticket], bodies: dict[int, str]) -> list[Entry]:
    """Entries for saved demo tickets (their pk set), in each ticket's order of steps."""
    out: list[Entry] = []
    for t in tickets:
        add = _adder(out, t)
        add(A.TICKET_RECEIVE, t.received_at, status=TicketStatus.RECEIVED, due_on=t.due_on)
        if t.direct:
            add(A.TICKET_ANSWER, t.received_at + timedelta(minutes=8), status=TicketStatus.CLOSED)
            continue
        body = bodies.get(t.body_id, "承办单位")
        add(
            A.TICKET_DISPATCH,
            t.received_at + timedelta(minutes=15),
            status=TicketStatus.DISPATCHED,
            body=t.body_id,
            sign_due_on=t.sign_due_on,
        )
        add(
            A.TICKET_SIGN,
            _at(t.signed_on, 9),
            body,
            status=TicketStatus.HANDLING,
            signed_on=t.signed_on,
            signed_late=t.signed_late,
        )
        if t.extended:
            add(A.TICKET_EXTEND_REQUEST, _at(t.signed_on, 15), body, days=5)
            add(A.TICKET_EXTEND_DECIDE, _at(t.signed_on, 17), approve=True, due_on=t.due_on)
        reply = dict(
            status=TicketStatus.REPLIED, replied_on=t.replied_on, closed_late=t.closed_late
        )
        if t.reworks:
            # the first reply, judged 不满意 and sent back, a little before the final one
            first = max(t.signed_on, t.replied_on - timedelta(days=2))
            add(A.TICKET_REPLY, _at(first, 11), body, **reply)
            add(A.TICKET_CALLBACK, _at(first, 12), satisfaction=CallbackResult.DISSATISFIED)
            add(A.TICKET_REWORK, _at(first, 12, 30), status=TicketStatus.HANDLING, reworks=1)
        add(A.TICKET_REPLY, _at(t.replied_on, 16), body, **reply)
        add(A.TICKET_CALLBACK, _at(t.closed_on, 10), satisfaction=t.satisfaction)
        add(A.TICKET_CLOSE, _at(t.closed_on, 11), status=TicketStatus.CLOSED, closed_on=t.closed_on)
    return out


def choose_selected(tickets: list[Ticket], cats: dict) -> dict[int, tuple[str, str, str]]:
    """{index in tickets: (title, question, answer)}: a few satisfied, dispatched tickets per
    kind whose callers consented (the demo marks them so before saving)."""
    chosen: dict[int, tuple[str, str, str]] = {}
    taken = dict.fromkeys(SELECTED, 0)
    top = {c.pk: (c.parent.code if c.parent_id else c.code) for c in cats.values()}
    for i, t in enumerate(tickets):
        kind = top.get(t.category_id)
        if (
            kind in taken
            and taken[kind] < PER_KIND
            and t.dispatched
            and t.satisfaction == CallbackResult.SATISFIED
        ):
            taken[kind] += 1
            chosen[i] = SELECTED[kind]
    return chosen


def publish_selected(tickets: list[Ticket], texts: dict[int, tuple[str, str, str]]) -> list[Entry]:
    """Make the 留言选登 rows of the chosen (saved) tickets; their ledger entries."""
    from gongkai.hotline.models import PublicReply

    rows, out = [], []
    for t, (title, question, answer) in zip(tickets, texts.values(), strict=True):
        on = t.closed_on + timedelta(days=3)
        rows.append(
            PublicReply(
                ticket_id=t.pk,
                agency_id=t.agency_id,
                title=title,
                question=question,
                answer=answer,
                category=t.category.full_name if t.category_id else "",
                asked_on=t.received_on,
                answered_on=t.replied_on,
                answered_by=t.body.name if t.body_id else "",
                published_on=on,
            )
        )
        _adder(out, t)(A.TICKET_PUBLISH, _at(on, 10), REVIEWER_ACTOR, title=title)
    PublicReply.objects.bulk_create(rows)
    return out
