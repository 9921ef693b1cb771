"""Limits on anonymous applications: per client address, per body, and a self-hosted CAPTCHA
past a threshold (gongkai.core.antiabuse on the one limiter gongkai.core.throttle).
Limits are overridable with GONGKAI_RATE_LIMITS (docs/security.md)."""

from __future__ import annotations

from gongkai.core import throttle
from gongkai.core.antiabuse import Submissions

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

GUARD = Submissions(APPLY_PER_CLIENT, APPLY_PER_BODY, CAPTCHA_AFTER, API_NEEDS_CAPTCHA)
admit = GUARD.admit
counted = GUARD.counted
captcha_needed = GUARD.captcha_needed
add_captcha = GUARD.add_captcha
admit_api = GUARD.admit_api
