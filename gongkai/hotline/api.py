"""JSON API of the hotline; mounted under /api/v1/ by gongkai.api.router.

`POST /hotline/tickets` (anonymous) and `GET /hotline/tickets/track` are the contract of issue
11 point 10; the staff step routes come from gongkai.workflow.api."""

from __future__ import annotations

from datetime import date, datetime

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import ConfigDict

from gongkai.agencies.models import Agency
from gongkai.api.errors import ErrorOut
from gongkai.api.openapi import required_by
from gongkai.core import throttle
from gongkai.hotline import intake, services, tracking
from gongkai.hotline.abuse import GUARD
from gongkai.hotline.choices import TicketChannel
from gongkai.hotline.forms import PublicIntakeForm
from gongkai.workflow.api import step_routes

router = Router(tags=["民生热线"])


class TicketIn(Schema):
    model_config = ConfigDict(json_schema_extra=required_by(PublicIntakeForm, also=("agency",)))

    agency: str | None = None
    name: str | None = None
    phone: str | None = None
    type: str | None = None
    category: str | None = None
    content: str | None = None
    address: str | None = None
    public_consent: bool | None = None


class TicketReceiptOut(Schema):
    ticket_no: str
    code: str
    received_at: datetime
    due_on: date | None


class TrackOut(Schema):
    ticket_no: str
    agency: str
    type: str
    type_label: str
    category: str
    status: str
    status_label: str
    received_at: datetime
    due_on: date | None
    body: str
    replied_on: date | None
    reply: str
    closed_on: date | None


@router.post(
    "/hotline/tickets",
    response={201: TicketReceiptOut, 400: ErrorOut, 429: ErrorOut},
    auth=None,
    summary="提交热线诉求（无需登录）",
)
def submit_ticket(request: HttpRequest, payload: TicketIn):
    data = {k: v for k, v in payload.dict().items() if v is not None}
    code = str(data.pop("agency", "") or "").strip()
    agency = Agency.objects.filter(code=code, is_active=True).first() if code else None
    form = PublicIntakeForm(data)
    errors = {} if form.is_valid() else {k: [str(e) for e in v] for k, v in form.errors.items()}
    if agency is None:
        errors["agency"] = ["请填写受理机关代码" if not code else f"受理机关“{code}”不存在"]
    if errors:
        return Status(400, {"detail": "诉求未提交，请按提示修改后重试", "errors": errors})
    GUARD.admit_api(request, agency)
    receipt = intake.intake(agency, form.cleaned_data, channel=TicketChannel.API, actor=None)
    GUARD.counted(request, agency)
    t = receipt.ticket
    return Status(
        201,
        {
            "ticket_no": t.ticket_no,
            "code": receipt.code,
            "received_at": t.received_at,
            "due_on": t.due_on,
        },
    )


@router.get(
    "/hotline/tickets/track",
    response={200: TrackOut, 404: ErrorOut, 429: ErrorOut},
    auth=None,
    summary="凭工单编号和查询码查询办理进度",
)
def track_ticket(request: HttpRequest, ticket_no: str = "", code: str = ""):
    # Too many failures raise throttle.Throttled: 429 in Chinese with Retry-After.
    ticket = tracking.check(ticket_no, code, throttle.client_address(request))
    if ticket is None:
        return Status(404, {"detail": tracking.WRONG_MESSAGE, "errors": {}})
    return Status(200, tracking.public_view(ticket))


step_routes(router, services.TICKET, "/manage/hotline/tickets", tags=["民生热线"])
step_routes(router, services.ASSIGNMENT, "/manage/hotline/assignments", tags=["民生热线"])
