"""The org-records page: a refused form (机构与经费, 查阅点接待人次, 会议) comes back (400) with the
shared error summary, the error beside the field and what was typed; nothing is saved."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gongkai.agencies.models import OrgYear, ReadingPointVisits, WorkMeeting
from tests.core.test_form_layout_crawl import form_problems
from tests.factories import ReadingPointFactory

pytestmark = pytest.mark.django_db


def _url(agency) -> str:
    return reverse("reports_manage:org", kwargs={"code": agency.code, "year": 2017})


def test_refused_visit_counts_come_back_with_every_typed_number(client_for, officer_a, agency_a):
    good = ReadingPointFactory(agency=agency_a, name="政务大厅")
    bad = ReadingPointFactory(agency=agency_a, name="档案馆")
    data = {"form": "visits", f"visits-{good.pk}": "120", f"visits-{bad.pk}": "很多"}
    response = client_for(officer_a).post(_url(agency_a), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert form_problems(html) == []  # the shared layout, also in the refused state
    assert "error-summary" in html and f'href="#visits-{bad.pk}"' in html
    assert "档案馆接待人次：接待人次应为非负整数" in html
    assert f'aria-describedby="visits-{bad.pk}-error"' in html
    assert 'value="120"' in html and 'value="很多"' in html  # what was typed stays
    assert not ReadingPointVisits.objects.exists()  # all or nothing


def test_a_refused_org_year_comes_back_with_its_errors(client_for, officer_a, agency_a):
    data = {"form": "orgyear", "org-units": "两个", "org-staff_part": "3", "org-budget": ""}
    response = client_for(officer_a).post(_url(agency_a), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert form_problems(html) == []  # the shared layout, also in the refused state
    assert "error-summary" in html and 'href="#id_org-units"' in html
    assert 'value="两个"' in html and 'value="3"' in html
    assert not OrgYear.objects.exists()


def test_a_meeting_outside_the_year_comes_back_with_its_errors(client_for, officer_a, agency_a):
    data = {"form": "meeting", "meeting-date": "2016-04-01", "meeting-title": "去年的会"}
    response = client_for(officer_a).post(_url(agency_a), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert form_problems(html) == []  # the shared layout, also in the refused state
    assert 'href="#id_meeting-date"' in html and "日期应在 2017 年内" in html
    assert 'value="去年的会"' in html and 'value="2016-04-01"' in html
    assert not WorkMeeting.objects.exists()
    # the page itself (GET) is not an error page
    assert client_for(officer_a).get(_url(agency_a)).status_code == 200
