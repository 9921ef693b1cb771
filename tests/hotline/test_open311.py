"""Open311 GeoReport v2: the specification's requests and responses, in JSON and XML; a request
posted by a partner system is a ticket in the centre's queue; reading never shows the caller."""

import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from gongkai.hotline.choices import TicketChannel
from gongkai.hotline.models import PartnerSystem, Ticket

pytestmark = pytest.mark.django_db


@pytest.fixture
def key(agency_a):
    return PartnerSystem.issue(agency_a, "市级平台", PartnerSystem.Kind.OPEN311)[1]


REQUEST = {  # a plausible request, without its api_key
    "service_code": "housing-property",
    "attribute[type]": "complaint",
    "description": "小区电梯经常停运，物业不修理。",
    "first_name": "三",
    "last_name": "张",
    "phone": "13800001111",
    "address_string": "周村区某小区5号楼",
}


def post(key, fmt="json", **extra):
    return Client().post(f"/open311/v2/requests.{fmt}", {"api_key": key, **REQUEST, **extra})


def test_discovery_and_services_list_the_category_tree():
    client = Client()
    discovery = client.get("/open311/v2/discovery.json").json()
    assert discovery["endpoints"][0]["specification"].endswith("GeoReport_v2")
    services = client.get("/open311/v2/services.json").json()
    codes = {s["service_code"]: s for s in services}
    assert (
        codes["housing-property"]["group"] == "住房保障" and codes["housing-property"]["metadata"]
    )
    root = ET.fromstring(client.get("/open311/v2/services.xml").content)
    assert root.tag == "services" and root.find("service/service_code") is not None


def test_a_service_definition_offers_the_types():
    definition = Client().get("/open311/v2/services/housing-property.json").json()
    attribute = definition["attributes"][0]
    assert attribute["code"] == "type" and attribute["required"] is True
    assert {v["key"] for v in attribute["values"]} >= {"consult", "complaint", "praise"}
    assert Client().get("/open311/v2/services/nope.json").status_code == 404


def test_a_posted_request_is_a_ticket_in_the_queue_and_round_trips(key, agency_a, officer_a):
    response = post(key)
    assert response.status_code == 201
    created = response.json()[0]
    ticket = Ticket.objects.get(ticket_no=created["service_request_id"])
    assert ticket.channel == TicketChannel.API and ticket.agency == agency_a
    assert ticket.name == "张 三" and "查询码" in created["service_notice"]
    staff = Client()
    staff.force_login(officer_a)
    assert ticket.ticket_no in staff.get("/manage/hotline/").content.decode()
    fetched = Client().get(f"/open311/v2/requests/{ticket.ticket_no}.json").json()[0]
    assert fetched["service_request_id"] == ticket.ticket_no and fetched["status"] == "open"
    assert fetched["service_code"] == "housing-property"
    xml = ET.fromstring(Client().get(f"/open311/v2/requests/{ticket.ticket_no}.xml").content)
    assert xml.tag == "service_requests" and xml.find("request/status").text == "open"


def test_reading_requests_never_shows_the_caller(key):
    post(key)
    body = Client().get("/open311/v2/requests.json").content.decode()
    for private in ("13800001111", "张", "5号楼", "电梯经常停运"):
        assert private not in body
    post(key, description="建议在小区门口增设公交站牌。", public_consent="1")
    listed = Client().get("/open311/v2/requests.json?status=open").json()
    assert len(listed) == 2


def test_errors_follow_the_specification(key):
    denied = post("wrong-key")
    assert denied.status_code == 403 and denied.json()[0]["code"] == 403
    missing = post(key, **{"attribute[type]": ""})
    assert missing.status_code == 400 and "诉求类型" in missing.json()[0]["description"]
    xml = ET.fromstring(post(key, "xml", service_code="nope").content)
    assert xml.tag == "errors" and xml.find("error/code").text == "404"
    bad_date = Client().get("/open311/v2/requests.json?start_date=yesterday")
    assert bad_date.status_code == 400
    assert Ticket.objects.count() == 0


def test_filters_by_ids_and_status(key):
    first = post(key).json()[0]["service_request_id"]
    post(key, description="路灯不亮已经三天了，请维修。")
    only = Client().get(f"/open311/v2/requests.json?service_request_id={first}").json()
    assert [r["service_request_id"] for r in only] == [first]
    assert Client().get("/open311/v2/requests.json?status=closed").json() == []
