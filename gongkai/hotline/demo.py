"""Demo data of the hotline; called by `gongkai demo` before the reports demo. Idempotent.

The seed body (周村区政务服务中心管理办公室, whose 区民生热线服务中心 answered "18628件" in 2017):
18,628 tickets over 2017 across channels, types, categories and the district's bodies, with
realistic rates, and 2,560 hot topics answered by 其他方式 (the seed's resp.total/resp.other).
Rows are made with bulk_create (one statement per few hundred rows) so `make run` stays fast;
each ticket's steps are ledger events written through the audit app's bulk API with correct hash
chaining (demo_history.py), so a ticket's history shows its life; a few consented tickets are
published as 留言选登.
A dispatch catalogue, a knowledge base and a few open tickets of today make the pages live.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.audit.services import record_many
from gongkai.hotline.choices import (
    AssignmentStatus,
    CallbackResult,
    ResponseKind,
    TicketChannel,
    TicketStatus,
    TicketType,
)
from gongkai.hotline.defaults import load_categories
from gongkai.hotline.demo_history import choose_selected, publish_selected, ticket_events
from gongkai.hotline.models import (
    Assignment,
    Category,
    DispatchRule,
    KnowledgeEntry,
    Response,
    Ticket,
    Topic,
    hash_code,
)
from gongkai.numbering.services import next_numbers
from gongkai.rules import hotline as rules
from gongkai.workdays.services import current_calendar

AFTER = ("agencies", "workdays")
CENTRE = "zbzc-zwfw"
YEAR = 2017
TOTAL = 18628
TOPICS = 2560
CHANNEL_MIX = {
    TicketChannel.PHONE: 0.81,
    TicketChannel.WEB: 0.08,
    TicketChannel.WECHAT: 0.07,
    TicketChannel.MAILBOX: 0.015,
    TicketChannel.WALK_IN: 0.015,
    TicketChannel.UPSTREAM: 0.01,
}
TYPE_MIX = {
    TicketType.CONSULT: 0.46,
    TicketType.HELP: 0.19,
    TicketType.COMPLAINT: 0.17,
    TicketType.REPORT: 0.03,
    TicketType.SUGGESTION: 0.08,
    TicketType.PRAISE: 0.02,
    TicketType.OTHER: 0.05,
}
CATEGORY_MIX = {
    "policy-services": 0.16,
    "housing-property": 0.1,
    "utilities-water": 0.07,
    "utilities-power": 0.05,
    "utilities-heat": 0.06,
    "urban-roads": 0.06,
    "urban-sanitation": 0.05,
    "ss-pension": 0.06,
    "ss-medical": 0.05,
    "labour-wages": 0.04,
    "traffic-bus": 0.04,
    "env-noise": 0.04,
    "market-consumer": 0.04,
    "education": 0.04,
    "health": 0.03,
    "life-finance": 0.02,
    "life-medical": 0.02,
    "life-eldercare": 0.02,
    "volunteer": 0.01,
    "other": 0.04,
}
BODIES = ["zbzc-czj", "zbzc-jyj", "zbzc-scl", "zbzc-wc"]
AREAS = ["丝绸路街道", "城北路街道", "永安街道", "王村镇", "北郊镇", "南郊镇"]
BATCH = 1000


def _deal(rng: random.Random, mix: dict, n: int) -> list:
    """Exactly n values in the mix's shares (largest remainder), shuffled."""
    raw = {k: v * n / sum(mix.values()) for k, v in mix.items()}
    counts = {k: int(v) for k, v in raw.items()}
    for k in sorted(raw, key=lambda k: raw[k] - counts[k], reverse=True)[
        : n - sum(counts.values())
    ]:
        counts[k] += 1
    out = [k for k, c in counts.items() for _ in range(c)]
    rng.shuffle(out)
    return out


def load(out) -> None:
    centre = Agency.objects.filter(code=CENTRE).first()
    if centre is None:
        out("民生热线：未找到演示机关 zbzc-zwfw，跳过。")
        return
    bodies = list(Agency.objects.filter(code__in=BODIES).order_by("code"))
    load_categories(Category)
    cats = {c.code: c for c in Category.objects.all()}
    _catalogue(centre, bodies, cats)
    if Ticket.objects.filter(agency=centre, received_on__year=YEAR).exists():
        out("民生热线：2017 年演示工单已存在。")
        return
    made = _year(centre, bodies, cats)
    topics = _topics(centre, cats)
    out(f"民生热线：{centre.name} {YEAR} 年工单 {made} 件，热点话题 {topics} 个（其他方式回应）")


def _catalogue(centre, bodies, cats) -> None:
    if not bodies or DispatchRule.objects.filter(centre=centre).exists():
        return
    by_code = {b.code: b for b in bodies}
    pick = {
        "education": "zbzc-jyj",
        "ss-pension": "zbzc-czj",
        "ss-medical": "zbzc-czj",
        "housing": "zbzc-scl",
        "urban": "zbzc-scl",
        "utilities": "zbzc-scl",
        "other": "zbzc-scl",
    }
    DispatchRule.objects.bulk_create(
        [
            DispatchRule(centre=centre, category=cats[c], body=by_code[b])
            for c, b in pick.items()
            if c in cats and b in by_code
        ]
        + [
            DispatchRule(centre=centre, category=cats["urban"], area="王村镇", body=by_code[w])
            for w in ["zbzc-wc"]
            if w in by_code and "urban" in cats
        ]
    )
    KnowledgeEntry.objects.bulk_create(
        [
            KnowledgeEntry(
                centre=centre,
                category=cats.get("policy-services"),
                title="居住证如何办理",
                answer="携带居民身份证、居住证明到居住地派出所办理，办理时限15个工作日。",
            ),
            KnowledgeEntry(
                centre=centre,
                category=cats.get("ss-pension"),
                title="城乡居民养老保险缴费档次",
                answer="可在区政务服务大厅社保窗口或手机客户端查询缴费档次并办理。",
            ),
            KnowledgeEntry(
                centre=centre,
                category=cats.get("policy-disclosure"),
                title="如何申请政府信息公开",
                answer="可在本网站“依申请公开”栏目在线提交申请，或到政务服务大厅查阅点当面申请。",
            ),
        ]
    )


def _year(centre, bodies, cats) -> int:
    rng = random.Random(YEAR)
    cal = current_calendar()
    limits = rules.Limits()
    tz = timezone.get_current_timezone()
    channels = _deal(rng, CHANNEL_MIX, TOTAL)
    types = _deal(rng, TYPE_MIX, TOTAL)
    categories = _deal(rng, CATEGORY_MIX, TOTAL)
    days = sorted(date(YEAR, 1, 1) + timedelta(days=rng.randrange(365)) for _ in range(TOTAL))
    numbers = next_numbers(f"hotline:{centre.pk}", str(YEAR), TOTAL)
    prefix = f"RX-{centre.code.upper()}-{YEAR}-"
    tickets: list[Ticket] = []
    for i, n in enumerate(numbers):
        on = days[i]
        ttype = types[i]
        at = datetime.combine(on, time(8 + rng.randrange(12), rng.randrange(60)), tz)
        due = rules.close_due(cal, on, ttype, limits)
        no = f"{prefix}{n:06d}"
        t = Ticket(
            agency=centre,
            ticket_no=no,
            code_hash=hash_code(no, f"DEMO{n}"),
            upstream_no=f"ZB12345-{YEAR}-{n:06d}" if channels[i] == TicketChannel.UPSTREAM else "",
            channel=channels[i],
            type=ttype,
            category=cats.get(categories[i]),
            name="",
            phone=f"1380533{n % 10000:04d}",
            area=rng.choice(AREAS),
            content=f"演示诉求（{cats[categories[i]].full_name if categories[i] in cats else ''}）",
            received_at=at,
            received_on=on,
            due_on=due,
            status=TicketStatus.CLOSED,
        )
        direct = ttype in (TicketType.CONSULT, TicketType.PRAISE) and rng.random() < 0.72
        if direct or not bodies:
            t.direct, t.replied, t.replied_on, t.closed_on, t.closed_late = (
                True,
                True,
                on,
                on,
                False,
            )
            t.reply = "已按知识库口径当即答复。"
        else:
            _handled(t, rng, cal, limits, bodies)
        tickets.append(t)
    selected = choose_selected(tickets, cats)
    for i in selected:
        tickets[i].public_consent = True
    for k in range(0, len(tickets), BATCH):
        Ticket.objects.bulk_create(tickets[k : k + BATCH])
    pks = dict(
        Ticket.objects.filter(agency=centre, received_on__year=YEAR).values_list("ticket_no", "pk")
    )
    for t in tickets:
        t.pk = pks[t.ticket_no]
    saved = Ticket.objects.filter(agency=centre, received_on__year=YEAR, dispatched=True)
    Assignment.objects.bulk_create(
        [
            Assignment(
                ticket_id=pk,
                body_id=body,
                status=AssignmentStatus.REPLIED,
                dispatched_on=on,
                sign_due_on=sign_due,
                signed_on=signed,
                replied_on=replied,
            )
            for pk, body, on, sign_due, signed, replied in saved.values_list(
                "pk", "body_id", "received_on", "sign_due_on", "signed_on", "replied_on"
            )
        ],
        batch_size=BATCH,
    )
    names = {b.pk: b.name for b in bodies}
    record_many(
        ticket_events(tickets, names) + publish_selected([tickets[i] for i in selected], selected),
        batch_size=BATCH,
    )
    return len(tickets)


def _handled(t: Ticket, rng, cal, limits, bodies) -> None:
    """A dispatched ticket of 2017: signed (mostly on time), replied (mostly in time),
    called back, reworked now and then, closed."""
    t.dispatched, t.body = True, rng.choice(bodies)
    t.sign_due_on = rules.sign_due(cal, t.received_on, limits)
    late_sign = rng.random() < 0.03
    t.signed_on = cal.add_workdays(t.sign_due_on, 1) if late_sign else t.sign_due_on
    t.signed_late = late_sign
    if rng.random() < 0.04:
        t.extended = True
        t.due_on = rules.extended_due(cal, t.received_on, t.due_on, 5, limits)
    late = rng.random() < 0.05
    t.replied, t.replied_on = True, cal.add_workdays(t.due_on, 2) if late else t.due_on
    t.closed_late = late
    t.reply = "承办单位已核实处理并答复来电人。"
    r = rng.random()
    t.satisfaction = (
        CallbackResult.SATISFIED
        if r < 0.82
        else CallbackResult.BASICALLY
        if r < 0.92
        else CallbackResult.DISSATISFIED
        if r < 0.97
        else CallbackResult.UNREACHABLE
    )
    if t.satisfaction == CallbackResult.DISSATISFIED and rng.random() < 0.6:
        t.reworks, t.satisfaction = 1, CallbackResult.BASICALLY
    t.closed_on = cal.add_workdays(t.replied_on, 1)


def _topics(centre, cats) -> int:
    """2,560 topics of 2017, each answered once by 其他方式 (the hotline's own replies), each
    grouping the tickets of one category in one window of the year."""
    rng = random.Random(YEAR + 1)
    codes = _deal(rng, CATEGORY_MIX, TOPICS)
    topics = []
    for i, code in enumerate(codes):
        start = date(YEAR, 1, 1) + timedelta(days=(i * 365) // TOPICS)
        cat = cats.get(code)
        topics.append(
            Topic(
                agency=centre,
                category=cat,
                title=f"{cat.full_name if cat else '其他'}相关诉求（第{i + 1}号）",
                first_on=start,
                last_on=min(start + timedelta(days=6), date(YEAR, 12, 31)),
            )
        )
    Topic.objects.bulk_create(topics, batch_size=BATCH)
    saved = Topic.objects.filter(agency=centre, first_on__year=YEAR).order_by("id")
    Response.objects.bulk_create(
        [
            Response(topic_id=pk, kind=ResponseKind.OTHER, on=last, note="民生热线答复")
            for pk, last in saved.values_list("pk", "last_on")
        ],
        batch_size=BATCH,
    )
    return len(topics)
