"""`gongkai check` lines about the key that encrypts applicants' personal data."""

from __future__ import annotations

from collections.abc import Iterator

from django.conf import settings


def checks() -> Iterator[tuple[str, str]]:
    from gongkai.applications.models import Application
    from gongkai.core.crypto import FieldKeyError

    if settings.GONGKAI_FIELD_KEY_GENERATED:
        yield (
            "WARN",
            "个人信息加密密钥保存在数据目录中（var/field_key）；生产环境请用 GONGKAI_FIELD_KEY_FILE "
            "指向数据目录和数据库之外的文件，并单独备份它（丢失则个人信息无法恢复）",
        )
    # The newest request decrypts: the configured key is the one the data was written with.
    try:
        newest = Application.objects.only("name").order_by("-pk").first()
    except FieldKeyError as exc:
        yield "FAIL", f"申请人个人信息无法解密：{exc}"
    else:
        if newest is not None:
            yield "OK", "申请人个人信息已加密存储，当前密钥可以解密"
