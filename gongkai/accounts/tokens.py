"""Personal API tokens for staff (the API's alternative to the session cookie)."""

from __future__ import annotations

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from gongkai.accounts.actions import TOKEN_CREATE, TOKEN_REVOKE
from gongkai.accounts.models import ApiToken
from gongkai.audit.services import record


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def create_token(user, name: str) -> tuple[ApiToken, str]:
    """Make a token; returns the row and the plain key, which is never stored."""
    key = "gk_" + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user, name=name, prefix=key[:8], key_hash=hash_key(key)
        )
        record(TOKEN_CREATE, token, actor=user, after={"name": name, "prefix": token.prefix})
    return token, key


def revoke_token(token: ApiToken, actor) -> None:
    with transaction.atomic():
        ApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())
        record(TOKEN_REVOKE, token, actor=actor, after={"prefix": token.prefix})


def user_for_key(key: str):
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_key(key), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user
