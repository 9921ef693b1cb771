"""The API docs page works on an intranet without internet: Swagger UI comes from our own
static files, and the schema speaks Chinese."""

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_the_docs_page_loads_swagger_from_our_static_files_only():
    page = Client().get("/api/v1/docs").content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert any(s.endswith("swagger-ui-bundle.js") for s in sources)
    assert all(s.startswith("/") for s in sources), sources  # nothing from a CDN
    for src in sources:
        if src.startswith("/static/"):
            assert Client().get(src).status_code == 200, src


def test_schema_titles_are_chinese():
    schema = Client().get("/api/v1/openapi.json").json()
    assert schema["info"]["title"] == "政府信息公开平台接口"
    for name, component in schema["components"]["schemas"].items():
        assert not component["title"].isascii(), name
        for prop, spec in component.get("properties", {}).items():
            assert not spec["title"].isascii(), (name, prop)
    for path, operations in schema["paths"].items():
        for op in operations.values():
            assert not op["summary"].isascii(), path
            for param in op.get("parameters", []):
                assert not param["schema"]["title"].isascii(), (path, param["name"])
