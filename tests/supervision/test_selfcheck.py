"""The website self-check finds each planted defect in a test body and nothing in a clean one."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from gongkai.audit.models import Event
from gongkai.core.jobs import run_due
from gongkai.core.models import Job
from gongkai.hotline.choices import TicketChannel
from gongkai.hotline.services import TICKET
from gongkai.publishing.models import ItemStatus, KioskEntry, KioskEntryKind
from gongkai.reports.models import Figure, ReportStatus
from gongkai.supervision import selfcheck
from gongkai.supervision.jobs import schedule_next_check
from gongkai.supervision.models import CheckRun, Finding, Indicator
from tests.hotline.helpers import new_ticket

from .world import categories, clean_site, item, report

FULL_GUIDE = (
    "设定依据：… 申请条件：… 办理材料：… 办理地点：… 办理时间：… 办理时限：5个工作日 办理流程：…"
)


@pytest.fixture
def year():
    return timezone.localdate().year - 1


def _message(agency, days_ago: int, phone: str, answered_by=None):
    """A message left on the body's portal `days_ago` days ago, answered at once if asked."""
    with time_machine.travel(timezone.now() - dt.timedelta(days=days_ago), tick=False):
        ticket = new_ticket(agency, channel=TicketChannel.WEB, phone=phone).ticket
        if answered_by is not None:
            TICKET.run("answer", ticket, {"answer": "您好，已答复。"}, actor=answered_by)
    return ticket


def _indicators(agency) -> list[str]:
    return sorted(Finding.objects.filter(agency=agency).values_list("indicator", flat=True))


def test_a_clean_body_has_no_findings(agency_a, year, supervisor, officer_a):
    clean_site(agency_a, year)
    # an old message that was answered, and a recent one still inside the 3 months
    _message(agency_a, 150, "13800000011", answered_by=officer_a)
    _message(agency_a, 30, "13800000012")
    KioskEntry.objects.create(
        agency=agency_a,
        kind=KioskEntryKind.GUIDE,
        title="户籍办理",
        detail=FULL_GUIDE,
        phone="0533-1",
    )
    run = selfcheck.run(agency_a, year, actor=supervisor)
    assert _indicators(agency_a) == []
    assert (run.bodies, run.findings) == (1, 0)


def test_each_planted_defect_is_found_and_named(agency_b, year, supervisor, officer_b):
    clean_site(agency_b, year)
    terms = categories()
    # stale column: the only item of 20-07 is eight months old
    stale_term = terms[6]
    stale_term_items = agency_b.items.filter(category=stale_term)
    stale_term_items.update(published_at=timezone.now() - dt.timedelta(days=240))
    # blank column: nothing ever published under 20-14
    agency_b.items.filter(category=terms[13]).delete()
    # a link to a withdrawn item
    gone = item(agency_b, "已撤回的通知", status=ItemStatus.WITHDRAWN)
    item(
        agency_b,
        "引用旧通知",
        category=terms[0],
        body=f'<a href="/xxgk/{agency_b.code}/art/{gone.pk}/">通知</a>',
    )
    # a 办事指南 without 办理时限
    KioskEntry.objects.create(
        agency=agency_b,
        kind=KioskEntryKind.GUIDE,
        title="个体工商户登记",
        detail=FULL_GUIDE.replace("办理时限：5个工作日 ", ""),
        phone="0533-2",
    )
    # a message on the portal unanswered for four months (互动回应差), next to an answered one
    _message(agency_b, 120, "13800000021")
    _message(agency_b, 120, "13800000022", answered_by=officer_b)
    selfcheck.run(agency_b.parent, year, actor=supervisor)
    found = {f.indicator: f for f in Finding.objects.filter(agency=agency_b)}
    assert sorted(found) == sorted(
        [
            Indicator.COLUMN_STALE,
            Indicator.COLUMN_BLANK,
            Indicator.BROKEN_LINK,
            Indicator.GUIDE_ELEMENTS,
            Indicator.MESSAGE_UNANSWERED,
        ]
    )
    assert found[Indicator.COLUMN_STALE].subject == stale_term.name
    assert "六个月" in found[Indicator.COLUMN_STALE].detail
    assert found[Indicator.COLUMN_BLANK].subject == terms[13].name
    assert "已撤回" in found[Indicator.BROKEN_LINK].detail
    assert found[Indicator.GUIDE_ELEMENTS].detail == "缺少要素：办理时限"
    assert found[Indicator.GUIDE_ELEMENTS].veto is True  # 服务不实用 is a 单项否决 item
    assert found[Indicator.COLUMN_STALE].veto is False  # one stale column is below the 5 of 19号
    assert found[Indicator.MESSAGE_UNANSWERED].detail == "1 条留言超过三个月未答复"
    assert found[Indicator.MESSAGE_UNANSWERED].veto is True


def test_five_stale_columns_make_a_veto(agency_a, year, supervisor):
    clean_site(agency_a, year)
    old = timezone.now() - dt.timedelta(days=200)
    agency_a.items.filter(category__in=categories()[:5]).update(published_at=old)
    selfcheck.run(agency_a, year, actor=supervisor)
    stale = Finding.objects.filter(agency=agency_a, indicator=Indicator.COLUMN_STALE)
    assert stale.count() == 5 and all(f.veto for f in stale)


def test_an_empty_body_fails_the_home_page_and_has_no_report(agency_a, year, supervisor):
    selfcheck.run(agency_a, year, actor=supervisor)
    found = set(_indicators(agency_a))
    assert {Indicator.HOME_STALE, Indicator.REPORT_MISSING, Indicator.STANDARD_COLUMN} <= found
    home = Finding.objects.get(agency=agency_a, indicator=Indicator.HOME_STALE)
    assert home.veto and "从未发布" in home.detail


def test_report_balance_and_jumps_are_found(agency_a, supervisor):
    last = report(agency_a, 2016, ReportStatus.PUBLISHED, published=dt.date(2017, 3, 1))
    this = report(agency_a, 2017, ReportStatus.PUBLISHED, published=dt.date(2018, 3, 1))
    for r, values in (
        (last, {"archive.total": 1, "archive.paper": 1}),
        (this, {"archive.total": 50, "archive.paper": 3}),
    ):
        for key, value in values.items():
            Figure.objects.create(report=r, key=key, value=value, provenance="entered")
    selfcheck.run(agency_a, 2017, actor=supervisor)
    balance = Finding.objects.filter(agency=agency_a, indicator=Indicator.REPORT_BALANCE)
    assert any(f.subject == "R2014.6" for f in balance)
    jump = Finding.objects.get(
        agency=agency_a, indicator=Indicator.REPORT_JUMP, subject="archive.total"
    )
    assert "上年 1，本年 50" in jump.detail


def test_a_new_run_replaces_old_findings_and_is_audited(agency_a, year, supervisor):
    selfcheck.run(agency_a, year, actor=supervisor)
    assert Finding.objects.filter(agency=agency_a).exists()
    clean_site(agency_a, year)
    selfcheck.run(agency_a, year, actor=supervisor)
    assert not Finding.objects.filter(agency=agency_a).exists()
    event = Event.objects.filter(action="supervision.check.run").latest("id")
    assert event.actor == supervisor and event.after["bodies"] == 1


def test_the_worker_runs_the_nightly_check_and_schedules_the_next(agency_a, year):
    schedule_next_check()
    Job.objects.filter(kind="supervision.selfcheck").update(run_after=timezone.now())
    assert run_due() == 1
    assert CheckRun.objects.filter(root=None, finished_at__isnull=False).exists()
    assert Finding.objects.filter(agency=agency_a, indicator=Indicator.HOME_STALE).exists()
    pending = Job.objects.filter(kind="supervision.selfcheck", done_at__isnull=True).get()
    assert pending.run_after > timezone.now()
    assert Event.objects.filter(action="supervision.check.run").latest("id").actor is None


def test_officers_see_their_own_findings_on_the_dashboard(
    client_for, officer_a, officer_b, year, supervisor
):
    selfcheck.run(officer_a.memberships.get().agency.parent, year, actor=supervisor)
    page = client_for(officer_a).get("/manage/").content.decode()
    assert "本单位网站自查问题" in page and "首页不更新" in page
    assert client_for(officer_b).get("/manage/").status_code == 200
