"""Public pages: the web form (网上留言 / 领导信箱) and the caller's tracking page.

No page here shows a caller's name, number or address: the acknowledgement shows the number and
the code, the tracking page shows progress and the reply only."""

from __future__ import annotations

from django import forms
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from gongkai.agencies.models import Agency
from gongkai.core import throttle
from gongkai.hotline import intake, tracking
from gongkai.hotline.abuse import GUARD
from gongkai.hotline.choices import TicketChannel
from gongkai.hotline.forms import PublicIntakeForm
from gongkai.hotline.models import Ticket

SESSION_RECEIPT = "rx_receipt"


class TrackForm(forms.Form):
    ticket_no = forms.CharField(
        label="工单编号", max_length=40, error_messages={"required": "请填写工单编号"}
    )
    code = forms.CharField(
        label="查询码", max_length=20, error_messages={"required": "请填写查询码"}
    )


class WebForm(PublicIntakeForm):
    mailbox = forms.BooleanField(label="写给领导信箱", required=False)


def _agency(code: str) -> Agency:
    return get_object_or_404(Agency, code=code, is_active=True)


@never_cache
@require_http_methods(["GET", "POST"])
def submit(request, code: str):
    agency = _agency(code)
    if request.method == "POST":
        try:
            GUARD.admit(request, agency)
        except throttle.Throttled as exc:
            return throttle.response(request, exc)
        form = GUARD.add_captcha(WebForm(request.POST), request)
        if form.is_valid():
            channel = (
                TicketChannel.MAILBOX if form.cleaned_data.get("mailbox") else TicketChannel.WEB
            )
            receipt = intake.intake(agency, form.cleaned_data, channel=channel, actor=None)
            GUARD.counted(request, agency)
            # Only now, after the commit, does the caller see the number and the code.
            request.session[SESSION_RECEIPT] = {
                "ticket_no": receipt.ticket.ticket_no,
                "code": receipt.code,
            }
            return redirect("portal:hotline_done", code=agency.code)
    else:
        form = WebForm(initial={"mailbox": request.GET.get("to") == "mailbox"})
        form = GUARD.add_captcha(form, request)
    return render(request, "hotline/public/submit.html", {"agency": agency, "form": form})


@never_cache
def done(request, code: str):
    agency = _agency(code)
    data = request.session.get(SESSION_RECEIPT)
    if not data:
        return redirect("portal:hotline_submit", code=agency.code)
    ticket = get_object_or_404(
        Ticket.objects.only("ticket_no", "due_on", "received_at", "agency"),
        ticket_no=data["ticket_no"],
        agency=agency,
    )
    return render(
        request,
        "hotline/public/done.html",
        {"agency": agency, "ticket": ticket, "code": data["code"]},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def track(request, code: str):
    agency = _agency(code)
    view, error, retry_after = None, "", 0
    form = TrackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            ticket = tracking.check(
                form.cleaned_data["ticket_no"],
                form.cleaned_data["code"],
                throttle.client_address(request),
            )
        except throttle.Throttled as exc:
            error, retry_after = str(exc), exc.retry_after
        else:
            if ticket is None or ticket.agency_id != agency.pk:
                error = tracking.WRONG_MESSAGE
            else:
                view = tracking.public_view(ticket)
    response = render(
        request,
        "hotline/public/track.html",
        {"agency": agency, "form": form, "view": view, "error": error},
        status=429 if retry_after else 200,
    )
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response
