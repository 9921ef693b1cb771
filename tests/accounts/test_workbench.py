"""The workbench (/manage/): each user sees what waits for them, counted by aggregate queries
the apps contribute (todos.py), with links that list exactly what was counted."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gongkai.applications.choices import DeterminationKind
from gongkai.applications.models import Application, Determination
from gongkai.core.workbench import collect
from gongkai.publishing.models import Item, ItemStatus
from gongkai.reports.formats import format_for_year
from gongkai.reports.models import Report, ReportStatus
from tests.applications.factories import make_application
from tests.publishing.factories import ItemFactory

pytestmark = pytest.mark.django_db


def counts(user) -> dict[str, int]:
    return {f"{a.title}/{t.label}": t.count for a in collect(user) for t in a.todos}


def todo(user, label: str):
    return next(t for a in collect(user) for t in a.todos if t.label == label)


def test_items_wait_for_the_role_that_acts_on_them(
    officer_a, reviewer_a, leader_a, officer_b, agency_a
):
    ItemFactory.create_batch(2, agency=agency_a, status=ItemStatus.DRAFT)
    ItemFactory(agency=agency_a, status=ItemStatus.REVIEW)
    ItemFactory(agency=agency_a, status=ItemStatus.SIGNOFF)
    assert counts(officer_a)["主动公开/草稿和退回修改的信息"] == 2
    assert "主动公开/待审核（保密审查）" not in counts(officer_a)
    assert counts(reviewer_a)["主动公开/待审核（保密审查）"] == 1
    assert counts(leader_a)["主动公开/待签发"] == 1
    assert counts(officer_b)["主动公开/草稿和退回修改的信息"] == 0  # body A's drafts are not B's


def test_item_past_the_art26_limit_is_urgent(officer_a, agency_a):
    item = ItemFactory(agency=agency_a, status=ItemStatus.DRAFT)
    Item.objects.filter(pk=item.pk).update(due_on=timezone.localdate() - dt.timedelta(days=1))
    ItemFactory(agency=agency_a, status=ItemStatus.DRAFT)  # no limit passed
    overdue = todo(officer_a, "超过公开期限（第二十六条：20 个工作日）仍未发布")
    assert (overdue.count, overdue.urgent) == (1, True)


def _due(receipt, days: int) -> Application:
    app = receipt.application
    Application.objects.filter(pk=app.pk).update(
        due_on=timezone.localdate() + dt.timedelta(days=days)
    )
    return app


def test_requests_due_soon_overdue_and_back_on_the_desk(officer_a, leader_a, officer_b, agency_a):
    late = _due(make_application(agency_a), -2)
    _due(make_application(agency_a), 0)  # due today: within 3 working days
    _due(make_application(agency_a), 30)
    answered = _due(make_application(agency_a), 30)
    Determination.objects.create(
        application=answered, kind=DeterminationKind.SUPPLEMENT_RECEIVED, on=timezone.localdate()
    )
    for user in (officer_a, leader_a):
        got = counts(user)
        assert got["依申请公开/已逾期未答复的申请"] == 1
        assert got["依申请公开/3 个工作日内到期的申请"] == 1
        assert got["依申请公开/待处理的补正材料、征求意见答复、已缴费"] == 1
    assert counts(officer_b)["依申请公开/已逾期未答复的申请"] == 0
    assert late.receipt_no


def test_request_links_list_what_was_counted(client_for, officer_a, agency_a):
    late = _due(make_application(agency_a), -2)
    later = _due(make_application(agency_a), 30)
    page = client_for(officer_a).get(todo(officer_a, "已逾期未答复的申请").url).content.decode()
    assert late.receipt_no in page and later.receipt_no not in page


def test_reports_wait_for_secrecy_review_then_approval(reviewer_a, leader_a, officer_a, agency_a):
    fmt = format_for_year(2024).id
    Report.objects.create(agency=agency_a, year=2024, format=fmt, status=ReportStatus.SUBMITTED)
    Report.objects.create(agency=agency_a, year=2023, format=fmt, status=ReportStatus.REVIEWED)
    assert counts(reviewer_a)["年度报告/待保密审查的年报"] == 1
    assert counts(leader_a)["年度报告/待领导审定的年报"] == 1
    assert counts(officer_a)["年度报告/待填写、提交的年报"] == 0


def test_item_link_lists_the_counted_items(client_for, reviewer_a, agency_a):
    waiting = ItemFactory(agency=agency_a, status=ItemStatus.REVIEW)
    other = ItemFactory(agency=agency_a, status=ItemStatus.DRAFT)
    url = todo(reviewer_a, "待审核（保密审查）").url
    page = client_for(reviewer_a).get(url).content.decode()
    assert waiting.title in page and other.title not in page


def test_dashboard_shows_counts_and_links(client_for, officer_a, agency_a):
    ItemFactory.create_batch(3, agency=agency_a, status=ItemStatus.DRAFT)
    page = client_for(officer_a).get("/manage/").content.decode()
    assert "待办事项" in page
    assert "/manage/publishing/items/?status=draft" in page
    assert '<span class="todo-count">3' in page


def _dashboard_queries(client, url="/manage/") -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_dashboard_query_count_does_not_grow_with_records(client_for, leader_a, agency_a):
    client = client_for(leader_a)
    ItemFactory(agency=agency_a, status=ItemStatus.REVIEW)
    make_application(agency_a)
    few = _dashboard_queries(client)
    ItemFactory.create_batch(20, agency=agency_a, status=ItemStatus.REVIEW)
    for _ in range(10):
        make_application(agency_a)
    fmt = format_for_year(2024).id
    Report.objects.create(agency=agency_a, year=2024, format=fmt, status=ReportStatus.REVIEWED)
    many = _dashboard_queries(client)
    assert many == few
    assert many <= 20, many


def test_user_without_anything_waiting(client_for, citizen, supervisor):
    assert collect(citizen) == []
    page = client_for(supervisor).get("/manage/").content.decode()
    assert "待办事项" in page
