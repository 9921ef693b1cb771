"""Two-factor login (TOTP, django-otp) for the roles that can publish or see personal data.

After the password, a user who needs a second factor is logged in but not verified; the
account policy middleware keeps such a session on the second-factor pages until a code from
the authenticator app is entered (and, the first time, until the app is enrolled)."""

from __future__ import annotations

import base64

import segno
from django.conf import settings
from django.db import transaction
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongkai.accounts.actions import TWO_FACTOR_ENROL, TWO_FACTOR_RESET
from gongkai.agencies.scope import system_roles
from gongkai.audit.services import record

DEVICE_NAME = "手机验证器"


def requires_two_factor(user) -> bool:
    if not settings.GONGKAI_2FA_REQUIRED or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    roles = set(settings.GONGKAI_2FA_ROLES)
    held = set(user.memberships.values_list("role", flat=True)) | system_roles(user)
    return bool(roles & held)


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_device(user) -> TOTPDevice:
    """The unconfirmed device being enrolled (made on first call, kept until confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// URL as an inline SVG (no script, no image request, no third party)."""
    return segno.make(device.config_url, error="m").svg_inline(scale=4)


def secret_text(device: TOTPDevice) -> str:
    """The key in base32, groups of four, for typing into an app that cannot scan."""
    b32 = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(b32[i : i + 4] for i in range(0, len(b32), 4))


def verify(request, token: str) -> bool:
    """Check a code against the user's device; on success the session is verified (and a
    pending device becomes the user's device)."""
    token = "".join(token.split())
    if not token.isdigit():
        return False
    user = request.user
    device = confirmed_device(user)
    enrolling = device is None
    if enrolling:
        device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
        if device is None:
            return False
    if not device.verify_token(token):
        return False
    if enrolling:
        with transaction.atomic():
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            record(TWO_FACTOR_ENROL, user, actor=user)
    otp_login(request, device)
    return True


def reset(user, *, actor) -> int:
    """Remove the user's devices (lost phone); the next login enrols a new one."""
    with transaction.atomic():
        count, _ = TOTPDevice.objects.filter(user=user).delete()
        record(TWO_FACTOR_RESET, user, actor=actor, after={"devices": count})
    return count
