"""Operator commands: serve, demo, createadmin, check, worker, manage."""

from __future__ import annotations

import errno
import os
import re
import shutil
import socket
import sys
import time

import typer

from gongkai.core.errors import BadInput


def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="监听地址"),
    port: int = typer.Option(8000, "--port", help="监听端口"),
    workers: int = typer.Option(2, "--workers", help="gunicorn 工作进程数"),
) -> None:
    """应用数据库迁移后，用 gunicorn 提供网站服务。"""
    from django.core.management import call_command

    if not 0 < port < 65536:
        raise BadInput(f"端口号 {port} 无效，应在 1–65535 之间")
    _check_can_bind(host, port)
    # Everything the service creates (SQLite database, uploads, letters, backups) is private
    # to its user: 0600 files, 0700 folders.
    os.umask(0o077)
    call_command("migrate", interactive=False, verbosity=0)
    os.umask(0o022)  # static files are public and may be served by nginx under another user
    call_command("collectstatic", interactive=False, verbosity=0)
    os.umask(0o077)
    typer.echo(f"gongkai 正在 http://{host}:{port}/ 提供服务（Ctrl+C 停止）")
    gunicorn = shutil.which("gunicorn", path=os.path.dirname(sys.executable)) or "gunicorn"
    os.execv(gunicorn, gunicorn_argv(gunicorn, host, port, workers))


def gunicorn_argv(gunicorn: str, host: str, port: int, workers: int) -> list[str]:
    """gunicorn's command line. Its control socket defaults to one path per OS user
    (~/.gunicorn/gunicorn.ctl), so a second instance would take over the first one's; each
    instance gets its own, in its data directory and named by its address and port (two
    instances may share a data directory and a port on different addresses)."""
    from django.conf import settings

    return [
        gunicorn,
        "gongkai.wsgi:application",
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(workers),
        "--access-logfile",
        "-",
        "--timeout",
        "120",
        "--control-socket",
        str(settings.VAR_DIR / f"gunicorn-{re.sub(r'[^0-9A-Za-z.]', '_', host)}-{port}.ctl"),
    ]


def _check_can_bind(host: str, port: int) -> None:
    """Fail with one Chinese line before gunicorn would print its own English errors."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise BadInput(f"监听地址“{host}”无效") from None
    family, _, _, _, address = infos[0]
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise BadInput(f"端口 {port} 已被占用，请用 --port 换一个端口") from None
            raise BadInput(f"无法在 {host}:{port} 上监听（地址不属于本机或没有权限）") from None


def demo() -> None:
    """载入演示数据（可重复执行，不会重复创建）。"""
    from django.core.management import call_command

    from gongkai.core.demodata import load_all

    call_command("migrate", interactive=False, verbosity=0)
    load_all(typer.echo)
    typer.echo("演示数据已就绪。演示账号密码见 README（仅供演示，切勿用于生产）。")


def createadmin(
    username: str = typer.Option(..., "--username", prompt="用户名", help="管理员用户名"),
    email: str = typer.Option("", "--email", help="电子邮箱"),
    password: str = typer.Option(
        ...,
        "--password",
        prompt="密码",
        hide_input=True,
        confirmation_prompt=True,
        envvar="GONGKAI_ADMIN_PASSWORD",
        help="密码（也可通过环境变量 GONGKAI_ADMIN_PASSWORD 提供）",
    ),
) -> None:
    """创建系统管理员账号。"""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    user_model = get_user_model()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise BadInput(f"电子邮箱“{email}”格式不正确") from None
    if user_model.objects.filter(username=username).exists():
        raise BadInput(f"用户名“{username}”已存在")
    try:
        validate_password(password, user_model(username=username, email=email))
    except ValidationError as exc:
        raise BadInput("密码不符合要求：" + "；".join(exc.messages)) from exc
    user_model.objects.create_superuser(username=username, email=email, password=password)
    typer.echo(f"已创建管理员“{username}”。")


def check() -> int:
    """安装后自检：数据库、迁移、中文字体、工作日历覆盖范围；每行 OK/WARN/FAIL。"""
    from gongkai.core.selfcheck import run_checks

    worst = 0
    for status, message in run_checks():
        typer.echo(f"{status:<4} {message}")
        worst = max(worst, {"OK": 0, "WARN": 0, "FAIL": 1}[status])
    return worst


def worker(
    once: bool = typer.Option(False, "--once", help="只处理当前到期的任务后退出"),
    interval: float = typer.Option(5.0, "--interval", help="空闲时的轮询间隔（秒）"),
) -> None:
    """后台任务进程：提醒、定时发布、日历变更后重算期限等。"""
    from django.db import close_old_connections

    from gongkai.core.jobs import run_due, schedule_daily

    if interval <= 0:
        raise BadInput("轮询间隔必须大于0秒")
    schedule_daily()
    if once:
        typer.echo(f"已处理 {run_due()} 个任务。")
        return
    typer.echo("后台任务进程已启动（Ctrl+C 停止）。")
    try:
        while True:
            close_old_connections()
            if run_due(limit=100) == 0:
                time.sleep(interval)
    except KeyboardInterrupt:
        typer.echo("已停止。")


def backup(
    directory: str = typer.Argument(..., help="备份目录（新目录或空目录）"),
) -> None:
    """备份数据库、上传的附件和自动生成的密钥，附带校验和清单（在网站运行时也可执行）。"""
    from pathlib import Path

    from gongkai.core.backup import BackupError, create

    try:
        summary = create(Path(directory))
    except BackupError as exc:
        raise BadInput(str(exc)) from None
    typer.echo(
        f"已备份到 {summary.path}：数据库（{_engine_name(summary.engine)}）、"
        f"{summary.files} 个附件文件，共 {summary.size / 1048576:.1f} MB"
    )


def restore(
    directory: str = typer.Argument(..., help="gongkai backup 生成的备份目录"),
) -> None:
    """先核对备份的校验和，再恢复到空的数据库和数据目录（不会覆盖已有数据）。"""
    from pathlib import Path

    from gongkai.core.backup import BackupError
    from gongkai.core.backup import restore as restore_backup

    try:
        summary = restore_backup(Path(directory))
    except BackupError as exc:
        raise BadInput(str(exc)) from None
    typer.echo(
        f"已从 {summary.path} 恢复数据库（{_engine_name(summary.engine)}）和 {summary.files} 个附件文件。"
    )
    typer.echo("下一步：gongkai manage migrate，然后 gongkai audit verify 校验审计账本。")


def _engine_name(engine: str) -> str:
    return {"sqlite": "SQLite", "postgresql": "PostgreSQL"}.get(engine, engine)


def manage(ctx: typer.Context) -> None:
    """运行 Django 自带的管理命令，例如 gongkai manage migrate。"""
    from django.core.management import execute_from_command_line

    execute_from_command_line(["gongkai manage", *ctx.args])


fieldkey_app = typer.Typer(
    help="个人信息加密密钥：查看各密钥加密的记录数、轮换密钥。", no_args_is_help=True
)


@fieldkey_app.command("status")
def fieldkey_status() -> None:
    """各类记录中由每个密钥编号加密的字段数；当前密钥（第一行）标 *。"""
    from gongkai.core import fieldkeys

    current = fieldkeys.current_key_id()
    typer.echo(f"当前密钥编号：{current}")
    for label, counts in fieldkeys.status().items():
        shown = "，".join(
            f"{kid}{'*' if kid == current else ''}：{n}" for kid, n in sorted(counts.items())
        )
        typer.echo(f"{label}  {shown or '（无加密字段值）'}")


@fieldkey_app.command("rotate")
def fieldkey_rotate() -> None:
    """用当前密钥（密钥文件第一行）重新加密全部个人信息字段并重算检索哈希；可中断后重跑。"""
    from gongkai.core import fieldkeys

    for label, n in fieldkeys.rotate().items():
        typer.echo(f"{label}：已重新加密 {n} 条记录")
    typer.echo(f"完成。全部记录现由密钥 {fieldkeys.current_key_id()} 加密；旧密钥行可以删除。")


def register(app: typer.Typer) -> None:
    app.add_typer(fieldkey_app, name="fieldkey")
    app.command("serve")(serve)
    app.command("demo")(demo)
    app.command("createadmin")(createadmin)
    app.command("check")(check)
    app.command("worker")(worker)
    app.command("backup")(backup)
    app.command("restore")(restore)
    app.command(
        "manage",
        context_settings={
            "allow_extra_args": True,
            "ignore_unknown_options": True,
            "help_option_names": [],
        },
    )(manage)
