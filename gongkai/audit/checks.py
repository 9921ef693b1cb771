"""`gongkai check` lines about the ledger's protection."""

from __future__ import annotations

from collections.abc import Iterator

from django.conf import settings


def checks() -> Iterator[tuple[str, str]]:
    from gongkai.audit.models import ChainHead
    from gongkai.audit.signing import head_signature_ok

    if settings.GONGKAI_AUDIT_KEY_GENERATED:
        yield (
            "WARN",
            "审计账本签名密钥保存在数据目录中（var/audit_key）；生产环境请用 GONGKAI_AUDIT_KEY_FILE "
            "指向数据目录和数据库之外的文件",
        )
    if not settings.GONGKAI_AUDIT_ANCHOR_DIR:
        yield "WARN", "未设置 GONGKAI_AUDIT_ANCHOR_DIR：后台任务不会每日导出审计锚点"
    head = ChainHead.objects.filter(pk=1).first()
    if head is not None and head.count:
        if head_signature_ok(head.last_event_id, head.last_hash, head.count, head.signature):
            yield "OK", f"审计账本末尾签名有效（共 {head.count} 条事件）"
        else:
            yield "FAIL", "审计账本末尾签名不符，请运行 gongkai audit verify"
