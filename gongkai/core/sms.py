"""Short messages to people, behind one small interface so a deployment plugs in its SMS
gateway without touching the apps.

A backend is a class with `send(phone: str, text: str) -> None` that raises on failure (the
caller's job is then retried). The setting GONGKAI_SMS_BACKEND names the class; the default
writes the message to the log only (no gateway needed, nothing leaves the machine)."""

from __future__ import annotations

import logging
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

log = logging.getLogger("gongkai.sms")


class SmsBackend(Protocol):
    def send(self, phone: str, text: str) -> None: ...


def masked(phone: str) -> str:
    digits = "".join(c for c in phone if c.isdigit())
    return digits[:3] + "****" + digits[-4:] if len(digits) >= 7 else "****"


class LoggingBackend:
    """Writes the message to the `gongkai.sms` log, with the number masked."""

    def send(self, phone: str, text: str) -> None:
        log.info("短信 %s：%s", masked(phone), text)


class MemoryBackend:
    """Keeps messages in `MemoryBackend.outbox` (tests and demos)."""

    outbox: list[tuple[str, str]] = []

    def send(self, phone: str, text: str) -> None:
        MemoryBackend.outbox.append((phone, text))


def get_backend() -> SmsBackend:
    return import_string(settings.GONGKAI_SMS_BACKEND)()


def is_mobile(phone: str) -> bool:
    """Only a mainland mobile number can receive a short message (a landline cannot)."""
    digits = "".join(c for c in phone if c.isdigit())
    if digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    return len(digits) == 11 and digits.startswith("1")


def send(phone: str, text: str) -> None:
    get_backend().send(phone, text)
