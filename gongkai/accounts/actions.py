"""Audit action names of the accounts app (`accounts.<object>.<verb>`) and their Chinese labels."""

from __future__ import annotations

TOKEN_CREATE = "accounts.token.create"
TOKEN_REVOKE = "accounts.token.revoke"

LABELS: dict[str, str] = {
    TOKEN_CREATE: "创建接口令牌",
    TOKEN_REVOKE: "停用接口令牌",
}
