"""Limits on anonymous applications (gongkai.core.throttle): per client address, per receiving
body, and a self-hosted CAPTCHA (django-simple-captcha, no third-party service) once a client
has sent a few in a day. Limits are overridable with GONGKAI_RATE_LIMITS (docs/security.md)."""

from __future__ import annotations

from django.http import HttpRequest

from gongkai.core import throttle

APPLY_PER_CLIENT = throttle.Rule(
    "apply.client", limit=10, window=3600, message="提交申请过于频繁，请{wait}后再试。"
)
# Many clients together: a flood spread over addresses still stops short of burying the office.
APPLY_PER_BODY = throttle.Rule(
    "apply.body",
    limit=300,
    window=3600,
    message="该机关当前收到的网上申请过多，请{wait}后再试，或以信函、当面等方式提交。",
)
# After this many applications in a day from one address, the form asks for a CAPTCHA.
CAPTCHA_AFTER = throttle.Rule("apply.captcha", limit=3, window=86400)
API_NEEDS_CAPTCHA = (
    "今日通过接口提交的申请已达上限，请通过网站申请页面提交（需填写验证码），或{wait}后再试。"
)


def admit(request: HttpRequest, agency) -> None:
    """Raise throttle.Throttled when this client or this body is over its limit."""
    throttle.enforce(APPLY_PER_CLIENT, throttle.client_address(request))
    throttle.enforce(APPLY_PER_BODY, str(agency.pk))


def counted(request: HttpRequest, agency) -> None:
    """Count one accepted application."""
    client = throttle.client_address(request)
    throttle.hit(APPLY_PER_CLIENT, client)
    throttle.hit(APPLY_PER_BODY, str(agency.pk))
    throttle.hit(CAPTCHA_AFTER, client)


def captcha_needed(request: HttpRequest) -> bool:
    return not throttle.check(CAPTCHA_AFTER, throttle.client_address(request)).allowed


def add_captcha(form, request: HttpRequest):
    """Give ``form`` a CAPTCHA field when this client has passed the threshold."""
    if captcha_needed(request):
        from captcha.fields import CaptchaField

        form.fields["captcha"] = CaptchaField(
            label="验证码（请计算图中算式）",
            error_messages={"invalid": "验证码不正确，请重新计算", "required": "请填写验证码"},
        )
    return form


def admit_api(request: HttpRequest, agency) -> None:
    """The API has no CAPTCHA to show: past the threshold it refuses (429)."""
    admit(request, agency)
    decision = throttle.check(CAPTCHA_AFTER, throttle.client_address(request))
    if not decision.allowed:
        rule = throttle.Rule(CAPTCHA_AFTER.name, 0, 0, message=API_NEEDS_CAPTCHA)
        raise throttle.Throttled(rule, decision.retry_after)
