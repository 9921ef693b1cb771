"""`gongkai check` line: callers' personal data decrypts with the configured key."""

from __future__ import annotations

from collections.abc import Iterator


def checks() -> Iterator[tuple[str, str]]:
    from gongkai.core.crypto import FieldKeyError
    from gongkai.hotline.models import Ticket

    try:
        newest = Ticket.objects.only("name", "phone").order_by("-pk").first()
    except FieldKeyError as exc:
        yield "FAIL", f"热线来电人个人信息无法解密：{exc}"
    else:
        if newest is not None:
            yield "OK", "热线来电人个人信息已加密存储，当前密钥可以解密"
