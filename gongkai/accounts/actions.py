"""Audit actions of the accounts app."""

from __future__ import annotations

from gongkai.audit.actions import Action

TOKEN_CREATE = Action("accounts.token.create", "创建接口令牌")
TOKEN_REVOKE = Action("accounts.token.revoke", "停用接口令牌")
LOGIN = Action("accounts.session.login", "登录")
LOGIN_FAILED = Action("accounts.session.login_failed", "登录失败")
LOGOUT = Action("accounts.session.logout", "退出登录")
PASSWORD_CHANGE = Action("accounts.user.password_change", "修改密码")
PERMISSION_CHANGE = Action("accounts.user.permission_change", "变更权限")
ROLE_GRANT = Action("accounts.system_role.grant", "授予三权分立角色")
ROLE_REVOKE = Action("accounts.system_role.revoke", "撤销三权分立角色")
TWO_FACTOR_ENROL = Action("accounts.two_factor.enrol", "绑定两步验证")
TWO_FACTOR_RESET = Action("accounts.two_factor.reset", "重置两步验证")
LOCKOUT_RESET = Action("accounts.lockout.reset", "解除登录锁定")
SESSIONS_END = Action("accounts.session.end_all", "结束用户的全部会话")
SETUP_CODE_ISSUE = Action("accounts.user.setup_code_issue", "签发一次性设置密码码")
SETUP_CODE_USE = Action("accounts.user.setup_code_use", "用一次性设置码设置密码")
