"""`gongkai applications ...` commands."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    sub = typer.Typer(help="依申请公开：提醒、重新计算答复期限。", no_args_is_help=True)

    @sub.command("remind")
    def remind() -> None:
        """发送今天到期的 D-5、D-1 答复期限提醒。"""
        from gongkai.applications.reminders import send_due_reminders

        typer.echo(f"已发送提醒 {send_due_reminders()} 条")

    @sub.command("recompute")
    def recompute(reason: str = typer.Option("手工重新计算", help="写入变更记录的原因")) -> None:
        """按当前工作日历重新计算所有未办结申请的答复期限。"""
        from gongkai.applications.services import recompute_open

        typer.echo(f"答复期限有变化的申请：{recompute_open(reason)} 件")

    app.add_typer(sub, name="applications")
