"""Hot topics (热点): tickets grouped by rjieba keywords + top category + a time window, with a
manual merge and split, and the responses (回应解读) recorded against a topic.

Grouping is greedy and deterministic: tickets in order of receipt join the first open topic of
the same centre and top category whose last ticket is within WINDOW_DAYS and which shares at
least MIN_SHARED keywords; otherwise they seed a new candidate. Only candidates with at least
MIN_TICKETS tickets become topics (a single complaint is not a 热点)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

import rjieba
from django.db import transaction

from gongkai.audit.services import record
from gongkai.hotline import actions as A
from gongkai.hotline.choices import ResponseKind
from gongkai.hotline.models import Response, Ticket, Topic

WINDOW_DAYS = 14
MIN_SHARED = 2
MIN_TICKETS = 3
KEYWORDS = 8
STOP = set(
    [
        "的",
        "了",
        "和",
        "是",
        "在",
        "有",
        "我",
        "我们",
        "你",
        "他",
        "她",
        "它",
        "要",
        "请",
        "问",
        "问题",
        "反映",
        "希望",
        "一下",
        "这个",
        "那个",
        "没有",
        "什么",
        "怎么",
        "如何",
        "能否",
        "可以",
    ]
)


class TopicError(ValueError):
    """A topic operation that cannot be done; the message is Chinese."""


def keywords(text: str, n: int = KEYWORDS) -> list[str]:
    words = [w for w in rjieba.cut(text or "") if len(w) >= 2 and w not in STOP and not w.isdigit()]
    return [w for w, _ in Counter(words).most_common(n)]


@dataclass
class _Candidate:
    category_id: int | None
    first_on: date
    last_on: date
    words: Counter = field(default_factory=Counter)
    tickets: list[int] = field(default_factory=list)


def group(agency, start: date, end: date, *, actor) -> list[Topic]:
    """Group the centre's tickets of [start, end] that have no topic yet; returns new topics."""
    rows = (
        Ticket.objects.counted()
        .filter(agency=agency, topic__isnull=True, received_on__gte=start, received_on__lte=end)
        .order_by("received_at", "id")
        .values_list("pk", "received_on", "content", "category_id", "category__parent_id")
    )
    candidates: list[_Candidate] = []
    for pk, on, content, cat, parent in rows.iterator():
        top = parent or cat
        words = set(keywords(content))
        for c in candidates:
            if (
                c.category_id == top
                and on - c.last_on <= timedelta(days=WINDOW_DAYS)
                and len(words & set(c.words)) >= MIN_SHARED
            ):
                break
        else:
            c = _Candidate(top, on, on)
            candidates.append(c)
        c.tickets.append(pk)
        c.words.update(words)
        c.last_on = on
    made = []
    with transaction.atomic():
        for c in candidates:
            if len(c.tickets) < MIN_TICKETS:
                continue
            words = [w for w, _ in c.words.most_common(KEYWORDS)]
            topic = Topic.objects.create(
                agency=agency,
                title="、".join(words[:3]) or "热点话题",
                category_id=c.category_id,
                keywords=" ".join(words),
                first_on=c.first_on,
                last_on=c.last_on,
            )
            Ticket.objects.filter(pk__in=c.tickets).update(topic=topic)
            record(
                A.TOPIC_CREATE,
                topic,
                agency=agency,
                actor=actor,
                after={"tickets": len(c.tickets), "keywords": topic.keywords},
            )
            made.append(topic)
    return made


def merge(target: Topic, other: Topic, *, actor) -> Topic:
    """Fold `other` into `target`: its tickets and responses move; it no longer counts."""
    if target.pk == other.pk or target.agency_id != other.agency_id:
        raise TopicError("只能合并同一机关的两个不同话题")
    with transaction.atomic():
        target, other = (Topic.objects.select_for_update().get(pk=t.pk) for t in (target, other))
        if target.merged_into_id or other.merged_into_id:
            raise TopicError("已并入其他话题的话题不能再合并")
        moved = Ticket.objects.filter(topic=other).update(topic=target)
        Response.objects.filter(topic=other).update(topic=target)
        other.merged_into = target
        other.save(update_fields=["merged_into"])
        target.first_on, target.last_on = (
            min(target.first_on, other.first_on),
            max(target.last_on, other.last_on),
        )
        target.save(update_fields=["first_on", "last_on"])
        record(
            A.TOPIC_MERGE,
            target,
            agency=target.agency,
            actor=actor,
            after={"merged": other.pk, "tickets_moved": moved},
        )
    return target


def split(topic: Topic, ticket_ids: list[int], title: str, *, actor) -> Topic:
    """Move some of a topic's tickets to a new topic."""
    ids = set(Ticket.objects.filter(topic=topic, pk__in=ticket_ids).values_list("pk", flat=True))
    if not ids or len(ids) != len(set(ticket_ids)):
        raise TopicError("请选择属于该话题的工单")
    if not title.strip():
        raise TopicError("请填写新话题的名称")
    with transaction.atomic():
        days = Ticket.objects.filter(pk__in=ids).values_list("received_on", flat=True)
        new = Topic.objects.create(
            agency=topic.agency,
            title=title.strip(),
            category=topic.category,
            keywords=topic.keywords,
            first_on=min(days),
            last_on=max(days),
        )
        Ticket.objects.filter(pk__in=ids).update(topic=new)
        record(
            A.TOPIC_SPLIT,
            topic,
            agency=topic.agency,
            actor=actor,
            after={"new_topic": new.pk, "tickets": sorted(ids)},
        )
    return new


def respond(
    topic: Topic, *, actor, kind: str, on: date, leader: bool = False, item=None, note: str = ""
) -> Response:
    if kind not in ResponseKind.values:
        raise TopicError("回应方式不正确")
    if topic.merged_into_id:
        raise TopicError("该话题已并入其他话题，请在合并后的话题下登记回应")
    if kind == ResponseKind.INTERPRETATION and item is None:
        raise TopicError("政策解读须关联已发布的解读稿件")
    if leader and kind not in (ResponseKind.PRESS, ResponseKind.INTERVIEW):
        raise TopicError("只有新闻发布会和在线访谈登记主要负责同志参加情况")
    with transaction.atomic():
        response = Response.objects.create(
            topic=topic,
            kind=kind,
            on=on,
            leader=leader,
            item=item,
            note=note,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        record(
            A.TOPIC_RESPOND,
            topic,
            agency=topic.agency,
            actor=actor,
            after={
                "kind": kind,
                "on": on.isoformat(),
                "leader": leader,
                "item": item.pk if item else None,
            },
        )
    return response
