"""Helpers shared by the public and staff views."""

from __future__ import annotations

from django.http import Http404, HttpResponse

from gongkai.applications import letters
from gongkai.core import throttle

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def document_response(data: bytes, fmt: str, filename: str, title: str = "") -> HttpResponse:
    """The DOCX as stored, or a PDF made from it; private (no caching by proxies)."""
    if fmt not in ("docx", "pdf"):
        raise Http404("格式不支持")
    if fmt == "pdf":
        body, content_type, ext = letters.docx_to_pdf(data, title), "application/pdf", "pdf"
    else:
        body, content_type, ext = data, DOCX, "docx"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{ext}"'
    response["Cache-Control"] = "private, no-store"
    return response


def client_ip(request) -> str:
    """The client's address, from the trusted proxy's header when there is one."""
    return throttle.client_address(request)
