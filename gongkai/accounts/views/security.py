"""Second factor and password change pages of the logged-in user."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from gongkai.accounts.passwords import password_expired
from gongkai.accounts.twofactor import (
    confirmed_device,
    pending_device,
    qr_svg,
    secret_text,
    verify,
)


class TokenForm(forms.Form):
    token = forms.CharField(
        label="验证码",
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        error_messages={"required": "请输入验证器上显示的 6 位验证码"},
    )


def _next(request, default: str = "/manage/") -> str:
    target = request.POST.get("next") or request.GET.get("next") or default
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return default


@login_required
def two_factor(request):
    device = confirmed_device(request.user)
    pending = None if device is not None else pending_device(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if verify(request, form.cleaned_data["token"]):
            messages.success(request, "两步验证已完成。")
            return redirect(_next(request))
        form.add_error("token", "验证码不正确或已过期，请输入验证器上当前显示的验证码")
    context = {"form": form, "next": _next(request), "enrolling": pending is not None}
    if pending is not None:
        context.update(qr=qr_svg(pending), secret=secret_text(pending))
    return render(request, "accounts/two_factor.html", context)


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["expired"] = password_expired(self.request.user)
        return context

    def form_valid(self, form):
        form.save()
        update_session_auth_hash(self.request, form.user)
        messages.success(self.request, "密码已修改。")
        return redirect("manage:home")
