import json

import pytest
from django.test import Client

from tests.factories import AgencyFactory, ReadingPointFactory

pytestmark = pytest.mark.django_db


def test_the_column_lists_bodies_by_level_and_finds_by_name(agency_parent, agency_a, agency_b):
    client = Client()
    page = client.get("/xxgk/").content.decode()
    assert "测试区甲局" in page and "测试区乙局" in page and "县区" in page
    found = client.get("/xxgk/", {"q": "甲"}).content.decode()
    assert "测试区甲局" in found and "测试区乙局" not in found


def test_a_body_page_shows_its_contact_block_and_the_guide_page_its_reading_points(agency_a):
    agency_a.address = "测试路8号"
    agency_a.office_hours = "工作日 9:00–17:00"
    agency_a.save()
    ReadingPointFactory(agency=agency_a, name="政务大厅查阅点")
    home = Client().get(f"/xxgk/{agency_a.code}/").content.decode()
    for text in ("测试路8号", "0533-6000001", "工作日 9:00–17:00", f"/xxgk/{agency_a.code}/zn/"):
        assert text in home
    guide = Client().get(f"/xxgk/{agency_a.code}/zn/").content.decode()
    for text in ("政府信息公开指南", "测试路8号", "政务大厅查阅点", "依申请公开"):
        assert text in guide


def test_an_unknown_body_is_404():
    assert Client().get("/xxgk/no-such-body/").status_code == 404


def test_the_api_finds_bodies_by_name_part_with_real_chinese(agency_parent, agency_a, agency_b):
    response = Client().get("/api/v1/agencies", {"q": "甲局"})
    assert response.status_code == 200
    raw = response.content.decode()
    assert "测试区甲局" in raw and "\\u" not in raw
    data = json.loads(raw)
    assert data["count"] == 1
    assert data["items"] == [
        {
            "code": "body-a",
            "name": "测试区甲局",
            "level": "county",
            "kind": "department",
            "parent": "parent",
        }
    ]


def test_the_api_paginates_and_counts(agency_parent):
    for _ in range(5):
        AgencyFactory(parent=agency_parent, name=f"分页机关{_}")
    data = Client().get("/api/v1/agencies", {"q": "分页", "limit": 2}).json()
    assert data["count"] == 5 and len(data["items"]) == 2


def test_openapi_document_is_served():
    doc = Client().get("/api/v1/openapi.json").json()
    assert "/api/v1/agencies" in doc["paths"]


def test_public_pages_carry_no_personal_data(agency_a):
    """The privacy scanner finds nothing on the public column."""
    from gongkai.rules import privacy as scanner

    for url in ("/xxgk/", f"/xxgk/{agency_a.code}/"):
        html = Client().get(url).content.decode()
        findings = scanner.scan_html(html, allow=agency_a.published_contacts())
        assert not findings, (url, findings)
