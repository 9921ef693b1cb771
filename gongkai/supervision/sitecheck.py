"""Website inspection checks (国办秘函〔2019〕19号, regulations.md §10) over many bodies at once.

Each check takes a chunk of body ids and answers with aggregate queries over the chunk, never
one query per body; a finding names its indicator and whether it is a 单项否决 item.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings

from gongkai.publishing.models import (
    Attachment,
    Item,
    ItemStatus,
    Kind,
    KioskEntry,
    KioskEntryKind,
    Scheme,
    Term,
)

from .itemfacts import ItemFacts
from .models import Indicator

# 19号: "≥ 5 columns not updated" and "≥ 5 blank columns" each make a site fail.
VETO_COLUMN_COUNT = 5

# 办事指南 key elements (19号 "服务不实用"; 办理时限 is what inspectors most often find missing).
GUIDE_ELEMENTS = (
    "设定依据",
    "申请条件",
    "办理材料",
    "办理地点",
    "办理时间",
    "办理时限",
    "联系电话",
    "办理流程",
)

# (name, is an item of this kind content of the column?)
STANDARD_COLUMNS = (
    ("政府信息公开指南", lambda kind: kind == Kind.GUIDE),
    ("政府信息公开制度", lambda kind: kind == Kind.SYSTEM),
    (
        "法定主动公开内容",
        lambda kind: kind not in (Kind.GUIDE, Kind.SYSTEM, Kind.ANNUAL_REPORT),
    ),
)


@dataclass
class Found:
    agency_id: int
    indicator: str
    detail: str
    veto: bool = False
    subject: str = ""
    url: str = ""
    year: int | None = None


def home_and_columns(
    ids: list[int], now: dt.datetime, facts: ItemFacts | None = None
) -> list[Found]:
    """首页不更新, 栏目不更新, 空白栏目 and the four standard columns. `facts`: the run's item
    facts (read once for all chunks); without, they are read for `ids`."""
    facts = facts or ItemFacts(ids)
    out: list[Found] = []
    home_cutoff = now - dt.timedelta(days=settings.GONGKAI_SUPERVISION_HOME_DAYS)
    last = facts.last_published
    per_column = facts.per_column
    for aid in ids:
        when = last.get(aid)
        if when is None or when < home_cutoff:
            said = f"最近一次发布在 {when:%Y-%m-%d}" if when else "从未发布信息"
            out.append(
                Found(aid, Indicator.HOME_STALE, f"首页超过两周没有新信息（{said}）", veto=True)
            )
    terms = list(Term.objects.filter(scheme=Scheme.CATEGORY, is_active=True).order_by("order"))
    dynamic = set(settings.GONGKAI_SUPERVISION_DYNAMIC_COLUMNS)
    for aid in ids:
        kinds = facts.kinds.get(aid, ())
        standard_present = {
            i for i, (_, holds) in enumerate(STANDARD_COLUMNS) if any(holds(k) for k in kinds)
        }
        stale: list[Found] = []
        blank: list[Found] = []
        for term in terms:
            when = per_column.get(aid, {}).get(term.pk)
            if when is None:
                blank.append(
                    Found(aid, Indicator.COLUMN_BLANK, "栏目从未发布内容", subject=term.name)
                )
                continue
            days = (
                settings.GONGKAI_SUPERVISION_DYNAMIC_DAYS
                if term.code in dynamic
                else settings.GONGKAI_SUPERVISION_COLUMN_DAYS
            )
            if when < now - dt.timedelta(days=days):
                period = "两周" if days <= 14 else "六个月" if days >= 180 else f"{days}天"
                stale.append(
                    Found(
                        aid,
                        Indicator.COLUMN_STALE,
                        f"超过{period}未更新（最近一次 {when:%Y-%m-%d}）",
                        subject=term.name,
                    )
                )
        for i, (name, _) in enumerate(STANDARD_COLUMNS):
            if i not in standard_present:
                blank.append(
                    Found(aid, Indicator.STANDARD_COLUMN, "标准栏目没有内容", subject=name)
                )
        for group in (stale, blank):
            for f in group:
                f.veto = len(group) >= VETO_COLUMN_COUNT
        out += stale + blank
    return out


def guides(ids: list[int]) -> list[Found]:
    """办事指南 entries missing one of the key elements (服务不实用, 单项否决)."""
    out = []
    for entry in KioskEntry.objects.filter(agency_id__in=ids, kind=KioskEntryKind.GUIDE).only(
        "agency_id", "title", "detail", "phone"
    ):
        text = entry.detail or ""
        missing = [
            e for e in GUIDE_ELEMENTS if e not in text and not (e == "联系电话" and entry.phone)
        ]
        if missing:
            out.append(
                Found(
                    entry.agency_id,
                    Indicator.GUIDE_ELEMENTS,
                    "缺少要素：" + "、".join(missing),
                    veto=True,
                    subject=entry.title,
                )
            )
    return out


def links(ids: list[int], facts: ItemFacts | None = None) -> list[Found]:
    """Links in published items to items that are withdrawn or gone, or to missing files."""
    facts = facts or ItemFacts(ids)
    refs = [(pk, aid, *rest) for aid in ids for pk, *rest in facts.links.get(aid, ())]
    if not refs:
        return []
    state = dict(Item.objects.filter(pk__in={r[4] for r in refs}).values_list("pk", "status"))
    files = set(
        Attachment.objects.filter(pk__in={r[5] for r in refs if r[5]}).values_list("pk", flat=True)
    )
    out = []
    for pk, aid, title, code, item_id, att_id in refs:
        status = state.get(item_id)
        if status is None:
            problem = f"链接指向不存在的信息（#{item_id}）"
        elif status == ItemStatus.WITHDRAWN:
            problem = f"链接指向已撤回的信息（#{item_id}）"
        elif status != ItemStatus.PUBLISHED:
            problem = f"链接指向未发布的信息（#{item_id}）"
        elif att_id and att_id not in files:
            problem = f"链接指向不存在的附件（#{att_id}）"
        else:
            continue
        out.append(
            Found(aid, Indicator.BROKEN_LINK, problem, subject=title, url=f"/xxgk/{code}/art/{pk}/")
        )
    return out


def messages(ids: list[int], today: dt.date) -> list[Found]:
    """Messages unanswered for more than 3 months (互动回应差), when the hotline module is there."""
    from .console import hotline_provider

    provider = hotline_provider()
    if provider is None:
        return []
    before = today - dt.timedelta(days=settings.GONGKAI_SUPERVISION_MESSAGE_DAYS)
    counts = provider.unanswered_messages(ids, before)
    return [
        Found(aid, Indicator.MESSAGE_UNANSWERED, f"{n} 条留言超过三个月未答复", veto=True)
        for aid, n in counts.items()
        if n
    ]
