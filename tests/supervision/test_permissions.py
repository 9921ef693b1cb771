"""Who may open each staff page of the supervision module."""

import pytest
from django.urls import reverse

from gongkai.supervision import notices
from tests.access import assert_access, row

COVERED_URL_NAMES = {
    "supervision:console",
    "supervision:check",
    "supervision:rollup",
    "supervision:findings",
    "supervision:bulletin",
    "supervision:reminders",
    "supervision:notice",
    "supervision:notice_download",
}

SUPERVISORS = dict(
    officer_a=403, reviewer_a=403, leader_a=403, officer_b=403, supervisor=200, admin=200
)


def test_only_supervisors_open_the_console(personas, client_for):
    assert_access(client_for, personas, reverse("supervision:console"), row(**SUPERVISORS))
    xlsx = reverse("supervision:console") + "?export=xlsx"
    assert_access(client_for, personas, xlsx, row(**SUPERVISORS))


def test_only_supervisors_open_the_rollup(personas, client_for):
    assert_access(client_for, personas, reverse("supervision:rollup"), row(**SUPERVISORS))


def test_only_supervisors_see_a_bodys_findings(personas, client_for, agency_a):
    url = reverse("supervision:findings", args=[agency_a.code])
    assert_access(client_for, personas, url, row(**SUPERVISORS))


def test_a_supervisor_cannot_look_outside_the_subtree(client_for, supervisor):
    from tests.factories import AgencyFactory

    other = AgencyFactory(code="elsewhere")
    client = client_for(supervisor)
    assert client.get(reverse("supervision:findings", args=[other.code])).status_code == 404
    assert client.get(reverse("supervision:console") + "?under=elsewhere").status_code == 404


@pytest.mark.parametrize(
    "name", ["supervision:check", "supervision:bulletin", "supervision:reminders"]
)
def test_only_supervisors_run_checks_and_issue_notices(personas, client_for, name):
    expected = row(**{**SUPERVISORS, "supervisor": 302, "admin": 302})
    assert_access(
        client_for, personas, reverse(name), expected, method="post", data={"year": "2024"}
    )


def test_a_get_does_not_issue_anything(client_for, supervisor):
    assert client_for(supervisor).get(reverse("supervision:bulletin")).status_code == 405


@pytest.mark.parametrize("kind", ["", "docx", "pdf"])
def test_notices_are_seen_by_supervisors_only(
    personas, client_for, supervisor, agency_parent, kind
):
    notice = notices.issue_bulletin(agency_parent, 2024, "测政公开〔2025〕1号", supervisor)
    url = (
        reverse("supervision:notice_download", args=[notice.pk, kind])
        if kind
        else reverse("supervision:notice", args=[notice.pk])
    )
    assert_access(client_for, personas, url, row(**SUPERVISORS))
