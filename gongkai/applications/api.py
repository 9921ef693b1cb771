"""JSON API of this module; gongkai.api.router mounts `router` under /api/v1/.

Input is validated by the same Django forms as the pages, so errors are the same field-by-field
Chinese messages: `{"detail": "...", "errors": {"field": ["..."]}}`."""

from __future__ import annotations

from datetime import date
from typing import Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema, Status
from pydantic import ConfigDict

from gongkai.agencies.models import Agency
from gongkai.agencies.scope import Capability, get_scoped_or_404, scope_queryset
from gongkai.api.auth import staff_auth
from gongkai.api.errors import ErrorOut
from gongkai.api.openapi import required_by
from gongkai.applications import abuse, clock, letters, services, tracking
from gongkai.applications.choices import APPLICANT_LETTERS, InfoForm
from gongkai.applications.forms import ApplicationForm
from gongkai.applications.models import Application
from gongkai.applications.views.common import client_ip
from gongkai.core import throttle
from gongkai.core.paging import PageIn, page
from gongkai.workflow.api import step_routes

router = Router(tags=["依申请公开"])


class ApplicationIn(Schema):
    # The info form follows from the delivery when absent (submit_application).
    model_config = ConfigDict(
        json_schema_extra=required_by(ApplicationForm, also=("agency",), defaulted=("info_form",))
    )

    agency: str | None = None
    applicant_type: str | None = None
    name: str | None = None
    id_type: str | None = None
    id_number: str | None = None
    phone: str | None = None
    email: str | None = None
    address: str | None = None
    description: str | None = None
    delivery: str | None = None
    info_form: str | None = None
    org_name: str | None = None
    uscc: str | None = None
    legal_rep: str | None = None
    contact_person: str | None = None
    postcode: str | None = None
    purpose: str | None = None


class ReceiptOut(Schema):
    receipt_no: str
    verification_code: str
    received_on: date
    due_on: date | None


class LetterOut(Schema):
    id: int
    title: str
    date: date
    docx: str
    pdf: str


class TrackOut(Schema):
    receipt_no: str
    agency: str
    status: str
    status_label: str
    outcome: str
    outcome_label: str
    received_on: date
    due_on: date | None
    clock_state: str
    letters: list[LetterOut]


class StaffApplicationOut(Schema):
    id: int
    receipt_no: str
    agency: str
    status: str
    outcome: str
    received_on: date
    due_on: date | None
    clock_state: str


def _form_errors(form) -> dict[str, list[str]]:
    return {field: [str(e) for e in errs] for field, errs in form.errors.items()}


@router.post(
    "/applications",
    response={201: ReceiptOut, 400: ErrorOut, 429: ErrorOut},
    auth=None,
    summary="提交政府信息公开申请（无需登录）",
)
def submit_application(request: HttpRequest, payload: ApplicationIn):
    data = payload.dict()
    code = (data.pop("agency") or "").strip()
    agency = Agency.objects.filter(code=code, is_active=True).first() if code else None
    if not data.get("info_form"):
        data["info_form"] = (
            InfoForm.PAPER if data.get("delivery") in ("post", "pickup") else InfoForm.ELECTRONIC
        )
    form = ApplicationForm({k: v for k, v in data.items() if v is not None})
    valid = form.is_valid()
    errors = _form_errors(form) if not valid else {}
    if agency is None:
        errors["agency"] = ["请填写受理机关代码" if not code else f"受理机关“{code}”不存在"]
    if errors:
        return Status(400, {"detail": "申请未提交，请按提示修改后重试", "errors": errors})
    abuse.admit_api(request, agency)
    receipt = services.submit(agency, form.cleaned_data, [], actor=None)  # the public applies
    abuse.counted(request, agency)
    app = receipt.application
    return Status(
        201,
        {
            "receipt_no": app.receipt_no,
            "verification_code": receipt.code,
            "received_on": app.received_on,
            "due_on": app.due_on,
        },
    )


def _letters(request, app: Application, code: str) -> list[dict]:
    out = []
    for d in app.determinations.all():
        if d.kind in APPLICANT_LETTERS:
            url = (
                f"/api/v1/applications/track/letters/{d.pk}?receipt_no={app.receipt_no}&code={code}"
            )
            out.append(
                {
                    "id": d.pk,
                    "title": d.letter_title,
                    "date": d.on,
                    "docx": url + "&fmt=docx",
                    "pdf": url + "&fmt=pdf",
                }
            )
    return out


@router.get(
    "/applications/track",
    response={200: TrackOut, 404: ErrorOut, 429: ErrorOut},
    auth=None,
    summary="凭受理编号和查询码查询申请",
)
def track_application(request: HttpRequest, receipt_no: str, code: str):
    result = tracking.check(receipt_no, code, client_ip(request))
    if result.throttled:
        raise throttle.Throttled(tracking.TRACK_PER_CLIENT, result.retry_after)
    app = result.application
    if app is None:
        return Status(404, {"detail": tracking.WRONG_MESSAGE})
    view = clock.compute(app)
    return Status(
        200,
        {
            "receipt_no": app.receipt_no,
            "agency": app.agency.name,
            "status": app.status,
            "status_label": app.get_status_display(),
            "outcome": app.outcome,
            "outcome_label": app.get_outcome_display() if app.outcome else "",
            "received_on": app.received_on,
            "due_on": view.due_on if app.is_open else app.due_on,
            "clock_state": view.state,
            "letters": _letters(request, app, code),
        },
    )


@router.get(
    "/applications/track/letters/{letter_id}",
    auth=None,
    response={404: ErrorOut, 429: ErrorOut},
    summary="下载答复文书",
)
def track_letter(
    request: HttpRequest, letter_id: int, receipt_no: str, code: str, fmt: str = "pdf"
):
    from gongkai.applications.views.common import document_response

    result = tracking.check(receipt_no, code, client_ip(request))
    if result.throttled:
        raise throttle.Throttled(tracking.TRACK_PER_CLIENT, result.retry_after)
    app = result.application
    det = app.determinations.filter(pk=letter_id).first() if app else None
    if det is None or det.kind not in APPLICANT_LETTERS or fmt not in ("docx", "pdf"):
        return Status(404, {"detail": tracking.WRONG_MESSAGE if app is None else "没有该文书"})
    return document_response(
        letters.letter_bytes(det), fmt, f"{app.receipt_no}-{det.pk}", det.letter_title
    )


def _staff_row(app: Application, today: date, cal) -> dict:
    return {
        "id": app.pk,
        "receipt_no": app.receipt_no,
        "agency": app.agency.code,
        "status": app.status,
        "outcome": app.outcome,
        "received_on": app.received_on,
        "due_on": app.due_on,
        "clock_state": clock.state_for(app.due_on, app.status, today, cal),
    }


class WorklistFilter(PageIn):
    show: Literal["open", "closed", "all"] = "open"


class StaffApplicationListOut(Schema):
    count: int
    items: list[StaffApplicationOut]


@router.get(
    "/manage/applications",
    auth=staff_auth,
    response=StaffApplicationListOut,
    summary="工作人员：申请待办（按答复期限排序）",
)
def staff_worklist(request: HttpRequest, filters: Query[WorklistFilter]):
    from django.db.models import F

    qs = scope_queryset(Application.objects.select_related("agency"), request.user, Capability.VIEW)
    if filters.show == "open":
        qs = qs.open()
    elif filters.show == "closed":
        qs = qs.closed()
    qs = qs.order_by(F("due_on").asc(nulls_last=True), "received_on", "id")
    count, rows = page(qs, filters)
    today, cal = timezone.localdate(), clock.current_calendar()
    return {"count": count, "items": [_staff_row(a, today, cal) for a in rows]}


@router.get(
    "/manage/applications/{app_id}",
    auth=staff_auth,
    response=StaffApplicationOut,
    summary="工作人员：申请详情",
)
def staff_detail(request: HttpRequest, app_id: int):
    app = get_scoped_or_404(
        Application.objects.select_related("agency"), request.user, Capability.VIEW, pk=app_id
    )
    return _staff_row(app, timezone.localdate(), clock.current_calendar())


def _staff_now(app: Application) -> dict:
    return _staff_row(app, timezone.localdate(), clock.current_calendar())


# GET /manage/applications/{pk}/steps and POST /manage/applications/{pk}/steps/{name} with
# {"data": {...}}: every declared step, its input typed by the step's schema and checked by
# the same form as the page; a refused step answers 400 {"detail": ..., "errors": {...}}.
step_routes(
    router,
    services.APPLICATION,
    "/manage/applications",
    serialize=_staff_now,
    response=StaffApplicationOut,
)
