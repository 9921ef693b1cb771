"""GeoReport v2 resources: discovery, services, service definitions, requests.

Services are the categories of the tree (service_code = category code), each with one required
attribute, 诉求类型. A request POSTed by a partner system with its API key becomes a ticket of the
key's centre on channel "api", in the agents' queue like any other. Reading requests is public,
so it never shows the caller: no name, phone, address or position, and the description only
where the caller agreed to publication.
"""

from __future__ import annotations

import json
from datetime import datetime, time, timedelta

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from gongkai.agencies.models import Agency
from gongkai.hotline.channels.common import ChannelError, clean_intake
from gongkai.hotline.choices import TicketChannel, TicketStatus, TicketType
from gongkai.hotline.intake import intake
from gongkai.hotline.models import Category, PartnerSystem, Ticket
from gongkai.hotline.open311.render import error, respond

MAX_REQUESTS = 1000
DEFAULT_WINDOW = timedelta(days=90)


def _fmt(fmt: str) -> str:
    return "xml" if fmt == "xml" else "json"


@require_GET
def discovery(request: HttpRequest, fmt: str) -> HttpResponse:
    base = request.build_absolute_uri(reverse("open311:root"))
    return respond(
        _fmt(fmt),
        "discovery",
        {
            "changeset": "2026-12-01T00:00:00+08:00",
            "contact": settings.GONGKAI_OPEN311_CONTACT,
            "key_service": "向热线中心申请接入密钥（gongkai hotline issue-key）",
            "endpoints": [
                {
                    "specification": "http://wiki.open311.org/GeoReport_v2",
                    "url": base,
                    "changeset": "2026-12-01T00:00:00+08:00",
                    "type": "production",
                    "formats": ["application/json", "text/xml"],
                }
            ],
        },
    )


def _services():
    return Category.objects.filter(is_active=True).select_related("parent").order_by("order", "id")


def _service(category: Category) -> dict:
    return {
        "service_code": category.code,
        "service_name": category.full_name,
        "description": f"{category.full_name}方面的咨询、求助、投诉、举报和建议",
        "metadata": True,
        "type": "realtime",
        "keywords": category.name,
        "group": category.top.name,
    }


@require_GET
def services(request: HttpRequest, fmt: str) -> HttpResponse:
    fmt = _fmt(fmt)
    if (problem := _jurisdiction(request.GET)) is not None and isinstance(problem, str):
        return error(fmt, 404, problem)
    return respond(fmt, "services", [_service(c) for c in _services()])


@require_GET
def service_definition(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    fmt = _fmt(fmt)
    category = _services().filter(code=code).first()
    if category is None:
        return error(fmt, 404, f"没有代码为“{code}”的服务")
    return respond(
        fmt,
        "service_definition",
        {
            "service_code": category.code,
            "attributes": [
                {
                    "variable": True,
                    "code": "type",
                    "datatype": "singlevaluelist",
                    "required": True,
                    "datatype_description": "诉求类型",
                    "order": 1,
                    "description": "诉求类型",
                    "values": [{"key": k, "name": str(v)} for k, v in TicketType.choices],
                }
            ],
        },
    )


def _jurisdiction(params) -> Agency | str | None:
    """The centre named by jurisdiction_id (its agency code); None when not given."""
    code = (params.get("jurisdiction_id") or "").strip()
    if not code:
        return None
    agency = Agency.objects.filter(code=code).first()
    return agency if agency is not None else f"没有代码为“{code}”的辖区"


def _params(request: HttpRequest) -> dict:
    """POST parameters, form-encoded as the specification says, or as a JSON object."""
    if request.content_type == "application/json":
        try:
            data = json.loads(request.body or b"{}")
        except ValueError:  # not JSON, not UTF-8/16/32, a number past Python's digit limit
            raise ChannelError("请求体不是有效的 JSON") from None
        if not isinstance(data, dict):
            raise ChannelError("请求体应为 JSON 对象")
        return {str(k): "" if v is None else str(v) for k, v in data.items()}
    return {k: request.POST.get(k, "") for k in request.POST}


@csrf_exempt
@require_http_methods(["GET", "POST"])
def requests_(request: HttpRequest, fmt: str) -> HttpResponse:
    fmt = _fmt(fmt)
    if request.method == "POST":
        return _create(request, fmt)
    return _list(request, fmt)


def _create(request: HttpRequest, fmt: str) -> HttpResponse:
    try:
        params = _params(request)
    except ChannelError as exc:
        return error(fmt, 400, str(exc))
    system = PartnerSystem.for_key(params.get("api_key", ""), PartnerSystem.Kind.OPEN311)
    if system is None:
        return error(fmt, 403, "api_key 无效或已停用")
    named = _jurisdiction(params)
    if isinstance(named, str):
        return error(fmt, 404, named)
    if named is not None and named.pk != system.agency_id:
        return error(fmt, 403, "该 api_key 不能向此辖区提交")
    code = params.get("service_code", "").strip()
    if not code:
        return error(fmt, 400, "service_code 为必填项")
    if not _services().filter(code=code).exists():
        return error(fmt, 404, f"没有代码为“{code}”的服务")
    name = " ".join(p for p in (params.get("last_name", ""), params.get("first_name", "")) if p)
    data = {
        "type": params.get("attribute[type]", "").strip(),
        "category": code,
        "content": params.get("description", ""),
        "name": name.strip()[:50],
        "phone": params.get("phone", ""),
        "address": params.get("address_string", ""),
    }
    if not data["type"]:
        return error(fmt, 400, "attribute[type]（诉求类型）为必填项")
    try:
        cleaned = clean_intake(data)
    except ChannelError as exc:
        return error(fmt, 400, str(exc))
    receipt = intake(system.agency, cleaned, channel=TicketChannel.API, actor=None)
    return respond(
        fmt,
        "service_requests",
        [
            {
                "service_request_id": receipt.ticket.ticket_no,
                "service_notice": f"已受理。查询码 {receipt.code}，请转告诉求人妥善保存。",
                "account_id": None,
            }
        ],
        201,
    )


def _when(value: str, name: str) -> datetime | None:
    if not value:
        return None
    parsed = parse_datetime(value)
    if parsed is None:
        raise ChannelError(f"{name} 应为 W3C 日期时间，例如 2026-12-01T09:00:00+08:00")
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def _list(request: HttpRequest, fmt: str) -> HttpResponse:
    params = request.GET
    named = _jurisdiction(params)
    if isinstance(named, str):
        return error(fmt, 404, named)
    qs = Ticket.objects.counted().select_related("category__parent", "body")
    if named is not None:
        qs = qs.filter(agency=named)
    ids = [i.strip() for i in params.get("service_request_id", "").split(",") if i.strip()]
    if ids:
        qs = qs.filter(ticket_no__in=ids[:MAX_REQUESTS])
    else:
        try:
            start = _when(params.get("start_date", ""), "start_date")
            end = _when(params.get("end_date", ""), "end_date")
        except ChannelError as exc:
            return error(fmt, 400, str(exc))
        end = end or timezone.now()
        start = start or end - DEFAULT_WINDOW
        qs = qs.filter(received_at__gte=start, received_at__lte=end)
        codes = [c.strip() for c in params.get("service_code", "").split(",") if c.strip()]
        if codes:
            qs = qs.filter(category__code__in=codes)
        status = params.get("status", "").strip()
        if status == "open":
            qs = qs.exclude(status=TicketStatus.CLOSED)
        elif status == "closed":
            qs = qs.filter(status=TicketStatus.CLOSED)
        elif status:
            return error(fmt, 400, "status 只能为 open 或 closed")
    rows = [_request_row(t) for t in qs.order_by("-received_at", "-id")[:MAX_REQUESTS]]
    return respond(fmt, "service_requests", rows)


@require_GET
def request_detail(request: HttpRequest, ticket_no: str, fmt: str) -> HttpResponse:
    fmt = _fmt(fmt)
    ticket = (
        Ticket.objects.counted()
        .select_related("category__parent", "body")
        .filter(ticket_no=ticket_no)
        .first()
    )
    if ticket is None:
        return error(fmt, 404, f"没有编号为“{ticket_no}”的诉求")
    return respond(fmt, "service_requests", [_request_row(ticket)])


def _request_row(ticket: Ticket) -> dict:
    expected = None
    if ticket.due_on:
        expected = timezone.make_aware(datetime.combine(ticket.due_on, time(17, 30))).isoformat()
    return {
        "service_request_id": ticket.ticket_no,
        "status": "closed" if ticket.status == TicketStatus.CLOSED else "open",
        "status_notes": TicketStatus(ticket.status).label,
        "service_name": ticket.category.full_name if ticket.category_id else "",
        "service_code": ticket.category.code if ticket.category_id else "",
        "description": ticket.content if ticket.public_consent else "",
        "agency_responsible": ticket.body.name if ticket.body_id else ticket.agency.name,
        "service_notice": "",
        "requested_datetime": timezone.localtime(ticket.received_at).isoformat(),
        "updated_datetime": timezone.localtime(ticket.updated_at).isoformat(),
        "expected_datetime": expected,
        "address": "",
        "address_id": "",
        "zipcode": "",
        "lat": None,
        "long": None,
        "media_url": "",
    }
