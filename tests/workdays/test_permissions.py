"""Who may open each staff page of the working-day calendar."""

from datetime import date

import pytest
from django.urls import reverse

from gongkai.workdays.models import CalendarDay, OfficialYear
from gongkai.workdays.services import current_version
from tests.access import assert_access, row

COVERED_URL_NAMES = {
    "workdays_manage:index",
    "workdays_manage:year",
    "workdays_manage:day_create",
    "workdays_manage:day_edit",
    "workdays_manage:day_delete",
    "workdays_manage:notice_add",
}

EVERY_STAFF = dict(
    officer_a=200, reviewer_a=200, leader_a=200, officer_b=200, supervisor=200, admin=200
)
ADMIN_ONLY = dict(
    officer_a=403, reviewer_a=403, leader_a=403, officer_b=403, supervisor=403, admin=200
)


@pytest.mark.parametrize(
    ("url_name", "kwargs", "expected"),
    [
        ("workdays_manage:index", {}, EVERY_STAFF),
        ("workdays_manage:year", {"year": 2026}, EVERY_STAFF),
        ("workdays_manage:day_create", {}, ADMIN_ONLY),
        ("workdays_manage:notice_add", {}, ADMIN_ONLY),
    ],
)
def test_each_persona_gets_what_the_table_says(personas, client_for, url_name, kwargs, expected):
    assert_access(client_for, personas, reverse(url_name, kwargs=kwargs), row(**expected))


def test_only_an_administrator_edits_or_deletes_a_day(personas, client_for):
    day = CalendarDay.objects.get(day=date(2026, 10, 10))
    edit = reverse("workdays_manage:day_edit", kwargs={"pk": day.pk})
    assert_access(client_for, personas, edit, row(**ADMIN_ONLY))
    delete = reverse("workdays_manage:day_delete", kwargs={"pk": day.pk})
    assert_access(client_for, personas, delete, row(**{**ADMIN_ONLY, "admin": 302}), method="post")
    assert not CalendarDay.objects.filter(pk=day.pk).exists()


def test_the_index_lists_years_and_counts_working_days(client_for, officer_a):
    response = client_for(officer_a).get(
        reverse("workdays_manage:index"), {"date": "2026-09-30", "n": "20"}
    )
    text = response.content.decode()
    assert "2026-09-30 之后第 20 个工作日：<strong>2026-11-03</strong>" in text
    assert "2027年" in text and "未录入（临时）" in text


def test_an_administrator_enters_a_new_years_notice(client_for, admin_user):
    response = client_for(admin_user).post(
        reverse("workdays_manage:notice_add"),
        {
            "year": "2027",
            "document_number": "国办发明电〔2026〕1号",
            "lines": "2027-01-01 放假 元旦\n2027-02-06 上班 春节\n",
            "replace": "on",
        },
    )
    assert response.status_code == 302
    year = OfficialYear.objects.get(year=2027)
    assert year.notice == "国务院办公厅关于2027年部分节假日安排的通知"
    assert year.document_number == "国办发明电〔2026〕1号"
    assert CalendarDay.objects.filter(day__year=2027).count() == 2
    assert current_version() == "v2"


def test_a_bad_notice_line_is_reported_with_its_number(client_for, admin_user):
    response = client_for(admin_user).post(
        reverse("workdays_manage:notice_add"),
        {"year": "2027", "lines": "2027-01-01 放假 元旦\n2027-01-05 上班 春节\n"},
    )
    assert response.status_code == 200
    assert "2027-01-05 是星期二，本来就是工作日" in response.content.decode()
    assert not OfficialYear.objects.filter(year=2027).exists()
