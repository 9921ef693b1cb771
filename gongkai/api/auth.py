"""Authentication for the staff API: a personal token (Authorization: Bearer …) or the staff
site's session (with its CSRF token for writes). Permissions are then checked through
gongkai.agencies.scope exactly as on the pages."""

from __future__ import annotations

from django.conf import settings
from ninja.security import APIKeyCookie, HttpBearer

from gongkai.accounts.tokens import user_for_key
from gongkai.agencies.scope import is_staff_member


class StaffTokenAuth(HttpBearer):
    def authenticate(self, request, token: str):
        user = user_for_key(token)
        if user is not None and is_staff_member(user):
            request.user = user
            return user
        return None


class StaffSessionAuth(APIKeyCookie):
    param_name = settings.SESSION_COOKIE_NAME

    def authenticate(self, request, key):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and is_staff_member(user):
            return user
        return None


staff_auth = [StaffTokenAuth(), StaffSessionAuth()]
