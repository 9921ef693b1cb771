"""Notices from the console: a 通报 over the subtree and reminders to each late body.

Each notice is stored as issued (its text and the bodies it names do not change when the
records do later) and written to the ledger with the supervisor who issued it.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Agency, Membership, Role
from gongkai.audit.services import record
from gongkai.reports.models import ReportStatus

from .actions import NOTICE_ISSUE, REMINDER_SEND
from .console import annotated, late_q
from .models import Finding, Indicator, Notice, NoticeKind


class NoticeError(Exception):
    """Bad input for a notice; the message is Chinese and shown to the user."""


LATE_LABEL = "逾期未发布或逾期发布年度报告"


def late_bodies(node: Agency, year: int, today: dt.date) -> list[Agency]:
    """Bodies below `node` whose report deadline has passed and whose report was not published
    on time (one query)."""
    return list(annotated(node, year, today).filter(late_q()).order_by("path"))


def failing(node: Agency, year: int, today: dt.date) -> list[tuple[str, str, str]]:
    """[(code, name, indicator label)] for the 通报: late reports, then 单项否决 findings."""
    out = [
        (
            a.code,
            a.name,
            LATE_LABEL + ("（未发布）" if a.report_status != ReportStatus.PUBLISHED else ""),
        )
        for a in late_bodies(node, year, today)
    ]
    labels = dict(Indicator.choices)
    seen = set()
    for code, name, indicator in (
        Finding.objects.filter(agency__in=node.subtree().filter(is_active=True), veto=True)
        .order_by("agency__path", "indicator")
        .values_list("agency__code", "agency__name", "indicator")
    ):
        if (code, indicator) not in seen:
            seen.add((code, indicator))
            out.append((code, name, f"网站检查单项否决：{labels.get(indicator, indicator)}"))
    return out


def bulletin_text(node: Agency, year: int, bodies: list[tuple[str, str, str]]) -> str:
    if not bodies:
        return (
            f"经检查，{node.name}所辖各单位均已按期发布{year}年度政府信息公开工作年度报告，"
            "网站检查未发现单项否决问题。"
        )
    groups: dict[str, list[str]] = {}
    for _, name, label in bodies:
        groups.setdefault(label, []).append(name)
    lines = [
        f"根据《中华人民共和国政府信息公开条例》第四十九条和国办秘函〔2019〕19号的要求，"
        f"{node.name}对所辖各单位{year}年度政府信息公开工作年度报告发布情况和政府网站进行了检查。"
        "现将存在问题的单位通报如下："
    ]
    for i, (label, names) in enumerate(groups.items(), 1):
        lines.append(f"{i}. {label}（{len(names)}个）：{'、'.join(names)}。")
    lines.append("请上述单位立即整改，并于十个工作日内将整改情况报送本机关政务公开办公室。")
    return "\n".join(lines)


def issue_bulletin(
    node: Agency, year: int, number: str, actor, today: dt.date | None = None
) -> Notice:
    if actor is None:
        raise NoticeError("印发通报需要明确的印发人")
    number = (number or "").strip()
    if len(number) > 100:
        raise NoticeError("文号过长（不超过100个字）")
    today = today or timezone.localdate()
    bodies = failing(node, year, today)
    with transaction.atomic():
        notice = Notice.objects.create(
            kind=NoticeKind.BULLETIN,
            issuer=node,
            year=year,
            number=number,
            title=f"关于{year}年度政府信息公开工作年度报告发布和政府网站检查情况的通报",
            text=bulletin_text(node, year, bodies),
            bodies=[list(b) for b in bodies],
            issued_at=timezone.now(),
            issued_by=actor,
        )
        record(
            NOTICE_ISSUE,
            notice,
            agency=node,
            after={"number": number, "year": year, "bodies": [b[0] for b in bodies]},
            actor=actor,
        )
    return notice


def send_reminders(node: Agency, year: int, actor, today: dt.date | None = None) -> list[Notice]:
    """A reminder to every late body that has not published, on its officers' dashboards and,
    where mail is configured, by e-mail to officers with an address."""
    if actor is None:
        raise NoticeError("发送提醒需要明确的发送人")
    today = today or timezone.localdate()
    late = [a for a in late_bodies(node, year, today) if a.report_status != ReportStatus.PUBLISHED]
    notices = []
    with transaction.atomic():
        for a in late:
            days = a.lateness.days
            notice = Notice.objects.create(
                kind=NoticeKind.REMINDER,
                issuer=node,
                target=a,
                year=year,
                title=f"请尽快发布{year}年度政府信息公开工作年度报告",
                text=(
                    f"{a.name}：贵单位{year}年度政府信息公开工作年度报告应于"
                    f"{a.deadline:%Y年%m月%d日}前发布，目前已逾期{days}天"
                    f"（当前状态：{dict(ReportStatus.choices).get(a.report_status, '未开始')}）。"
                    "请立即完成编制、审定和发布。"
                ),
                bodies=[[a.code, a.name, LATE_LABEL]],
                issued_at=timezone.now(),
                issued_by=actor,
            )
            record(
                REMINDER_SEND,
                notice,
                agency=a,
                after={"target": a.code, "year": year, "days_late": days},
                actor=actor,
            )
            notices.append(notice)
    if notices and settings.GONGKAI_EMAIL_CONFIGURED:
        _mail(notices)
    return notices


def _mail(notices: list[Notice]) -> None:
    by_agency: dict[int, list[str]] = {}
    for agency_id, email in Membership.objects.filter(
        agency_id__in=[n.target_id for n in notices], role=Role.OFFICER
    ).values_list("agency_id", "user__email"):
        if email:
            by_agency.setdefault(agency_id, []).append(email)
    messages = [
        (n.title, n.text, settings.DEFAULT_FROM_EMAIL, by_agency[n.target_id])
        for n in notices
        if by_agency.get(n.target_id)
    ]
    send_mass_mail(messages, fail_silently=False)
    for n in notices:
        if by_agency.get(n.target_id):
            Notice.objects.filter(pk=n.pk).update(emailed=len(by_agency[n.target_id]))
