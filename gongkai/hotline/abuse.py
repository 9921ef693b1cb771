"""Limits on anonymous hotline tickets from the portal and the API (issue 15 point 4): per
client address, per receiving centre, and the self-hosted CAPTCHA past a threshold — the same
guard as applications (gongkai.core.antiabuse on gongkai.core.throttle). Phone, walk-in and
staff-registered tickets are not limited: a person took them. Overridable with
GONGKAI_RATE_LIMITS ("hotline.client=10/3600,…", docs/security.md)."""

from __future__ import annotations

from gongkai.core import throttle
from gongkai.core.antiabuse import Submissions

TICKET_PER_CLIENT = throttle.Rule(
    "hotline.client", limit=10, window=3600, message="提交诉求过于频繁，请{wait}后再试。"
)
# A flood spread over many addresses still stops short of burying the centre's agents.
TICKET_PER_BODY = throttle.Rule(
    "hotline.body",
    limit=300,
    window=3600,
    message="热线中心当前收到的网上留言过多，请{wait}后再试，或拨打热线电话反映。",
)
CAPTCHA_AFTER = throttle.Rule("hotline.captcha", limit=3, window=86400)
API_NEEDS_CAPTCHA = (
    "今日通过接口提交的诉求已达上限，请通过网站留言页面提交（需填写验证码），或{wait}后再试。"
)

GUARD = Submissions(TICKET_PER_CLIENT, TICKET_PER_BODY, CAPTCHA_AFTER, API_NEEDS_CAPTCHA)
