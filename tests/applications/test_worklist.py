"""The worklist: the columns an office works from, filters that survive paging, search by
number, applicant (whole name, ID or phone: they are encrypted) and subject words, and a query count that does not grow with the rows."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gongkai.applications import clock
from gongkai.applications.choices import ApplicationChannel
from gongkai.applications.views import manage

from .factories import make_application, org_data, person_data

pytestmark = pytest.mark.django_db
URL = "/manage/applications/"


def recent(days_ago: int):
    cal = clock.current_calendar()
    return cal.add_workdays(timezone.localdate(), -days_ago)


def test_the_columns_mask_the_person_and_colour_the_overdue(client_for, agency_a, officer_a):
    late = make_application(agency_a, recent(25), data=person_data(name="欧阳明")).application
    fresh = make_application(
        agency_a,
        recent(2),
        channel=ApplicationChannel.IN_PERSON,
        data=org_data(description="2025年度 城区 道路 维修 计划"),
    ).application
    html = client_for(officer_a).get(URL).content.decode()
    assert "欧阳明" not in html and "欧**" in html
    assert "淄博某某有限公司" in html  # an organisation's name is not personal data
    assert "2025年度 城区 道路 维修 计划" in html and "当面申请" in html
    row = html.split(late.receipt_no)[1].split("</tr>")[0]
    assert 'class="days-left days-overdue"' in row and "已逾期5个工作日" in row
    row = html.split(fresh.receipt_no)[1].split("</tr>")[0]
    assert "18个工作日" in row and "days-normal" in row
    assert html.index(late.receipt_no) < html.index(fresh.receipt_no)  # earliest due first


def test_filters_combine_and_survive_paging(client_for, agency_a, officer_a, monkeypatch):
    monkeypatch.setattr(manage, "PAGE_SIZE", 2)
    for _ in range(3):
        make_application(agency_a, recent(18), channel=ApplicationChannel.FAX)
    make_application(agency_a, recent(18))
    make_application(agency_a, recent(2), channel=ApplicationChannel.FAX)
    client = client_for(officer_a)
    page = client.get(URL, {"channel": "fax", "due": "3"})
    html = page.content.decode()
    assert "共 3 件" in html
    assert "channel=fax" in html.split('rel="next"')[0].rsplit("href=", 1)[1]
    assert "due=3" in html.split('rel="next"')[0].rsplit("href=", 1)[1]
    second = client.get(URL, {"channel": "fax", "due": "3", "page": 2}).content.decode()
    assert "共 3 件" in second and second.count("传真") >= 1
    assert "共 1 件" in client.get(URL, {"channel": "online", "due": "3"}).content.decode()


def test_the_officer_filter_finds_what_they_registered_or_handled(
    client_for, agency_a, officer_a, leader_a
):
    from gongkai.applications import services

    mine = make_application(agency_a, recent(3), actor=officer_a).application
    handled = make_application(agency_a, recent(3)).application
    services.notify_supplement(handled, text="请补正", days=5, actor=officer_a, on=recent(1))
    other = make_application(agency_a, recent(3), actor=leader_a).application
    html = client_for(leader_a).get(URL, {"officer": officer_a.pk, "show": "all"}).content.decode()
    assert mine.receipt_no in html and handled.receipt_no in html
    assert other.receipt_no not in html


def test_search_by_number_applicant_and_subject_words(client_for, agency_a, officer_a):
    a = make_application(
        agency_a, recent(3), data=person_data(name="李雷", description="征地 补偿 标准 文件")
    ).application
    b = make_application(
        agency_a, recent(3), data=person_data(name="韩梅梅", description="道路 维修 计划")
    ).application
    client = client_for(officer_a)

    def found(q):
        html = client.get(URL, {"q": q}).content.decode()
        return {app.receipt_no for app in (a, b) if app.receipt_no in html}

    assert found(a.receipt_no) == {a.receipt_no}
    assert found("韩梅梅") == {b.receipt_no}
    # Names are encrypted at rest: found by the whole name only, never by a part of it.
    assert found("韩梅") == set()
    assert found("补偿 文件") == {a.receipt_no}
    assert found("补偿 维修") == set()  # every word must match
    assert found("李雷 补偿") == {a.receipt_no}


def test_the_query_count_does_not_grow_with_the_rows(client_for, agency_a, officer_a):
    client = client_for(officer_a)
    make_application(agency_a, recent(3))
    client.get(URL)
    with CaptureQueriesContext(connection) as few:
        client.get(URL, {"q": "文件", "channel": "online"})
    for n in range(12):
        make_application(agency_a, recent(n % 20 + 1), data=org_data() if n % 2 else None)
    with CaptureQueriesContext(connection) as many:
        page = client.get(URL, {"q": "文件", "channel": "online"})
    assert "共 13 件" in page.content.decode()
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


def test_an_unknown_filter_value_is_ignored_not_an_error(client_for, agency_a, officer_a):
    make_application(agency_a, recent(3))
    page = client_for(officer_a).get(
        URL, {"show": "x", "channel": "x", "officer": "x", "due": "-1"}
    )
    assert page.status_code == 200 and "共 1 件" in page.content.decode()


def test_the_days_left_are_working_days():
    cal = clock.current_calendar()
    today = timezone.localdate()
    due = cal.add_workdays(today, 4)
    assert cal.workdays_between(today, due) == 4 and (due - today) >= timedelta(days=4)
