"""Staff pages: worklist, registration of other channels, the request page and its steps."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.agencies.scope import (
    Capability,
    agencies_for,
    get_scoped_or_404,
    has_capability,
    holds_anywhere,
    scope_queryset,
    staff_required,
)
from gongkai.applications import clock, forms, letters, personal, services
from gongkai.applications import worklist as worklist_
from gongkai.applications.choices import LETTER_TEMPLATES, ApplicationChannel
from gongkai.applications.models import Application, ApplicationFile, Dispute, Notification
from gongkai.applications.views.common import document_response
from gongkai.workflow.views import step_forms, step_view

PAGE_SIZE = 50


def _app(request, pk: int, capability: Capability = Capability.VIEW) -> Application:
    return get_scoped_or_404(
        Application.objects.select_related("agency", "agency__parent"),
        request.user,
        capability,
        pk=pk,
    )


@staff_required
def worklist(request):
    base = scope_queryset(
        Application.objects.select_related("agency"), request.user, Capability.VIEW
    )
    filters = worklist_.Filters.from_query(request.GET)
    today = timezone.localdate()
    cal = clock.current_calendar()
    qs = worklist_.apply(
        base, filters, today, cal, signable=agencies_for(request.user, Capability.SIGN_OFF)
    )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    visible = agencies_for(request.user, Capability.VIEW)
    return render(
        request,
        "applications/manage/worklist.html",
        {
            "page": page,
            "rows": worklist_.rows(page, today, cal, clock.SOON_DAYS),
            "f": filters,
            "show_choices": [(k, v[0]) for k, v in worklist_.SHOW.items()],
            "due_choices": worklist_.DUE_CHOICES,
            "channel_choices": ApplicationChannel.choices,
            "officers": worklist_.officers(visible.values("pk")),
            "today": today,
            "can_register": agencies_for(request.user, Capability.EDIT).exists(),
            "can_admin": holds_anywhere(request.user, Capability.ADMIN),
            "unread": Notification.objects.filter(user=request.user, read_at__isnull=True).count(),
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def register(request):
    choices = agencies_for(request.user, Capability.EDIT).order_by("path")
    if not choices.exists():
        raise PermissionDenied("您没有登记申请的权限")
    bodies = list(choices)
    initial = {"agency": request.GET.get("agency", "")}
    form = forms.RegistrationForm(
        request.POST or None, request.FILES or None, agencies=bodies, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data.get("agency") or bodies[0].code
        agency = next(a for a in bodies if a.code == code)
        data = form.cleaned_data
        arrived = timezone.make_aware(
            timezone.datetime.combine(data["arrived_on"], timezone.datetime.min.time()).replace(
                hour=9
            )
        )
        receipt = services.submit(
            agency,
            data,
            data.get("attachments") or [],
            channel=data["channel"],
            arrived_at=arrived,
            confirmed_on=data.get("confirmed_on"),
            oral=data.get("oral", False),
            actor=request.user,
        )
        messages.success(request, f"已登记，受理编号 {receipt.application.receipt_no}")
        # Kept for this officer's session only, so the printed 登记回执 handed to an applicant
        # who came in person can carry the code; never stored anywhere else.
        codes = request.session.get("applications_codes", {})
        codes[str(receipt.application.pk)] = receipt.code
        request.session["applications_codes"] = codes
        return redirect("applications_manage:detail", pk=receipt.application.pk)
    return render(request, "applications/manage/register.html", {"form": form})


def _detail_context(request, app: Application, **extra) -> dict:
    view = clock.compute(app)
    can_edit = has_capability(request.user, Capability.EDIT, app.agency)
    code = request.session.get("applications_codes", {}).get(str(app.pk), "")
    ctx = {
        "app": app,
        "clock": view,
        "determinations": app.determinations.select_related("reason", "created_by", "approved_by"),
        "attachments": app.attachments.filter(draft__isnull=True),
        "drafts": app.drafts.select_related(
            "created_by", "decided_by", "reason", "determination"
        ).prefetch_related("attachments"),
        "disputes": [
            (d, forms.DisputeForm(instance=d, auto_id=f"id_dispute{d.pk}_%s") if can_edit else None)
            for d in app.disputes.all()
        ],
        "step_forms": step_forms(services.APPLICATION, app, request.user),
        "can_edit": can_edit,
        "letter_kinds": set(LETTER_TEMPLATES),
        "new_code": code,
        "dispute_form": forms.DisputeForm(),
    }
    ctx.update(extra)
    return ctx


@staff_required
def detail(request, pk: int):
    app = _app(request, pk)
    return render(request, "applications/manage/detail.html", _detail_context(request, app))


def _invalid(request, app: Application, step, form):
    """A step form with errors: the request page again, the form open beside its errors."""
    forms_now = step_forms(services.APPLICATION, app, request.user, **{step.name: form})
    return render(
        request,
        "applications/manage/detail.html",
        _detail_context(request, app, step_forms=forms_now),
        status=400,
    )


action = step_view(
    services.APPLICATION,
    redirect_to=lambda app: reverse("applications_manage:detail", args=[app.pk]),
    invalid=_invalid,
)


@staff_required
@require_POST
def dispute(request, pk: int, dispute_pk: int | None = None):
    app = _app(request, pk, Capability.EDIT)
    instance = get_object_or_404(app.disputes, pk=dispute_pk) if dispute_pk else None
    form = forms.DisputeForm(request.POST, instance=instance)
    if not form.is_valid():
        return render(
            request,
            "applications/manage/detail.html",
            _detail_context(request, app, dispute_form=form),
            status=400,
        )
    services.save_dispute(
        app, {k: form.cleaned_data[k] for k in form.Meta.fields}, instance, actor=request.user
    )
    messages.success(request, "已保存复议、诉讼或投诉记录。")
    return redirect("applications_manage:detail", pk=app.pk)


@staff_required
def receipt(request, pk: int, fmt: str):
    app = _app(request, pk)
    code = request.session.get("applications_codes", {}).get(str(app.pk), "")
    personal.record_export(app, request.user, "receipt", fmt)
    return document_response(
        letters.receipt_docx(app, code), fmt, app.receipt_no, "政府信息公开申请登记回执"
    )


@staff_required
def letter(request, pk: int, det_pk: int, fmt: str):
    app = _app(request, pk)
    det = get_object_or_404(app.determinations, pk=det_pk)
    if det.kind not in LETTER_TEMPLATES:
        raise Http404("没有该文书")
    personal.record_export(app, request.user, det.kind, fmt)
    return document_response(
        letters.letter_bytes(det), fmt, f"{app.receipt_no}-{det.pk}", det.letter_title
    )


@staff_required
def attachment(request, pk: int, att_pk: int):
    app = _app(request, pk)
    att = get_object_or_404(ApplicationFile, pk=att_pk, application=app)
    personal.record_download(app, request.user, att)
    with att.file.open("rb") as f:
        response = HttpResponse(f.read(), content_type=att.content_type)
    response["Content-Disposition"] = "attachment"
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required
def disputes(request):
    qs = scope_queryset(
        Dispute.objects.select_related("application", "agency"), request.user, Capability.VIEW
    )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "applications/manage/disputes.html", {"page": page})


@staff_required
@require_http_methods(["GET", "POST"])
def notifications(request):
    """The user's own reminders (D-5 / D-1); POST marks them all read."""
    mine = Notification.objects.filter(user=request.user).select_related("application")
    if request.method == "POST":
        mine.filter(read_at__isnull=True).update(read_at=timezone.now())
        return redirect("applications_manage:notifications")
    page = Paginator(mine, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "applications/manage/notifications.html", {"page": page})
