"""Audit actions of the accounts app."""

from __future__ import annotations

from gongkai.audit.actions import Action

TOKEN_CREATE = Action("accounts.token.create", "创建接口令牌")
TOKEN_REVOKE = Action("accounts.token.revoke", "停用接口令牌")
