"""Set a password with a one-time code (anyone), and issue such a code (administrators)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods

from gongkai.accounts import setup
from gongkai.agencies.scope import staff_required
from gongkai.core import throttle

SETUP_PER_CLIENT = throttle.Rule(
    "password_setup.client",
    limit=20,
    window=3600,
    delay_after=5,
    message="尝试次数过多，请{wait}后再试。",
)


class CodeForm(forms.Form):
    username = forms.CharField(
        label="用户名",
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
        error_messages={"required": "请输入用户名"},
    )
    code = forms.CharField(
        label="设置码",
        max_length=40,
        help_text="管理员签发或邮件中收到的 12 位一次性设置码，可带或不带短横线。",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code"}),
        error_messages={"required": "请输入设置码"},
    )


class NewPasswordForm(SetPasswordForm):
    """Django's form with our labels; the password rules come from AUTH_PASSWORD_VALIDATORS."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "新密码"
        self.fields["new_password2"].label = "再次输入新密码"
        self.error_messages["password_mismatch"] = "两次输入的新密码不一致"
        for field in self.fields.values():
            field.error_messages["required"] = f"请填写{field.label}"


@require_http_methods(["GET", "POST"])
def password_setup(request):
    initial = {"username": request.GET.get("u", ""), "code": request.GET.get("code", "")}
    # bound on every POST, even one with no fields at all, so an empty submit is explained
    data = request.POST if request.method == "POST" else None
    code_form = CodeForm(data, initial=initial)
    password_form = NewPasswordForm(None, data)
    if request.method == "POST" and code_form.is_valid():
        key = throttle.client_address(request)
        try:
            throttle.enforce(SETUP_PER_CLIENT, key, count=True)
        except throttle.Throttled as exc:
            return throttle.response(request, exc)
        try:
            entry = setup.find(code_form.cleaned_data["username"], code_form.cleaned_data["code"])
        except setup.CodeRefused as exc:
            code_form.add_error("code", str(exc))
        else:
            password_form = NewPasswordForm(entry.user, request.POST)
            if password_form.is_valid():
                try:
                    setup.use(entry, password_form.cleaned_data["new_password1"])
                except setup.CodeRefused as exc:
                    code_form.add_error("code", str(exc))
                else:
                    messages.success(request, "密码已设置，请用新密码登录。")
                    return redirect("manage:login")
    return render(
        request,
        "accounts/password_setup.html",
        {"code_form": code_form, "password_form": password_form},
        status=400 if request.method == "POST" else 200,
    )


@staff_required
@require_http_methods(["GET", "POST"])
def issue_code(request, user_id: int):
    member = get_object_or_404(get_user_model(), pk=user_id, is_active=True)
    if not setup.may_issue(request.user, member):
        raise PermissionDenied("只有该人员所在机关的管理员或安全管理员可以签发设置码")
    code = mailed = None
    if request.method == "POST":
        code = setup.issue(member, actor=request.user)
        query = urlencode({"u": member.get_username(), "code": code})
        link = request.build_absolute_uri(reverse("manage:password_setup") + "?" + query)
        mailed = setup.mail_link(member, code, link)
    return render(
        request,
        "accounts/issue_code.html",
        {
            "member": member,
            "code": code,
            "mailed": mailed,
            "hours": settings.GONGKAI_SETUP_CODE_HOURS,
        },
    )
