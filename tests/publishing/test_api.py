import json

import pytest
from django.test import Client

from gongkai.publishing.models import ItemStatus
from tests.publishing.helpers import draft, published

pytestmark = pytest.mark.django_db


def test_items_list_and_search(agency_a, officer_a, leader_a):
    item = published(agency_a, officer_a, leader_a, title="政务公开工作要点", kind="normative")
    published(agency_a, officer_a, leader_a, title="植树通知", body="<p>植树</p>")
    draft(agency_a, officer_a, title="政务草稿")
    client = Client()
    data = client.get("/api/v1/items").json()
    assert data["count"] == 2
    response = client.get(
        "/api/v1/items", {"q": "政务", "agency": agency_a.code, "kind": "normative"}
    )
    assert "政务公开工作要点" in response.content.decode()  # real characters, not \\u escapes
    data = response.json()
    assert data["count"] == 1
    got = data["items"][0]
    assert got["索引号"] == item.index_number and got["agency"] == agency_a.name
    assert got["url"].endswith(item.get_absolute_url()) and got["kind"] == "normative"
    year = item.published_at.year
    assert client.get("/api/v1/items", {"year": year}).json()["count"] == 2
    assert client.get("/api/v1/items", {"year": year - 1}).json()["count"] == 0


def test_bad_filters_get_a_chinese_error():
    client = Client()
    response = client.get("/api/v1/items", {"kind": "nope"})
    assert response.status_code == 400 and "信息类型" in response.json()["detail"]
    assert client.get("/api/v1/items", {"agency": "nope"}).status_code == 400


def test_one_item_and_drafts_are_hidden(agency_a, officer_a, leader_a):
    item = published(agency_a, officer_a, leader_a)
    hidden = draft(agency_a, officer_a)
    client = Client()
    assert client.get(f"/api/v1/items/{item.pk}").json()["title"] == item.title
    assert client.get(f"/api/v1/items/{hidden.pk}").status_code == 404


def test_staff_workflow_through_the_api_has_the_same_permissions(
    agency_a, officer_a, reviewer_a, leader_a, officer_b, supervisor, client_for
):
    item = draft(agency_a, officer_a)
    post = lambda user, step, body=None: client_for(user).post(  # noqa: E731
        f"/api/v1/publishing/items/{item.pk}/{step}",
        json.dumps(body or {}),
        content_type="application/json",
    )
    assert Client().post(f"/api/v1/publishing/items/{item.pk}/submit").status_code == 401
    assert post(officer_b, "submit").status_code == 404
    assert post(supervisor, "submit").status_code == 403
    assert post(officer_a, "submit").json()["status"] == ItemStatus.REVIEW
    assert post(reviewer_a, "approve").json()["status"] == ItemStatus.SIGNOFF
    assert post(officer_a, "sign-off").status_code == 403
    assert post(supervisor, "sign-off").status_code == 403
    done = post(leader_a, "sign-off", {"comment": "同意"}).json()
    assert done["status"] == ItemStatus.PUBLISHED and done["index_number"]
    assert post(leader_a, "withdraw", {"reason": ""}).status_code == 409
    assert post(leader_a, "withdraw", {"reason": "有误"}).json()["status"] == ItemStatus.WITHDRAWN
    listing = client_for(supervisor).get("/api/v1/publishing/items").json()
    assert [i["id"] for i in listing["items"]] == [item.pk] and listing["count"] == 1
    assert client_for(officer_b).get("/api/v1/publishing/items").json() == {"count": 0, "items": []}


def test_openapi_lists_the_item_endpoints():
    schema = Client().get("/api/v1/openapi.json").json()
    assert "/api/v1/items" in schema["paths"] and "/api/v1/items/{item_id}" in schema["paths"]
