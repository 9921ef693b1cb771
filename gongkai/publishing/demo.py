"""Demo data of this module; called by `gongkai demo` in order. Must be idempotent.

The seed body (周村区政务服务中心管理办公室) published 204 items in 2017, 5 of them 规范性文件
(reposted, none issued by itself), 61 also on 政务微信 (seed report, 统计表 一). These records are
generated so that its 2017 report's pub.* figures come from them. Titles are plausible but
invented: every item is flagged is_demo and says so in its text.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

SEED_AGENCY = "zbzc-zwfw"
YEAR = 2017
TOTAL, NORMATIVE, WECHAT = 204, 5, 61
# A made-up code with valid check characters (GB 11714 / GB 32100), for the 索引号 prefix.
DEMO_USCC = "11370306999999998N"
DEMO_NOTE = "（本条为演示数据，由 gongkai 生成，并非真实公开信息。）"

NORMATIVE_TITLES = [
    "周村区人民政府办公室关于印发《周村区行政审批事项目录管理办法》的通知",
    "周村区人民政府办公室关于进一步规范政务服务大厅窗口管理的通知",
    "周村区人民政府关于印发《周村区“一次办好”改革实施方案》的通知",
    "周村区人民政府办公室关于印发《周村区民生热线工作管理办法》的通知",
    "周村区人民政府办公室关于推行行政审批“容缺受理”制度的通知",
]
TOPICS = [
    ("20-05", "区政务服务中心{m}月份行政审批事项办理情况公示"),
    ("20-05", "关于{s}事项办理流程调整的公告"),
    ("20-05", "{s}办事指南（{m}月修订）"),
    ("20-02", "区政务服务中心关于{h}期间窗口工作安排的通知"),
    ("20-11", "{m}月份民生热线受理群众诉求情况通报"),
    ("20-13", "区政务服务中心开展{a}活动"),
    ("20-15", "区政务服务中心工作动态（{y}年第{n}期）"),
    ("20-02", "关于公布政务服务大厅{s}窗口咨询电话的公告"),
]
SERVICES = [
    "企业设立登记",
    "建设工程施工许可",
    "食品经营许可",
    "不动产登记",
    "社会保障卡办理",
    "户籍迁移",
    "药品零售许可",
    "道路运输经营许可",
    "排水许可",
    "城市道路占用挖掘审批",
]
ACTIVITIES = [
    "“优质服务窗口”评选",
    "政务服务标准化培训",
    "“一次办好”宣传周",
    "窗口工作人员业务考试",
    "作风纪律专项检查",
    "群众满意度测评",
]
HOLIDAYS = ["元旦", "春节", "清明节", "劳动节", "端午节", "中秋节、国庆节"]
KIOSK = [
    ("guide", "企业设立登记", "携带申请书、章程、股东身份证明，到工商窗口办理；即来即办。"),
    ("guide", "不动产登记", "携带不动产权证书、身份证明，到不动产窗口申请；5个工作日办结。"),
    ("guide", "社会保障卡办理", "携带身份证到人社窗口办理；现场制卡。"),
    ("phone", "综合咨询窗口", ""),
    ("phone", "工商登记窗口", ""),
    ("phone", "不动产登记窗口", ""),
]


def _say(out, message: str) -> None:
    if hasattr(out, "write"):
        out.write(message + "\n")
    elif callable(out):
        out(message)


def _workdays(year: int, calendar) -> list[dt.date]:
    day, days = dt.date(year - 1, 12, 31), []
    while True:
        day = calendar.add_workdays(day, 1)
        if day.year != year:
            return days
        days.append(day)


def _titles(rng: random.Random) -> list[tuple[str, str]]:
    titles: list[tuple[str, str]] = []
    n = 0
    while len(titles) < TOTAL - NORMATIVE - 2:
        n += 1
        code, pattern = TOPICS[n % len(TOPICS)]
        title = pattern.format(
            m=(n % 12) + 1,
            s=rng.choice(SERVICES),
            h=rng.choice(HOLIDAYS),
            a=rng.choice(ACTIVITIES),
            y=YEAR,
            n=n,
        )
        titles.append((code, title))
    return titles


# `gongkai demo` runs this after the bodies and the calendar exist.
AFTER = ("agencies", "workdays")


@transaction.atomic
def load(out) -> None:
    from gongkai.agencies.models import Agency, Membership, Role
    from gongkai.agencies.services import save_agency
    from gongkai.audit.services import record
    from gongkai.numbering.services import allocate_index_number
    from gongkai.publishing import actions, cache, search
    from gongkai.publishing.items import publish_deadline
    from gongkai.publishing.models import (
        ChannelPost,
        Item,
        ItemStatus,
        Kind,
        KioskEntry,
        Scheme,
        Term,
    )

    agency = Agency.objects.filter(code=SEED_AGENCY).first()
    if agency is None:
        _say(out, f"主动公开：未找到演示机关 {SEED_AGENCY}，跳过。")
        return
    if Item.objects.filter(agency=agency, is_demo=True).exists():
        _say(out, "主动公开：演示数据已存在，跳过。")
        return
    # The demo acts as the body's own officer (a named demo account), not as 系统.
    officer = (
        Membership.objects.filter(agency=agency, role=Role.OFFICER)
        .select_related("user")
        .order_by("id")
        .first()
    )
    actor = officer.user if officer is not None else None
    if not (agency.uscc or agency.org_code):
        # Index numbers need the body's code; the real one is not in the seed report.
        agency.uscc = DEMO_USCC
        save_agency(agency, created=False, actor=actor)
        _say(
            out,
            f"主动公开：演示机关未登记统一社会信用代码，已填入演示代码 {DEMO_USCC}（非真实代码）。",
        )
    rng = random.Random(YEAR)
    terms = {t.code: t for t in Term.objects.filter(scheme=Scheme.CATEGORY)}
    genre_notice = Term.objects.filter(scheme=Scheme.GENRE, name="通知").first()
    topic = Term.objects.filter(scheme=Scheme.TOPIC, name="综合政务").first()
    tz = timezone.get_current_timezone()
    from gongkai.workdays.services import current_calendar

    calendar = current_calendar()

    plan: list[dict] = [
        {
            "kind": Kind.GUIDE,
            "title": f"周村区政务服务中心管理办公室政府信息公开指南（{YEAR}年修订）",
            "category": "20-02",
        },
        {
            "kind": Kind.SYSTEM,
            "title": "周村区政务服务中心管理办公室政府信息公开保密审查制度",
            "category": "20-15",
        },
    ]
    for i, title in enumerate(NORMATIVE_TITLES, 1):
        plan.append(
            {
                "kind": Kind.NORMATIVE,
                "title": title,
                "category": "20-01",
                "document_number": f"周政办发〔{YEAR}〕{i * 7}号",
                "own_document": False,
            }
        )
    plan += [{"kind": Kind.GENERAL, "title": t, "category": c} for c, t in _titles(rng)]
    assert len(plan) == TOTAL

    days = _workdays(YEAR, calendar)
    dates = sorted(rng.choice(days) for _ in plan)
    wechat = set(rng.sample(range(TOTAL), WECHAT))
    items = []
    for n, (spec, day) in enumerate(zip(plan, dates, strict=True)):
        published_at = dt.datetime.combine(day, dt.time(9 + n % 8, (n * 7) % 60), tzinfo=tz)
        formed_on = day - dt.timedelta(days=rng.randint(0, 6))
        body = (
            f"<p>{spec['title']}。</p><p>详情请咨询区政务服务中心综合窗口。</p><p>{DEMO_NOTE}</p>"
        )
        items.append(
            Item(
                agency=agency,
                kind=spec["kind"],
                title=spec["title"],
                body=body,
                body_text=f"{spec['title']}。\n详情请咨询区政务服务中心综合窗口。\n{DEMO_NOTE}",
                summary=f"{spec['title']}。{DEMO_NOTE}",
                formed_on=formed_on,
                due_on=publish_deadline(formed_on, calendar)[0],
                due_calendar_version=str(calendar.version),
                published_at=published_at,
                document_number=spec.get("document_number", ""),
                own_document=spec.get("own_document", True),
                category=terms.get(spec["category"]),
                topic=topic,
                genre=genre_notice if spec["kind"] == Kind.NORMATIVE else None,
                status=ItemStatus.PUBLISHED,
                is_demo=True,
                signed_off_at=published_at,
                sign_off_comment="同意发布（演示数据）",
                index_number=allocate_index_number(agency, day),
            )
        )
    Item.objects.bulk_create(items)
    items = list(Item.objects.filter(agency=agency, is_demo=True).order_by("published_at", "id"))
    posts = []
    for n, item in enumerate(items):
        posts.append(
            ChannelPost(
                item=item,
                channel="website",
                posted_at=item.published_at,
                reference=item.get_absolute_url(),
            )
        )
        if n in wechat:
            posts.append(
                ChannelPost(
                    item=item,
                    channel="wechat",
                    posted_at=item.published_at + dt.timedelta(hours=2),
                    reference="周村政务服务微信公众号",
                )
            )
    ChannelPost.objects.bulk_create(posts)
    for item in items:
        search.index_item(item)
    cache.purge_public_pages()
    if not KioskEntry.objects.filter(agency=agency).exists():
        KioskEntry.objects.bulk_create(
            KioskEntry(
                agency=agency,
                kind=kind,
                title=title,
                detail=detail,
                phone=f"0533-618{n:04d}" if kind == "phone" else "",
                order=n,
            )
            for n, (kind, title, detail) in enumerate(KIOSK)
        )
    record(
        actions.DEMO_LOAD,
        agency,
        actor=actor,
        agency=agency,
        after={"items": len(items), "wechat": WECHAT, "year": YEAR},
    )
    _say(
        out,
        f"主动公开：已生成 {len(items)} 条 {YEAR} 年演示信息（{WECHAT} 条同时发布于政务微信）。",
    )
