"""Who may open each staff page of the reports module."""

import pytest
from django.urls import reverse

from gongkai.reports import services
from gongkai.reports.models import Report, ReportStatus
from tests.access import assert_access, row

COVERED_URL_NAMES = {
    "reports_manage:list",
    "reports_manage:create",
    "reports_manage:rollup",
    "reports_manage:detail",
    "reports_manage:step",
    "reports_manage:download",
    "reports_manage:org",
}

EVERY_STAFF = dict(
    officer_a=200, reviewer_a=200, leader_a=200, officer_b=200, supervisor=200, admin=200
)
VIEW_A = dict(officer_a=200, reviewer_a=200, leader_a=200, officer_b=404, supervisor=200, admin=200)
CREATE = dict(officer_a=200, reviewer_a=403, leader_a=403, officer_b=200, supervisor=403, admin=200)


@pytest.fixture
def report_a(agency_a):
    report = services.get_or_create_report(agency_a, 2017, actor=None)
    services.enter_figures(report, {"archive.total": 1, "archive.paper": 1}, None)
    return report


@pytest.mark.parametrize(
    ("url_name", "expected"),
    [
        ("reports_manage:list", EVERY_STAFF),
        ("reports_manage:create", CREATE),
        ("reports_manage:rollup", EVERY_STAFF),
    ],
)
def test_each_persona_gets_what_the_table_says(personas, client_for, url_name, expected):
    assert_access(client_for, personas, reverse(url_name), row(**expected))


@pytest.mark.parametrize(
    "url_name,kwargs",
    [("reports_manage:detail", {}), ("reports_manage:download", {"kind": "docx"})],
)
def test_report_pages_follow_the_view_capability(personas, client_for, report_a, url_name, kwargs):
    url = reverse(url_name, kwargs={"pk": report_a.pk, **kwargs})
    assert_access(client_for, personas, url, row(**VIEW_A))


def test_only_the_officer_submits_and_only_the_leader_approves(personas, client_for, report_a):
    without_admin = {k: v for k, v in personas.items() if k != "admin"}
    submit = reverse("reports_manage:step", kwargs={"pk": report_a.pk, "name": "submit"})
    expected = {
        k: v
        for k, v in row(
            officer_a=302, reviewer_a=403, leader_a=403, officer_b=404, supervisor=403, admin=302
        ).items()
        if k != "admin"
    }
    assert_access(client_for, without_admin, submit, expected, method="post")
    assert Report.objects.get(pk=report_a.pk).status == ReportStatus.SUBMITTED
    review = reverse("reports_manage:step", kwargs={"pk": report_a.pk, "name": "review"})
    expected = {
        k: v
        for k, v in row(
            officer_a=403, reviewer_a=302, leader_a=302, officer_b=404, supervisor=403, admin=302
        ).items()
        if k != "admin"
    }
    assert_access(client_for, without_admin, review, expected, method="post")
    assert Report.objects.get(pk=report_a.pk).status == ReportStatus.REVIEWED
    approve = reverse("reports_manage:step", kwargs={"pk": report_a.pk, "name": "approve"})
    expected = {
        k: v
        for k, v in row(
            officer_a=403, reviewer_a=403, leader_a=302, officer_b=404, supervisor=403, admin=302
        ).items()
        if k != "admin"
    }
    assert_access(client_for, without_admin, approve, expected, method="post")
    report = Report.objects.get(pk=report_a.pk)
    assert report.status == ReportStatus.APPROVED and report.approved_by == personas["leader_a"]


def test_the_officer_enters_figures_on_the_form(client_for, officer_a, report_a):
    url = reverse("reports_manage:detail", kwargs={"pk": report_a.pk})
    page = client_for(officer_a).get(url)
    assert 'name="f:archive.total"' in page.content.decode()
    assert "rules-data" in page.content.decode()
    response = client_for(officer_a).post(
        url, {"f:archive.total": "2", "f:archive.paper": "2", "f:org.visitors": ""}
    )
    assert response.status_code == 302
    figures = dict(report_a.figures.values_list("key", "value"))
    assert figures["archive.total"] == 2 and figures["org.visitors"] is None


def test_a_non_number_is_refused_with_the_cell_named(client_for, officer_a, report_a):
    url = reverse("reports_manage:detail", kwargs={"pk": report_a.pk})
    response = client_for(officer_a).post(url, {"f:archive.total": "三", "f:archive.paper": "7"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "“七、向图书馆、档案馆等查阅场所报送信息数”：不是数字" in page
    assert 'href="#cell-archive.total"' in page and 'aria-invalid="true"' in page
    assert 'value="三"' in page and 'value="7"' in page  # what was typed stays on the page
    assert report_a.figures.get(key="archive.total").value == 1
    assert not report_a.figures.filter(key="archive.paper", value=7).exists()  # nothing saved


def test_the_supervisor_cannot_change_figures(client_for, supervisor, report_a):
    url = reverse("reports_manage:detail", kwargs={"pk": report_a.pk})
    assert client_for(supervisor).post(url, {"f:archive.total": "9"}).status_code == 403


def test_org_records_page_follows_view_and_edit(personas, client_for, agency_a):
    url = reverse("reports_manage:org", kwargs={"code": agency_a.code, "year": 2017})
    assert_access(client_for, personas, url, row(**VIEW_A))
    without_admin = {k: v for k, v in personas.items() if k != "admin"}
    expected = {
        k: v
        for k, v in row(
            officer_a=302, reviewer_a=403, leader_a=403, officer_b=404, supervisor=403, admin=302
        ).items()
        if k != "admin"
    }
    data = {
        "form": "orgyear",
        "org-units": "1",
        "org-staff_full": "",
        "org-staff_part": "2",
        "org-budget": "0.5",
    }
    assert_access(client_for, without_admin, url, expected, method="post", data=data)
    from gongkai.agencies.models import OrgYear

    org = OrgYear.objects.get(agency=agency_a, year=2017)
    assert (org.units, org.staff_full, org.staff_part) == (1, None, 2)


def test_recorded_meetings_and_training_flow_into_the_report(client_for, officer_a, agency_a):
    url = reverse("reports_manage:org", kwargs={"code": agency_a.code, "year": 2017})
    c = client_for(officer_a)
    c.post(url, {"form": "orgyear", "org-units": "0", "org-staff_part": "1", "org-budget": "0"})
    c.post(
        url,
        {
            "form": "training",
            "training-date": "2017-04-01",
            "training-title": "业务培训",
            "training-trainees": "25",
        },
    )
    c.post(
        url, {"form": "meeting", "meeting-date": "2016-04-01", "meeting-title": "去年的会"}
    )  # refused: wrong year
    figures = services.build(agency_a, 2017).data.complete_figures()
    assert (figures["train.classes"], figures["train.trainees"], figures["train.meetings"]) == (
        1,
        25,
        0,
    )
    assert figures["org.staff"] == 1
