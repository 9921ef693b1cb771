"""Look-up by receipt number and verification code, for applicants without an account.

A wrong number and a wrong code give the same answer after the same work (one HMAC and one
constant-time compare either way). Failures are counted (gongkai.core.throttle, in the
database, so every server process sees the same count) per client address, with a low bound,
and per receipt number, with a much higher bound and a growing delay: a stranger guessing from
one address is stopped at the address bound long before the receipt is slowed, so the applicant,
from their own address, can still track; a guesser spread over many addresses meets a delay
that doubles with each failure. The code has 32^8 values, so the receipt bound alone is safe."""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.applications.models import Application
from gongkai.core import codes, throttle

THROTTLED_MESSAGE = "查询失败次数过多，请{wait}后再试。"
TRACK_PER_CLIENT = throttle.Rule("track.client", limit=10, window=900, message=THROTTLED_MESSAGE)
TRACK_PER_RECEIPT = throttle.Rule(
    "track.receipt",
    limit=100,
    window=86400,
    delay_after=20,
    max_delay=900,
    message=THROTTLED_MESSAGE,
)
WRONG_MESSAGE = "受理编号或查询码不正确，请核对后重试。"
_DUMMY_HASH = "0" * 64


@dataclass
class TrackResult:
    application: Application | None
    throttled: bool = False
    retry_after: int = 0
    message: str = ""


def check(receipt_no: str, code: str, ip: str) -> TrackResult:
    receipt_no = receipt_no.strip().upper()[:40]
    try:
        throttle.enforce(TRACK_PER_CLIENT, ip)
        throttle.enforce(TRACK_PER_RECEIPT, receipt_no)
    except throttle.Throttled as exc:
        return TrackResult(None, throttled=True, retry_after=exc.retry_after, message=str(exc))
    app = Application.objects.select_related("agency").filter(receipt_no=receipt_no).first()
    expected = app.code_hash if app is not None else _DUMMY_HASH
    ok = codes.matches(expected, receipt_no, code=code)
    if ok and app is not None:
        return TrackResult(app)
    throttle.hit(TRACK_PER_CLIENT, ip)
    throttle.hit(TRACK_PER_RECEIPT, receipt_no)
    return TrackResult(None)
