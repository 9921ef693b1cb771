"""Boundary and hostile values against the forms, imports and staff URLs (issue 15, point 1):
every answer is a page with a Chinese message or a 4xx, never a 500, and nothing half-written
breaks a later read. The API is covered by tests/api/test_schemathesis.py.

The test client re-raises any exception a view lets escape, so a 500 fails the test."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.applications.models import Application
from gongkai.publishing.models import SectionTwoEntry
from gongkai.reports import services as reports

pytestmark = pytest.mark.django_db

HYPOTHESIS = settings(
    max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), database=None
)

# Numbers as a person, a spreadsheet or an attacker types them.
hostile_numbers = st.one_of(
    st.integers(min_value=-(10**45), max_value=10**45).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from(
        ["1" * 40, "1e400", "-1e400", "NaN", "inf", "0.00001", "²", "١٢", "1,000", " 7 ", "0x10"]
    ),
    st.text(max_size=30),
)
hostile_text = st.one_of(
    st.text(max_size=300),
    st.sampled_from(["\x00", "²" * 18, "<script>alert(1)</script>", "' OR 1=1 --", "a" * 5000]),
)
hostile_dates = st.one_of(
    st.sampled_from(["9999-12-31", "0001-01-01", "1899-12-31", "2101-01-01", "2025-02-30", "²"]),
    st.dates().map(str),
    st.text(max_size=12),
)


def _fine(response) -> None:
    assert response.status_code < 500


def _fresh_limits() -> None:
    """Rate limits start from zero in each example, not only in each test: past three
    submissions from one address the form asks for a CAPTCHA, and every later example would be
    refused there without reaching the form's own checks and the save."""
    from django.core.cache import caches

    from gongkai.core.models import ThrottleEvent

    ThrottleEvent.objects.all().delete()
    caches["throttle"].clear()


def _answered(response) -> None:
    """The form again with its errors, the next page, the rate limit, or (a NUL, which no
    keyboard types) the Chinese 400 of NulCharacterMiddleware."""
    assert response.status_code in (200, 302, 400, 429)
    if response.status_code == 400:
        assert "空字符" in response.content.decode()


@HYPOTHESIS
@given(value=hostile_numbers)
def test_a_report_figure_never_breaks_the_report(client_for, officer_a, agency_a, value):
    report = reports.get_or_create_report(agency_a, 2017, actor=officer_a)
    staff = client_for(officer_a)
    url = f"/manage/reports/{report.pk}/"
    _fine(staff.post(url, {"f:archive.total": value, "f:archive.paper": "1"}))
    _fine(staff.get(url))
    reports.build(agency_a, 2017)  # what `report build` and the public pages read


@HYPOTHESIS
@given(value=hostile_numbers, year=hostile_numbers, month=hostile_numbers)
def test_a_section_two_entry_never_breaks_the_page(
    client_for, officer_a, agency_a, value, year, month
):
    staff = client_for(officer_a)
    data = {
        "one-agency": agency_a.pk,
        "one-year": year,
        "one-month": month,
        "one-key": "license.decisions",
        "one-value": value,
    }
    _fine(staff.post("/manage/publishing/section2/", data))
    _fine(staff.get("/manage/publishing/section2/", {"year": year}))
    list(SectionTwoEntry.objects.values_list("value", flat=True))  # every stored value reads back


@HYPOTHESIS
@given(
    cells=st.lists(st.one_of(hostile_numbers, st.floats(), st.integers()), min_size=4, max_size=4)
)
def test_a_section_two_spreadsheet_never_breaks_the_page(client_for, officer_a, agency_a, cells):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["年度", "月份", "指标", "数值"])
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    cells = [ILLEGAL_CHARACTERS_RE.sub("", c) if isinstance(c, str) else c for c in cells]
    book.active.append(cells)
    book.active.append([2025, 0, "行政许可处理决定数量", cells[3]])
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "第二部分.xlsx"
    staff = client_for(officer_a)
    _fine(
        staff.post(
            "/manage/publishing/section2/import/", {"xlsx-agency": agency_a.pk, "xlsx-file": buffer}
        )
    )
    _fine(staff.get("/manage/publishing/section2/"))
    list(SectionTwoEntry.objects.values_list("value", flat=True))


def test_a_40_digit_spreadsheet_cell_is_refused_with_the_row_named(client_for, officer_a, agency_a):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append([2025, 0, "行政许可处理决定数量", "1" * 40])
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "第二部分.xlsx"
    response = client_for(officer_a).post(
        "/manage/publishing/section2/import/",
        {"xlsx-agency": agency_a.pk, "xlsx-file": buffer},
        follow=True,
    )
    assert "第 1 行" in response.content.decode() and "过大" in response.content.decode()
    assert not SectionTwoEntry.objects.exists()


@HYPOTHESIS
@given(field=st.sampled_from(["name", "id_number", "phone", "email", "description", "postcode"]),
       value=hostile_text)  # fmt: skip
def test_the_public_application_form_answers_any_text(agency_a, field, value):
    from tests.applications.factories import person_data

    _fresh_limits()
    client = Client()
    response = client.post(f"/xxgk/{agency_a.code}/ysqgk/", {**person_data(), field: value})
    _answered(response)
    assert "captcha" not in response.content.decode()


@HYPOTHESIS
@given(field=st.sampled_from(["name", "phone", "address", "type", "content"]), value=hostile_text)
def test_the_public_hotline_form_answers_any_text(agency_a, field, value):
    from gongkai.hotline.models import Ticket

    _fresh_limits()
    message = {"phone": "13700002222", "type": "suggestion", "content": "建议增设公交站点。"}
    response = Client().post(f"/xxgk/{agency_a.code}/rx/", {**message, field: value})
    _answered(response)
    assert "captcha" not in response.content.decode()
    list(Ticket.objects.values_list("name", "phone", "address", "content"))  # reads back


@HYPOTHESIS
@given(
    field=st.sampled_from(["centre", "channel", "phone", "name", "type", "category", "content"]),
    value=hostile_text,
)
def test_the_hotline_agent_form_answers_any_text(client_for, officer_a, agency_a, field, value):
    from gongkai.hotline.models import Ticket
    from tests.hotline.helpers import agent_call

    response = client_for(officer_a).post(
        "/manage/hotline/new/", {**agent_call(agency_a), field: value}
    )
    assert response.status_code in (200, 302, 400, 404)
    list(Ticket.objects.values_list("name", "phone", "content"))


@HYPOTHESIS
@given(arrived=hostile_dates, confirmed=hostile_dates)
def test_staff_registration_dates_are_bounded(client_for, officer_a, agency_a, arrived, confirmed):
    from tests.applications.factories import person_data

    before = Application.objects.count()
    response = client_for(officer_a).post(
        f"/manage/applications/new/?agency={agency_a.code}",
        {
            **person_data(),
            "agency": agency_a.pk,
            "channel": "letter",
            "arrived_on": arrived,
            "confirmed_on": confirmed,
        },
    )
    _fine(response)
    for app in Application.objects.all()[before:]:
        assert 1900 <= app.received_on.year <= 2100


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "2101-01-01"])
def test_an_item_dated_out_of_range_is_refused_in_chinese(client_for, officer_a, agency_a, day):
    from tests.publishing.helpers import draft

    item = draft(agency_a, officer_a)
    response = client_for(officer_a).post(
        f"/manage/publishing/items/{item.pk}/edit/",
        {"kind": item.kind, "title": item.title, "body": item.body, "formed_on": day},
    )
    _fine(response)
    item.refresh_from_db()
    assert item.formed_on == dt.date(2026, 11, 2)
    if response.status_code == 200:
        assert "年份应在1900–2100之间" in response.content.decode()


def _staff_routes():
    def walk(patterns, prefix=""):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                yield from walk(entry.url_patterns, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern):
                route = prefix + str(entry.pattern)
                if route.startswith("manage/") and "<" in route:
                    yield route

    return sorted(set(walk(get_resolver().url_patterns)))


def _fill(route: str, number: int) -> str:
    def value(match):
        kind = match.group(1) or "str"
        return str(number) if kind == "int" else f"no-such-{number}"

    return "/" + re.sub(r"<(?:(\w+):)?\w+>", value, route)


@pytest.mark.parametrize("route", _staff_routes())
def test_ids_that_do_not_exist_in_staff_urls_are_4xx(client_for, admin_user, route):
    staff = client_for(admin_user)
    for number in (999_999_999, 2**63 + 7):
        url = _fill(route, number).replace("<path:path>", "x")
        response = staff.get(url)
        assert response.status_code < 500, url
        if response.status_code == 404:
            assert "页面不存在" in response.content.decode() or re.search(
                r"[\u4e00-\u9fff]", response.content.decode()
            )


def test_a_figure_too_large_for_its_column_is_refused_before_saving(agency_a, officer_a):
    report = reports.get_or_create_report(agency_a, 2017, actor=officer_a)
    with pytest.raises(reports.ReportError, match="过大"):
        reports.enter_figures(report, {"archive.total": 10**40}, officer_a)
    with pytest.raises(reports.ReportError, match="不是有效数字"):
        reports.enter_figures(report, {"archive.total": float("inf")}, officer_a)
    assert not report.figures.filter(key="archive.total").exists()


def test_report_build_prints_one_chinese_line_never_a_traceback(agency_a, capsys, monkeypatch):
    from gongkai.cli import main

    def broken(*args, **kwargs):
        raise ArithmeticError("decimal overflow")

    monkeypatch.setattr(reports, "build", broken)
    with pytest.raises(SystemExit) as exc:
        main(["report", "build", "--agency", agency_a.code, "--year", "2017", "--json"])
    out, err = capsys.readouterr()
    assert exc.value.code == 1 and "Traceback" not in out + err
    assert err.startswith("内部错误：ArithmeticError：decimal overflow")
    with pytest.raises(SystemExit) as exc:
        main(["report", "build", "--agency", agency_a.code, "--year", "99999", "--json"])
    assert exc.value.code == 2 and "Traceback" not in "".join(capsys.readouterr())
