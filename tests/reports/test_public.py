"""The body's 政府信息公开年报 column: published reports only, deadline shown, no personal data."""

import pytest
from django.test import Client

from gongkai.reports import services
from gongkai.reports.models import ReportStatus
from tests.privacy import assert_no_personal_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(agency_a, officer_a, leader_a):
    report = services.get_or_create_report(agency_a, 2017, actor=officer_a)
    services.enter_figures(report, {"archive.total": 204, "archive.paper": 204}, officer_a)
    for action, user in (
        ("submit", officer_a),
        ("review", leader_a),
        ("approve", leader_a),
        ("publish", leader_a),
    ):
        report = services.transition(report, action, user)
    return report


def test_the_column_lists_published_reports_and_shows_the_deadline(agency_a, published):
    draft = services.get_or_create_report(agency_a, 2018, actor=None)
    assert draft.status == ReportStatus.DRAFT
    html = Client().get(f"/xxgk/{agency_a.code}/ndbg/").content.decode()
    assert "测试区甲局2017年政府信息公开工作年度报告" in html
    assert "2018年政府信息公开工作年度报告" not in html
    assert "1月31日前" in html  # a department's statutory deadline
    assert_no_personal_data(html)


def test_a_published_report_page_and_its_files(agency_a, published):
    c = Client()
    html = c.get(f"/xxgk/{agency_a.code}/ndbg/2017/").content.decode()
    assert "政府信息公开工作情况统计表" in html and ">204<" in html
    assert_no_personal_data(html)
    pdf = c.get(f"/xxgk/{agency_a.code}/ndbg/2017.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_a_draft_report_is_not_public(agency_a):
    services.get_or_create_report(agency_a, 2018, actor=None)
    assert Client().get(f"/xxgk/{agency_a.code}/ndbg/2018/").status_code == 404
    assert Client().get(f"/xxgk/{agency_a.code}/ndbg/2018.docx").status_code == 404


def test_the_api_serves_a_published_report_in_the_contract_shape(agency_a, published):
    response = Client().get(f"/api/v1/reports/{agency_a.code}/2017")
    assert response.status_code == 200
    text = response.content.decode()
    assert "测试区甲局" in text and "\\u" not in text
    data = response.json()
    assert list(data) == ["format", "year", "agency", "figures", "problems"]
    assert data["figures"]["archive.total"] == 204 and data["figures"]["org.visitors"] is None


def test_the_api_hides_unpublished_reports(agency_a):
    services.get_or_create_report(agency_a, 2018, actor=None)
    assert Client().get(f"/api/v1/reports/{agency_a.code}/2018").status_code == 404
