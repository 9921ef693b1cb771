"""`gongkai check` lines about accounts: demo accounts and default passwords left in place."""

from __future__ import annotations

from collections.abc import Iterator

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password

# Checking a password costs one Argon2 hash; a body has tens of staff, not thousands. Passwords
# set through the site or `createadmin` pass the validators (length, common list), so only the
# demo password and "same as the user name" (set by scripts) are worth trying.
MAX_USERS_CHECKED = 300


def checks() -> Iterator[tuple[str, str]]:
    from gongkai.agencies.demo import DEMO_PASSWORD, USERS

    users = get_user_model().objects.filter(is_active=True)
    demo_names = sorted(
        users.filter(username__in=[u[0] for u in USERS]).values_list("username", flat=True)
    )
    if demo_names:
        yield (
            "WARN",
            f"存在 {len(demo_names)} 个演示账号（{'、'.join(demo_names[:5])}"
            f"{'等' if len(demo_names) > 5 else ''}），生产环境请停用或删除",
        )
    weak = [
        user.username
        for user in users.exclude(password__startswith="!").order_by("-is_superuser", "id")[
            :MAX_USERS_CHECKED
        ]
        if any(
            check_password(candidate, user.password) for candidate in (DEMO_PASSWORD, user.username)
        )
    ]
    if weak:
        yield (
            "WARN",
            f"{len(weak)} 个账号仍在使用演示密码或默认密码（{'、'.join(weak[:5])}"
            f"{'等' if len(weak) > 5 else ''}），请立即修改",
        )
    if not demo_names and not weak:
        yield "OK", "没有演示账号，也没有使用默认密码的账号"
    if settings.GONGKAI_2FA_REQUIRED:
        yield "OK", "两步验证已开启（" + "、".join(settings.GONGKAI_2FA_ROLES) + "）"
    else:
        yield "WARN", "两步验证已关闭（GONGKAI_2FA_REQUIRED=false），仅可用于演示"
