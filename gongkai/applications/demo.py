"""Demo data of this module; called by `gongkai demo` in order. Must be idempotent.

The seed body (zbzc-zwfw) had no requests in 2017, so it gets none. The second demo body,
zb-zrzyj (淄博市自然资源和规划局), gets a year (2025) of several hundred fictitious requests,
covering every outcome, every channel and every path (补正, lapse, consultation, extension, fee,
Art. 35, withdrawal, disputes), plus requests carried over from 2024 and into 2026, so its
2021-format report is rich and balanced. Each step is taken through the workflow's declaration
(`APPLICATION.run`) by the persona who takes it in an office — the officer, or the leader who
signs a reply or approves an extension — on the day it re-enacts (`handling.on_day`)."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone
from stdnum.cn import ric, uscc

from gongkai.applications import clock, letters, services
from gongkai.applications.body_rules import sign_off_required
from gongkai.applications.choices import ApplicationChannel, Outcome
from gongkai.applications.handling import on_day
from gongkai.applications.models import Application, Reason
from gongkai.applications.reasons import ensure_default_reasons
from gongkai.applications.steps import APPLICATION

AGENCY_CODE = "zb-zrzyj"
YEAR = 2025
COUNT = 360
SEED = 20250101

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = [
    "伟",
    "芳",
    "娜",
    "秀英",
    "敏",
    "静",
    "丽",
    "强",
    "磊",
    "军",
    "洋",
    "勇",
    "艳",
    "杰",
    "娟",
    "涛",
    "明",
    "超",
    "秀兰",
    "霞",
    "平",
    "刚",
    "桂英",
    "建华",
    "玉兰",
]
ORGS = {
    "business": [
        "淄博鲁中置业有限公司",
        "山东华岳建材有限公司",
        "淄博恒昌陶瓷有限公司",
        "淄川区兴农合作社",
    ],
    "research": ["山东理工大学资源与环境工程学院", "淄博市农业科学研究院"],
    "nonprofit": ["淄博市绿色家园环保公益协会", "山东齐风公益基金会"],
    "legal": ["山东齐鲁律师事务所", "淄博正衡律师事务所", "山东博川律师事务所"],
    "other_org": ["张店区某村民委员会", "淄博市某业主委员会"],
}
TOPICS = [
    "{v}集体土地征收补偿安置方案及征地批复文件",
    "{v}国有建设用地使用权出让合同及出让公告",
    "{v}地块控制性详细规划及批复文件",
    "{v}矿山地质环境治理项目验收报告",
    "{v}农村宅基地审批相关文件",
    "{v}建设项目用地预审与选址意见书",
    "{v}土地利用总体规划调整方案",
    "{v}违法占地行政处罚决定书",
    "{v}不动产登记簿记载信息",
    "{v}耕地占补平衡指标使用情况",
    "{v}城镇开发边界划定材料",
    "{v}采矿权出让收益评估报告",
]
PLACES = [
    "张店区马尚街道",
    "淄川区昆仑镇",
    "博山区城东街道",
    "周村区北郊镇",
    "临淄区辛店街道",
    "桓台县索镇",
    "高青县芦湖街道",
    "沂源县南麻街道",
]

# Weighted outcomes of replies; every leaf row of the 2021 format appears.
REPLY_OUTCOMES = [
    (Outcome.GRANTED, 30),
    (Outcome.PARTIAL, 14),
    (Outcome.WITHHELD_STATE_SECRET, 1),
    (Outcome.WITHHELD_LAW_PROHIBITED, 2),
    (Outcome.WITHHELD_SECURITY, 1),
    (Outcome.WITHHELD_THIRD_PARTY, 4),
    (Outcome.WITHHELD_INTERNAL, 2),
    (Outcome.WITHHELD_PROCESS, 4),
    (Outcome.WITHHELD_ENFORCEMENT, 2),
    (Outcome.WITHHELD_INQUIRY, 5),
    (Outcome.UNAVAILABLE_NOT_HELD, 14),
    (Outcome.UNAVAILABLE_NEEDS_CREATION, 4),
    (Outcome.UNAVAILABLE_UNCLEAR, 2),
    (Outcome.DECLINED_PETITION, 3),
    (Outcome.DECLINED_REPEAT, 3),
    (Outcome.DECLINED_PUBLICATION, 1),
    (Outcome.DECLINED_ABUSIVE, 1),
    (Outcome.DECLINED_CONFIRMATION, 1),
]
TYPES = [
    ("person", 58),
    ("business", 14),
    ("research", 4),
    ("nonprofit", 5),
    ("legal", 13),
    ("other_org", 6),
]
CHANNELS = [
    (ApplicationChannel.ONLINE, 52),
    (ApplicationChannel.IN_PERSON, 16),
    (ApplicationChannel.REGISTERED_LETTER, 10),
    (ApplicationChannel.ORDINARY_LETTER, 7),
    (ApplicationChannel.FAX, 4),
    (ApplicationChannel.EMAIL, 9),
    (ApplicationChannel.OTHER, 2),
]


def _pick(rng: random.Random, weighted):
    items, weights = zip(*weighted, strict=True)
    return rng.choices(items, weights=weights)[0]


def _workday(cal, d: date) -> date:
    while not cal.is_workday(d):
        d += timedelta(days=1)
    return d


def _applicant(rng: random.Random, kind: str, seq: int) -> dict:
    name = rng.choice(SURNAMES) + rng.choice(GIVEN)
    body = f"3703{rng.randint(2, 23):02d}{rng.randint(1955, 2000)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(0, 999):03d}"
    data = {
        "applicant_type": kind,
        "name": name,
        "id_type": "resident_id",
        "id_number": body + ric.calc_check_digit(body + "0"),
        "phone": f"1{rng.choice('3589')}{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}",
        "email": f"demo{seq}@example.com",
        "address": f"山东省淄博市{rng.choice(PLACES)}示例路{rng.randint(1, 200)}号",
        "postcode": "255000",
        "info_form": rng.choice(["electronic", "paper"]),
        "delivery": rng.choice(["email", "post", "pickup", "online"]),
        "description": rng.choice(TOPICS).format(v=rng.choice(PLACES)),
        "purpose": "",
    }
    if kind != "person":
        code = f"91370300MA{seq:07d}"[:17]
        data.update(
            org_name=rng.choice(ORGS[kind]),
            uscc=code + uscc.calc_check_digit(code),
            legal_rep=name,
            contact_person=rng.choice(SURNAMES) + rng.choice(GIVEN),
        )
    return data


def _reason(outcome: str, rng: random.Random) -> Reason | None:
    reasons = list(Reason.objects.filter(outcome=outcome, is_active=True))
    return rng.choice(reasons) if reasons else None


def _take(name: str, app: Application, data: dict, *, actor, on: date):
    """Take step `name` on day `on` as `actor`, as the request page would: through the
    declaration (permission, state, input through the step's schema and form). Returns the
    request as the step left it (run() checks the state of the object it is given)."""
    with on_day(on):
        done = APPLICATION.run(name, app, data, actor=actor)
    return done.application


def _one(
    agency, rng, cal, received: date, seq: int, officer, leader, disputes: list, close: bool = True
) -> None:
    kind = _pick(rng, TYPES)
    channel = _pick(rng, CHANNELS)
    arrived = received
    confirmed = received if channel in ApplicationChannel.needing_confirmation() else None
    receipt = services.submit(
        agency,
        _applicant(rng, kind, seq),
        channel=channel,
        arrived_at=timezone.make_aware(datetime.combine(arrived, time(9, 30))),
        confirmed_on=confirmed,
        oral=channel == ApplicationChannel.IN_PERSON and rng.random() < 0.3,
        actor=officer,
    )
    app = receipt.application
    step = lambda d, n: cal.add_workdays(d, n)  # noqa: E731
    path = rng.random() if seq > len(REPLY_OUTCOMES) else 0.9  # first ones: a plain reply
    day = received
    if path < 0.03:
        on = step(day, rng.randint(1, 6))
        _take("withdraw", app, {"text": "申请人书面撤回申请"}, actor=officer, on=on)
        return
    if path < 0.19:
        notice = step(day, rng.randint(1, 6))
        supplement = {"text": "请明确所需信息的名称、文号或者地块位置。", "days": 10}
        app = _take("supplement-notice", app, supplement, actor=officer, on=notice)
        if path < 0.06:
            _take("supplement-lapse", app, {}, actor=officer, on=step(notice, 12))
            return
        day = step(notice, rng.randint(1, 8))
        app = _take("supplement", app, {"text": "补充说明：所需信息为……"}, actor=officer, on=day)
    elif path < 0.23:
        fee = {"method": "per_page", "quantity": rng.randint(40, 260)}
        app = _take("fee", app, fee, actor=officer, on=step(day, 3))
        if path < 0.21:
            _take("fee-lapse", app, {}, actor=officer, on=step(day, 25))
            return
        day = step(day, rng.randint(4, 12))
        app = _take("fee-paid", app, {}, actor=officer, on=day)
    if 0.23 <= path < 0.33:
        sent = step(day, rng.randint(2, 6))
        consult = {
            "party": "相关权利人" if rng.random() < 0.7 else "淄博市住房和城乡建设局",
            "party_kind": "third_party" if rng.random() < 0.7 else "organ",
            "text": "申请公开的土地出让文件中含有受让单位的经营信息，请就是否同意公开提出意见。",
        }
        app = _take("consult", app, consult, actor=officer, on=sent)
        if rng.random() < 0.7:
            app = _take("consult-reply", app, {}, actor=officer, on=step(sent, rng.randint(3, 14)))
        else:
            app = _take("consult-expire", app, {}, actor=officer, on=step(sent, 16))
    due = clock.compute(app).due_on
    # The first requests go through every outcome once, so rare rows are never empty.
    outcome = (
        REPLY_OUTCOMES[seq - 1][0] if seq <= len(REPLY_OUTCOMES) else _pick(rng, REPLY_OUTCOMES)
    )
    if 0.33 <= path < 0.36 and app.regime == "2019":
        art35 = {
            "until": due + timedelta(days=40),
            "text": "申请人同一月内提出大量申请，理由合理但无法在法定期限内答复。",
        }
        app = _take("art35", app, art35, actor=officer, on=step(day, 3))
        due = clock.compute(app).due_on
    elif 0.36 <= path < 0.48 and due:
        extension = {"days": rng.choice([10, 15, 20]), "text": "需要调取档案并征求相关处室意见"}
        on = max(day + timedelta(days=1), due - timedelta(days=3))
        # As the office works: the officer asks, the head of the office approves (Art. 33 ¶2).
        app = _take("request-extension", app, extension, actor=officer, on=on)
        app = _take("approve-extension", app, {}, actor=leader, on=on)
        due = clock.compute(app).due_on
    reply_on = due - timedelta(days=rng.randint(0, 12)) if due else step(day, 10)
    if rng.random() < 0.03 and due:
        reply_on = due + timedelta(days=3)  # a few late replies, honestly counted
    reply_on = max(reply_on, day + timedelta(days=1))
    if reply_on > date(YEAR + 1, 1, 31):
        reply_on = date(YEAR + 1, 1, 20)
    today = timezone.localdate()
    if not close or reply_on > today:
        return  # still open
    reason = _reason(outcome, rng)
    reply = {
        "outcome": outcome,
        "reason": reason.pk if reason else None,
        "text": "经审查，现将有关情况答复如下：……",
    }
    if sign_off_required(agency):
        # As the office works: the officer drafts, the leader signs (and the reply is issued).
        app = _take("draft-reply", app, reply, actor=officer, on=reply_on)
        app = _take("sign-reply", app, {}, actor=leader, on=reply_on)
    else:
        app = _take("reply", app, reply, actor=officer, on=reply_on)
    if rng.random() < 0.08:
        disputes.append(app.pk)


# `gongkai demo` runs this after the bodies, their users and the calendar exist.
AFTER = ("agencies", "workdays")


def load(out) -> None:
    from gongkai.agencies.models import Agency

    ensure_default_reasons(Reason)
    agency = Agency.objects.filter(code=AGENCY_CODE).first()
    if agency is None:
        out("依申请公开演示数据：未找到机关 zb-zrzyj，跳过")
        return
    if Application.objects.filter(agency=agency, received_on__year=YEAR).exists():
        out("依申请公开演示数据：已存在，跳过")
        return
    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    officer = users.filter(username="zrzy_officer").first()
    leader = users.filter(username="zrzy_leader").first() or users.filter(is_superuser=True).first()
    rng = random.Random(SEED)
    cal = clock.current_calendar()
    disputes: list = []
    days = []
    d = date(YEAR - 1, 12, 10)
    while d <= date(YEAR, 12, 24):
        if cal.is_workday(d):
            days.append(d)
        d += timedelta(days=1)
    carried_days = [x for x in days if x.year == YEAR - 1]
    year_days = [x for x in days if x.year == YEAR]
    plan = [rng.choice(carried_days) for _ in range(14)] + sorted(
        rng.choice(year_days) for _ in range(COUNT)
    )
    with letters.deferred():
        for seq, received in enumerate(plan, start=1):
            with transaction.atomic():
                _one(agency, rng, cal, received, seq, officer, leader, disputes)
        # A current worklist: requests of the last weeks, still open (due soon, overdue, waiting).
        today = timezone.localdate()
        recent = [d for d in (today - timedelta(days=n) for n in range(1, 45)) if cal.is_workday(d)]
        for i, received in enumerate(sorted(rng.sample(recent, 14))):
            with transaction.atomic():
                _one(
                    agency, rng, cal, received, len(plan) + i + 1, officer, leader, [], close=False
                )
    _disputes(rng, disputes, officer)
    out(f"依申请公开演示数据：{agency.name} {len(plan)} 件申请，{len(disputes)} 件复议诉讼投诉")


def _disputes(rng: random.Random, apps: list, officer) -> None:
    kinds = ["review", "review", "suit_direct", "suit_after_review", "complaint"]
    results = ["upheld", "upheld", "corrected", "other", "pending"]
    for i, app in enumerate(Application.objects.filter(pk__in=apps).order_by("pk")):
        filed = app.closed_on + timedelta(days=rng.randint(10, 50))
        result = results[i % len(results)]
        decided = None if result == "pending" else filed + timedelta(days=rng.randint(30, 90))
        services.save_dispute(
            app,
            {
                "kind": kinds[i % len(kinds)],
                "filed_on": filed,
                "result": result,
                "decided_on": decided,
                "body": "淄博市人民政府"
                if kinds[i % len(kinds)] == "review"
                else "淄博市张店区人民法院",
            },
            actor=officer,
        )
