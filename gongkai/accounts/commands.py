"""`gongkai accounts`: 三权分立 roles and second factors, done as a named user."""

from __future__ import annotations

import typer
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied

from gongkai.core.errors import BadInput

accounts_app = typer.Typer(help="账号：三权分立角色、两步验证。", no_args_is_help=True)
ROLE_HELP = (
    "角色：system_admin（系统管理员）、security_admin（安全管理员）、audit_admin（审计管理员）"
)


def register(app: typer.Typer) -> None:
    app.add_typer(accounts_app, name="accounts")


def _user(username: str):
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise BadInput(f"用户“{username}”不存在或已停用")
    return user


def _role(value: str):
    from gongkai.agencies.models import SystemRole

    try:
        return SystemRole(value)
    except ValueError:
        raise BadInput(f"没有角色“{value}”。{ROLE_HELP}") from None


@accounts_app.command("grant")
def grant(
    username: str = typer.Argument(..., help="用户名"),
    role: str = typer.Argument(..., help=ROLE_HELP),
    actor: str = typer.Option(..., "--as", help="以哪个用户的身份执行（须为系统管理员）"),
) -> None:
    """授予三权分立角色（每人只能担任其中一个）。"""
    from gongkai.accounts.roles import RoleConflict
    from gongkai.accounts.roles import grant as grant_role

    target, by, system_role = _user(username), _user(actor), _role(role)
    try:
        grant_role(target, system_role, actor=by)
    except (PermissionDenied, RoleConflict) as exc:
        raise BadInput(str(exc)) from None
    typer.echo(f"已授予“{username}”{system_role.label}角色。")


@accounts_app.command("revoke")
def revoke(
    username: str = typer.Argument(..., help="用户名"),
    role: str = typer.Argument(..., help=ROLE_HELP),
    actor: str = typer.Option(..., "--as", help="以哪个用户的身份执行（须为系统管理员）"),
) -> None:
    """撤销三权分立角色。"""
    from gongkai.accounts.roles import revoke as revoke_role

    target, by, system_role = _user(username), _user(actor), _role(role)
    try:
        revoke_role(target, system_role, actor=by)
    except PermissionDenied as exc:
        raise BadInput(str(exc)) from None
    typer.echo(f"已撤销“{username}”的{system_role.label}角色。")


@accounts_app.command("reset-2fa")
def reset_two_factor(
    username: str = typer.Argument(..., help="用户名"),
    actor: str = typer.Option(..., "--as", help="以哪个用户的身份执行（须为安全管理员）"),
) -> None:
    """重置用户的两步验证（手机丢失时）；用户下次登录时重新绑定。"""
    from gongkai.accounts.twofactor import reset
    from gongkai.agencies.scope import is_security_admin

    target, by = _user(username), _user(actor)
    if not (is_security_admin(by) or by.is_superuser):
        raise BadInput("只有安全管理员可以重置两步验证")
    if by.pk == target.pk:
        raise BadInput("不能重置自己的两步验证")
    count = reset(target, actor=by)
    typer.echo(f"已重置“{username}”的两步验证（删除 {count} 个验证器）。")


@accounts_app.command("setup-code")
def setup_code(
    username: str = typer.Argument(..., help="用户名"),
    actor: str = typer.Option(
        ..., "--as", help="以哪个用户的身份执行（该人员所在机关的管理员或安全管理员）"
    ),
) -> None:
    """签发一次性设置密码码（新建未设密码或忘记密码的人员），有效期见 GONGKAI_SETUP_CODE_HOURS。"""
    from gongkai.accounts.setup import issue

    target, by = _user(username), _user(actor)
    try:
        code = issue(target, actor=by)
    except PermissionDenied as exc:
        raise BadInput(str(exc)) from None
    typer.echo(
        f"“{username}”的一次性设置码：{code}（只显示这一次；在 /manage/password/setup/ 使用）"
    )
