"""Look-up by receipt number and verification code, for applicants without an account.

A wrong number and a wrong code give the same answer after the same work (one HMAC and one
constant-time compare either way), and failures are counted per client address and per
receipt number in the database, so every server process sees the same count."""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from gongkai.applications.models import Application, TrackingFailure, hash_code

WINDOW = timedelta(minutes=15)
MAX_FAILURES_PER_IP = 10
MAX_FAILURES_PER_RECEIPT = 5
WRONG_MESSAGE = "受理编号或查询码不正确，请核对后重试。"
THROTTLED_MESSAGE = "查询失败次数过多，请15分钟后再试。"
_DUMMY_HASH = "0" * 64


@dataclass
class TrackResult:
    application: Application | None
    throttled: bool = False


def _throttled(ip: str, receipt_no: str) -> bool:
    since = timezone.now() - WINDOW
    recent = TrackingFailure.objects.filter(at__gte=since)
    return (
        recent.filter(key=f"ip:{ip}").count() >= MAX_FAILURES_PER_IP
        or recent.filter(key=f"no:{receipt_no}").count() >= MAX_FAILURES_PER_RECEIPT
    )


def check(receipt_no: str, code: str, ip: str) -> TrackResult:
    receipt_no = receipt_no.strip().upper()[:40]
    if _throttled(ip, receipt_no):
        return TrackResult(None, throttled=True)
    app = Application.objects.select_related("agency").filter(receipt_no=receipt_no).first()
    expected = app.code_hash if app is not None else _DUMMY_HASH
    ok = hmac.compare_digest(expected, hash_code(receipt_no, code))
    if ok and app is not None:
        return TrackResult(app)
    TrackingFailure.objects.bulk_create(
        [TrackingFailure(key=f"ip:{ip}"), TrackingFailure(key=f"no:{receipt_no}")]
    )
    TrackingFailure.objects.filter(at__lt=timezone.now() - 4 * WINDOW).delete()
    return TrackResult(None)
