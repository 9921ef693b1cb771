"""Revealing an applicant's full identity and phone numbers, with a reason, into the ledger."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gongkai.agencies.scope import Capability, staff_required
from gongkai.applications.personal import record_reveal
from gongkai.applications.views import manage


class RevealForm(forms.Form):
    reason = forms.CharField(
        label="查看理由",
        max_length=200,
        error_messages={"required": "请写明查看完整信息的理由"},
    )


@staff_required
@require_POST
def reveal(request, pk: int):
    # Only those who work on the application (EDIT on its body) may see the full numbers.
    app = manage._app(request, pk, Capability.EDIT)
    form = RevealForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请写明查看完整信息的理由。")
        return redirect("applications_manage:detail", pk=app.pk)
    record_reveal(app, request.user, form.cleaned_data["reason"])
    context = manage._detail_context(request, app, revealed=True)
    response = render(request, "applications/manage/detail.html", context)
    response["Cache-Control"] = "private, no-store"
    return response
