"""One answer, two formats: GeoReport v2 speaks JSON and XML with the same element names."""

from __future__ import annotations

import json
from xml.etree.ElementTree import Element, SubElement, tostring

from django.http import HttpResponse

# The XML element of each list member, by the list's element (GeoReport v2's own names).
ITEM_TAGS = {
    "services": "service",
    "service_requests": "request",
    "errors": "error",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
    "keywords": "keyword",
}


def _fill(parent: Element, value) -> None:
    if isinstance(value, dict):
        for key, sub in value.items():
            _fill(SubElement(parent, key), sub)
    elif isinstance(value, list):
        tag = ITEM_TAGS.get(parent.tag, "item")
        for sub in value:
            _fill(SubElement(parent, tag), sub)
    elif value is None:
        return
    elif isinstance(value, bool):
        parent.text = "true" if value else "false"
    else:
        parent.text = str(value)


def to_xml(root: str, data) -> bytes:
    element = Element(root)
    _fill(element, data)
    return b'<?xml version="1.0" encoding="utf-8"?>' + tostring(element, encoding="utf-8")


def respond(fmt: str, root: str, data, status: int = 200) -> HttpResponse:
    if fmt == "xml":
        return HttpResponse(
            to_xml(root, data), status=status, content_type="text/xml; charset=utf-8"
        )
    return HttpResponse(
        json.dumps(data, ensure_ascii=False),
        status=status,
        content_type="application/json; charset=utf-8",
    )


def error(fmt: str, status: int, description: str) -> HttpResponse:
    return respond(fmt, "errors", [{"code": status, "description": description}], status)
