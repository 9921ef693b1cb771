"""Limits on anonymous submissions to a body (applications, hotline tickets), built on the one
limiter gongkai.core.throttle: per client address, per receiving body, and a self-hosted CAPTCHA
(django-simple-captcha, no third-party service) once a client has sent a few in a day.

    GUARD = Submissions(per_client=Rule(...), per_body=Rule(...), captcha_after=Rule(...),
                        api_message="…{wait}…")
    GUARD.admit(request, agency)            # before the work: raises throttle.Throttled
    form = GUARD.add_captcha(Form(request.POST), request)
    GUARD.counted(request, agency)          # after an accepted submission
    GUARD.admit_api(request, agency)        # the API has no image to show: 429 past the threshold

Every rule is overridable with GONGKAI_RATE_LIMITS (docs/security.md)."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest

from gongkai.core import throttle


@dataclass(frozen=True)
class Submissions:
    per_client: throttle.Rule
    per_body: throttle.Rule
    captcha_after: throttle.Rule
    api_message: str  # "{wait}" becomes e.g. "3小时"

    def _refuse(self, checks, decisions) -> None:
        for (rule, _key), decision in zip(checks, decisions, strict=True):
            if not decision.allowed:
                raise throttle.Throttled(rule, decision.retry_after)

    def admit(self, request: HttpRequest, agency) -> None:
        """Raise throttle.Throttled when this client or this body is over its limit."""
        checks = [
            (self.per_client, throttle.client_address(request)),
            (self.per_body, str(agency.pk)),
        ]
        self._refuse(checks, throttle.check_many(checks))

    def counted(self, request: HttpRequest, agency) -> None:
        """Count one accepted submission (one insert for the three counters)."""
        client = throttle.client_address(request)
        throttle.hit_many(
            [
                (self.per_client, client),
                (self.per_body, str(agency.pk)),
                (self.captcha_after, client),
            ]
        )

    def captcha_needed(self, request: HttpRequest) -> bool:
        return not throttle.check(self.captcha_after, throttle.client_address(request)).allowed

    def add_captcha(self, form, request: HttpRequest):
        """Give ``form`` a CAPTCHA field when this client has passed the threshold."""
        if self.captcha_needed(request):
            from captcha.fields import CaptchaField

            form.fields["captcha"] = CaptchaField(
                label="验证码（请计算图中算式）",
                error_messages={"invalid": "验证码不正确，请重新计算", "required": "请填写验证码"},
            )
        return form

    def admit_api(self, request: HttpRequest, agency) -> None:
        """The API has no CAPTCHA to show: past the threshold it refuses (429). The three limits
        are read in one statement."""
        client = throttle.client_address(request)
        checks = [(self.per_client, client), (self.per_body, str(agency.pk))]
        *decisions, captcha = throttle.check_many([*checks, (self.captcha_after, client)])
        self._refuse(checks, decisions)
        if not captcha.allowed:
            rule = throttle.Rule(self.captcha_after.name, 0, 0, message=self.api_message)
            raise throttle.Throttled(rule, captcha.retry_after)
