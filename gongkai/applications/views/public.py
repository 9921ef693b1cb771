"""Public pages: the online application form and the applicant's tracking page."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.agencies.models import Agency
from gongkai.applications import abuse, actions, clock, letters, services, tracking
from gongkai.applications.choices import APPLICANT_LETTERS, ApplicationStatus
from gongkai.applications.forms import ApplicationForm, SupplementForm, TrackForm
from gongkai.applications.models import Application
from gongkai.applications.releases import released_files
from gongkai.applications.views.common import client_ip, document_response
from gongkai.audit.services import record
from gongkai.core import throttle

SESSION_RECEIPT = "ysqgk_receipt"
SESSION_TRACKED = "ysqgk_tracked"


def _agency(code: str) -> Agency:
    return get_object_or_404(Agency, code=code, is_active=True)


@never_cache
@require_http_methods(["GET", "POST"])
def apply(request, code: str):
    agency = _agency(code)
    if request.method == "POST":
        try:
            abuse.admit(request, agency)
        except throttle.Throttled as exc:
            return throttle.response(request, exc)
        form = abuse.add_captcha(ApplicationForm(request.POST, request.FILES), request)
        if form.is_valid():
            receipt = services.submit(
                agency,
                form.cleaned_data,
                form.cleaned_data.get("attachments") or [],
                actor=None,  # the applicant, not a user of the platform
            )
            abuse.counted(request, agency)
            # Only now, after the commit, does the applicant see the receipt number.
            request.session[SESSION_RECEIPT] = {
                "receipt_no": receipt.application.receipt_no,
                "code": receipt.code,
            }
            _remember(request, receipt.application)
            return redirect("portal:applications_done", code=agency.code)
    else:
        form = abuse.add_captcha(ApplicationForm(), request)
    return render(request, "applications/public/apply.html", {"agency": agency, "form": form})


@never_cache
def done(request, code: str):
    agency = _agency(code)
    data = request.session.get(SESSION_RECEIPT)
    if not data:
        return redirect("portal:applications_apply", code=agency.code)
    app = get_object_or_404(Application, receipt_no=data["receipt_no"], agency=agency)
    view = clock.compute(app)
    # The page says the code is shown once: a reload or a second visit does not show it again.
    # The receipt (downloadable in this session) still carries it.
    code = "" if data.get("shown") else data["code"]
    request.session[SESSION_RECEIPT] = {**data, "shown": True}
    return render(
        request,
        "applications/public/done.html",
        {"agency": agency, "app": app, "code": code, "clock": view},
    )


@never_cache
def receipt(request, code: str, fmt: str):
    agency = _agency(code)
    data = request.session.get(SESSION_RECEIPT)
    if not data:
        raise Http404("回执仅在提交申请后可下载")
    app = get_object_or_404(Application, receipt_no=data["receipt_no"], agency=agency)
    track_url = request.build_absolute_uri(reverse("portal:applications_track", args=[agency.code]))
    docx = letters.receipt_docx(app, data["code"], track_url)
    return document_response(docx, fmt, app.receipt_no, "政府信息公开申请登记回执")


def _remember(request, app: Application) -> None:
    tracked = set(request.session.get(SESSION_TRACKED, []))
    tracked.add(app.pk)
    request.session[SESSION_TRACKED] = sorted(tracked)


class NotTracked(Exception):
    """This browser has not given the code for the request (yet)."""


def _tracked_app(request, agency: Agency, receipt_no: str) -> Application:
    app = Application.objects.filter(receipt_no=receipt_no, agency=agency).first()
    if app is None or app.pk not in request.session.get(SESSION_TRACKED, []):
        raise NotTracked
    return app


def _ask_for_code(request, agency: Agency, receipt_no: str):
    """A bookmarked status link in a new session: ask for the code, with the number filled in.
    The answer is the same whether the number exists or not (nothing to learn by guessing)."""
    form = TrackForm(initial={"receipt_no": receipt_no.strip().upper()[:40]})
    return render(
        request,
        "applications/public/track.html",
        {"agency": agency, "form": form, "error": "", "ask_code": True},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def track(request, code: str):
    agency = _agency(code)
    form = TrackForm(request.POST or None, initial={"receipt_no": request.GET.get("no", "")[:40]})
    error = ""
    status = 200
    if request.method == "POST" and form.is_valid():
        result = tracking.check(
            form.cleaned_data["receipt_no"], form.cleaned_data["code"], client_ip(request)
        )
        if result.throttled:
            error, status = result.message, 429
        elif result.application is None or result.application.agency_id != agency.pk:
            error = tracking.WRONG_MESSAGE
        else:
            _remember(request, result.application)
            return redirect(
                "portal:applications_status",
                code=agency.code,
                receipt_no=result.application.receipt_no,
            )
    response = render(
        request,
        "applications/public/track.html",
        {"agency": agency, "form": form, "error": error},
        status=status,
    )
    if status == 429:
        response["Retry-After"] = str(result.retry_after)
    return response


@never_cache
def status(request, code: str, receipt_no: str):
    agency = _agency(code)
    try:
        app = _tracked_app(request, agency, receipt_no)
    except NotTracked:
        return _ask_for_code(request, agency, receipt_no)
    letters_ = [d for d in app.determinations.all() if d.kind in APPLICANT_LETTERS]
    return render(
        request,
        "applications/public/status.html",
        {
            "agency": agency,
            "app": app,
            "clock": clock.compute(app),
            "letters": letters_,
            "files": released_files(app),
            "notices": app.notices.all(),
            "supplement_form": SupplementForm()
            if app.status == ApplicationStatus.SUPPLEMENT
            else None,
            "notice": app.determinations.filter(kind="supplement_notice").last(),
        },
    )


DOWNLOADS = throttle.Rule(
    "applications.disclosed", limit=30, window=3600, message="下载过于频繁，请{wait}后再试。"
)


@never_cache
def disclosed(request, code: str, receipt_no: str, pk: int):
    """A file disclosed with the reply, for the applicant who gave the code; audited and
    limited per client address."""
    agency = _agency(code)
    try:
        app = _tracked_app(request, agency, receipt_no)
    except NotTracked:
        return _ask_for_code(request, agency, receipt_no)
    att = get_object_or_404(released_files(app), pk=pk)
    try:
        throttle.enforce(DOWNLOADS, client_ip(request), count=True)
    except throttle.Throttled as exc:
        return throttle.response(request, exc)
    record(
        actions.DISCLOSED_DOWNLOAD,
        app,
        actor=request.user,
        agency=agency,
        after={"attachment": att.pk, "name": att.original_name},
    )
    with att.file.open("rb") as f:
        response = HttpResponse(f.read(), content_type=att.content_type)
    response["Content-Disposition"] = content_disposition_header(True, att.original_name)
    response["Cache-Control"] = "private, no-store"
    return response


@never_cache
def letter(request, code: str, receipt_no: str, pk: int, fmt: str):
    agency = _agency(code)
    try:
        app = _tracked_app(request, agency, receipt_no)
    except NotTracked:
        return _ask_for_code(request, agency, receipt_no)
    det = get_object_or_404(app.determinations, pk=pk)
    if det.kind not in APPLICANT_LETTERS:  # a letter to a consulted party is not the applicant's
        raise Http404("没有该文书")
    return document_response(
        letters.letter_bytes(det), fmt, f"{app.receipt_no}-{det.pk}", det.letter_title
    )


@never_cache
@require_POST
def supplement(request, code: str, receipt_no: str):
    agency = _agency(code)
    try:
        app = _tracked_app(request, agency, receipt_no)
    except NotTracked:
        return _ask_for_code(request, agency, receipt_no)
    form = SupplementForm(request.POST, request.FILES)
    if not services.APPLICATION["supplement"].allows(app):
        messages.error(request, "该申请当前不需要补正")
        return redirect("portal:applications_status", code=agency.code, receipt_no=app.receipt_no)
    if form.is_valid():
        try:
            services.receive_supplement(
                app,
                text=form.cleaned_data["text"],
                files=form.cleaned_data.get("attachments") or [],
                actor=None,  # the applicant, not a user of the platform
            )
        except services.StepError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, "补正材料已提交，答复期限自今日起重新计算。")
        return redirect("portal:applications_status", code=agency.code, receipt_no=app.receipt_no)
    return render(
        request,
        "applications/public/status.html",
        {
            "agency": agency,
            "app": app,
            "clock": clock.compute(app),
            "letters": [
                d for d in app.determinations.all() if d.kind in APPLICANT_LETTERS and d.letter
            ],
            "supplement_form": form,
            "notice": app.determinations.filter(kind="supplement_notice").last(),
        },
        status=400,
    )


__all__ = ["apply", "done", "receipt", "track", "status", "letter", "supplement", "transaction"]
