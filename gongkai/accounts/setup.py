"""Setting a password with a one-time code (members created without a password, forgotten
passwords). An administrator of one of the member's bodies, or the security administrator,
issues the code; it is shown once (and mailed as a link when the member has an e-mail address
and mail is configured), expires after GONGKAI_SETUP_CODE_HOURS, and works once. Issue and use
are ledger events; the new password obeys the password rules like every other."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Membership
from gongkai.agencies.scope import Capability, agencies_for, is_security_admin
from gongkai.audit.services import record

from . import actions
from .models import SetupCode

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read out over the phone
LENGTH = 12


def _hash(code: str) -> str:
    return hashlib.sha256(normalise(code).encode()).hexdigest()


def normalise(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch in ALPHABET)


def readable(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def may_issue(actor, user) -> bool:
    """The security administrator, a superuser, or an administrator of a body the member
    holds a role in (never for oneself: one's own password is changed on the password page)."""
    if actor.pk == user.pk:
        return False
    if actor.is_superuser or is_security_admin(actor):
        return True
    return Membership.objects.filter(
        user=user, agency__in=agencies_for(actor, Capability.ADMIN)
    ).exists()


def issue(user, *, actor) -> str:
    """A new code for `user` (earlier unused codes stop working); returns it, readable."""
    if not may_issue(actor, user):
        raise PermissionDenied("只有该人员所在机关的管理员或安全管理员可以签发设置码")
    code = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    expires = timezone.now() + dt.timedelta(hours=settings.GONGKAI_SETUP_CODE_HOURS)
    with transaction.atomic():
        SetupCode.objects.filter(user=user, used_at__isnull=True).delete()
        SetupCode.objects.create(
            user=user, code_hash=_hash(code), issued_by=actor, expires_at=expires
        )
        record(
            actions.SETUP_CODE_ISSUE,
            user,
            actor=actor,
            after={"username": user.get_username(), "expires_at": expires.isoformat()},
        )
    return readable(code)


def mail_link(user, code: str, link: str) -> bool:
    """Send the one-time link when the member has an address and mail is set up."""
    if not (user.email and settings.GONGKAI_EMAIL_CONFIGURED):
        return False
    send_mail(
        f"{settings.GONGKAI_SITE_NAME}：设置登录密码",
        f"请在 {settings.GONGKAI_SETUP_CODE_HOURS} 小时内打开以下链接设置密码（只能使用一次）：\n"
        f"{link}\n用户名：{user.get_username()}\n设置码：{code}\n如非本人操作，请忽略本邮件。",
        None,
        [user.email],
    )
    return True


class CodeRefused(Exception):
    pass


def find(username: str, code: str):
    """The user whose valid, unused code this is; CodeRefused otherwise (one message for
    every reason, so a guesser learns nothing)."""
    refused = CodeRefused("用户名或设置码不正确，或设置码已过期、已使用。请向管理员重新索取。")
    entry = (
        SetupCode.objects.select_related("user")
        .filter(code_hash=_hash(code), used_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )
    if entry is None or entry.user.get_username() != username or not entry.user.is_active:
        raise refused
    return entry


def use(entry: SetupCode, password: str) -> None:
    """Set the password (validated by the caller's SetPasswordForm) and spend the code."""
    with transaction.atomic():
        locked = SetupCode.objects.select_for_update().get(pk=entry.pk)
        if locked.used_at is not None:
            raise CodeRefused("该设置码已使用。")
        locked.used_at = timezone.now()
        locked.save(update_fields=["used_at"])
        user = get_user_model().objects.get(pk=entry.user_id)
        user.set_password(password)
        user.save()
        record(
            actions.SETUP_CODE_USE,
            user,
            actor=user,
            after={"username": user.get_username()},
        )
