"""Account rules checked on every request of a logged-in user: the absolute session lifetime,
the second factor, and password expiry. Staff pages and the API are held back until the user
has done what is due; the public site is never blocked."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth import logout
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from gongkai.accounts.passwords import password_expired
from gongkai.accounts.sessions import past_absolute_lifetime
from gongkai.accounts.twofactor import requires_two_factor

GUARDED_PREFIXES = ("/manage/", "/api/", "/django-admin/")


class AccountPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return self.get_response(request)
        guarded = request.path.startswith(GUARDED_PREFIXES)
        if past_absolute_lifetime(request):
            logout(request)
            if not guarded:
                return self.get_response(request)
            messages.info(request, "登录已超过允许的最长时间，请重新登录。")
            return self._refuse(request, "登录已过期，请重新登录", "manage:login")
        if not guarded or request.path in _open_paths():
            return self.get_response(request)
        if requires_two_factor(user) and not user.is_verified():
            return self._refuse(request, "请先完成两步验证", "manage:two_factor")
        if password_expired(user):
            return self._refuse(request, "密码已过期，请先修改密码", "manage:password")
        return self.get_response(request)

    @staticmethod
    def _refuse(request, detail: str, url_name: str):
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": detail}, status=401 if "登录" in detail else 403)
        target = reverse(url_name)
        if request.method == "GET" and request.path != target:
            target += "?next=" + quote(request.get_full_path())
        return redirect(target)


def _open_paths() -> set[str]:
    return {
        reverse(name)
        for name in (
            "manage:login",
            "manage:logout",
            "manage:two_factor",
            "manage:password",
            "manage:password_setup",
        )
    }
