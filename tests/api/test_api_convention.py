"""One API convention (issue 10, point 6): a test that fails when an endpoint departs from it.

Chinese tags; one error shape, documented on every operation; one pagination scheme
(offset/limit with bounds, {"count", "items"}); 401, not 403, without credentials."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from gongkai.api.router import api

CJK = re.compile(r"[\u4e00-\u9fff]")
# Small fixed enumerations declared in code (not records that grow): a bare array is fine —
# the declared workflows, and the steps a record allows now.
ENUMERATIONS = re.compile(r"^/api/v1/manage/workflows$|/\{pk\}/steps$")
ERROR_REF = "#/components/schemas/ErrorOut"


def operations():
    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    for path, ops in schema["paths"].items():
        for method, op in ops.items():
            yield schema, path, method, op


OPS = list(operations())
IDS = [f"{m.upper()} {p}" for _, p, m, _ in OPS]


def _resolve(schema: dict, node: dict) -> dict:
    while "$ref" in node:
        node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[1]]
    return node


@pytest.mark.parametrize(("schema", "path", "method", "op"), OPS, ids=IDS)
def test_every_operation_follows_the_convention(schema, path, method, op):
    assert op.get("tags") and all(CJK.search(t) for t in op["tags"]), "router tags in Chinese"
    assert op.get("summary") and CJK.search(op["summary"]), "a Chinese summary"
    responses = {str(k): v for k, v in op["responses"].items()}
    for code, response in responses.items():
        if code.startswith(("4", "5")):
            ref = response["content"]["application/json"]["schema"].get("$ref")
            assert ref == ERROR_REF, f"{code} answers in the one error shape"
    assert "429" in responses
    if op.get("security"):
        assert {"401", "403"} <= set(responses)
    params = {p["name"]: p for p in op.get("parameters", [])}
    if any(p["in"] == "path" for p in params.values()):
        assert "404" in responses
    for name in ("offset", "limit", "year"):
        if name in params:
            bounds = params[name]["schema"]
            if "anyOf" in bounds:
                bounds = next(b for b in bounds["anyOf"] if b.get("type") == "integer")
            assert "minimum" in bounds and "maximum" in bounds, f"{name} is bounded"
    ok = responses.get("200", {}).get("content", {}).get("application/json")
    if ok and "schema" in ok:
        body = _resolve(schema, ok["schema"])
        if not ENUMERATIONS.search(path):
            assert body.get("type") != "array", "lists answer {count, items}, not a bare array"
        if "items" in body.get("properties", {}):
            assert {"offset", "limit"} <= set(params) and "count" in body["properties"]


SECURED = [(p, m) for _, p, m, op in OPS if op.get("security")]


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "method"), SECURED, ids=[f"{m} {p}" for p, m in SECURED])
def test_requests_without_credentials_get_401_in_the_error_shape(path, method):
    url = re.sub(r"\{[^}]+\}", "1", path)
    response = getattr(Client(), method)(url, content_type="application/json")
    assert response.status_code == 401
    assert response.json() == {"detail": "未登录，或接口令牌无效", "errors": {}}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"offset": -1}, "offset"),
        ({"offset": 2**64}, "offset"),
        ({"limit": 0}, "limit"),
        ({"limit": 10**6}, "limit"),
        ({"year": 9999}, "year"),
        ({"year": "二〇二五"}, "year"),
    ],
)
def test_out_of_range_paging_and_years_are_refused_in_chinese(client, query, field):
    response = client.get("/api/v1/items", query)
    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "提交的内容有误" and CJK.search(body["errors"][field][0])


@pytest.mark.django_db
def test_ids_that_do_not_exist_are_404_in_chinese(client_for, officer_a):
    staff = client_for(officer_a)
    for url in (
        "/api/v1/manage/applications/999999",
        f"/api/v1/manage/applications/{2**63 + 5}",
        "/api/v1/items/999999",
    ):
        response = staff.get(url)
        assert response.status_code in (404, 422), url
        assert CJK.search(response.json()["detail"])


# Input schemas whose every field may be left out (an optional comment, step data checked by
# the step's own form, paging with defaults).
ALL_OPTIONAL = {"StepIn", "CommentIn", "SignOffIn", "PageIn"}


def test_every_input_schema_marks_its_required_fields():
    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    bodies = {
        op["requestBody"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
        for _, _, _, op in OPS
        if "requestBody" in op
    }
    components = schema["components"]["schemas"]
    unmarked = [name for name in bodies - ALL_OPTIONAL if not components[name].get("required")]
    assert unmarked == []
    assert components["ApplicationIn"]["required"] == [
        "agency",
        "applicant_type",
        "name",
        "id_type",
        "id_number",
        "phone",
        "description",
        "delivery",
    ]
    assert set(components["TicketIn"]["required"]) >= {"agency", "phone", "content"}


@pytest.mark.django_db
def test_a_field_marked_required_is_refused_when_missing(client, agency_a):
    from tests.applications.factories import person_data

    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    full = {**person_data(), "agency": agency_a.code}
    for name in schema["components"]["schemas"]["ApplicationIn"]["required"]:
        body = {k: v for k, v in full.items() if k != name}
        response = client.post("/api/v1/applications", body, content_type="application/json")
        assert response.status_code == 400, name
        assert CJK.search(response.json()["errors"][name][0]), name
