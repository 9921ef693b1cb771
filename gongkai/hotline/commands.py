"""`gongkai hotline ...` commands."""

from __future__ import annotations

import json
from importlib import import_module

import typer

# Modules of the hotline that add their own subcommands (channels, analysis) when present.
EXTRA_COMMANDS = ("gongkai.hotline.channels.commands", "gongkai.hotline.analysis.commands")

LABELS = {
    "received": "受理量",
    "direct_rate": "直办率",
    "on_time_sign_rate": "按时签收率",
    "on_time_close_rate": "按时办结率",
    "reply_rate": "回复率",
    "satisfaction_rate": "满意率",
    "rework_rate": "重办率",
}


def _pct(value) -> str:
    return "—（无可计算的工单）" if value is None else f"{value * 100:.1f}%"


def register(app: typer.Typer) -> None:
    sub = typer.Typer(help="民生热线：统计、提醒、督办。", no_args_is_help=True)

    @sub.command("stats")
    def stats_cmd(
        agency: str = typer.Option(..., "--agency", help="机关代码或名称"),
        year: int = typer.Option(..., "--year", help="年度"),
        month: int | None = typer.Option(None, "--month", help="月份（1–12，不填为全年）"),
        as_json: bool = typer.Option(False, "--json", help="输出 JSON"),
    ) -> None:
        """热线统计：受理量（按渠道、类型、分类）、直办率、按时签收率、按时办结率、回复率、满意率、重办率。"""
        from gongkai.agencies.models import Agency
        from gongkai.core.errors import BadInput
        from gongkai.hotline.choices import TicketChannel, TicketType
        from gongkai.hotline.models import Category
        from gongkai.hotline.stats import RATES, period, stats

        try:
            body = Agency.objects.resolve(agency)
        except Agency.DoesNotExist as exc:
            raise BadInput(str(exc.args[0]) if exc.args else f"找不到机关“{agency}”") from None
        if not 1900 <= year <= 2100:
            raise BadInput(f"年度不正确：{year}")
        try:
            start, end = period(year, month)
        except ValueError as exc:
            raise BadInput(str(exc)) from None
        data = stats([body.pk], start, end)
        if as_json:
            typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
            return
        names = dict(Category.objects.values_list("code", "name"))
        when = f"{year}年" + (f"{month}月" if month else "")
        typer.echo(f"{body.name} {when} 民生热线统计")
        typer.echo(f"受理量：{data['received']} 件")
        for title, key, labels in (
            ("按渠道", "by_channel", dict(TicketChannel.choices)),
            ("按类型", "by_type", dict(TicketType.choices)),
            ("按分类", "by_category", {**names, "uncategorized": "未分类"}),
        ):
            parts = [f"{labels.get(k, k)} {n}" for k, n in data[key].items() if n]
            typer.echo(f"{title}：" + ("，".join(parts) or "无"))
        for key in RATES:
            typer.echo(f"{LABELS[key]}：{_pct(data[key])}")

    @sub.command("remind")
    def remind() -> None:
        """发送办结时限前一个工作日（D-1）的提醒，并将超过签收时限未签收的工单列为督办。"""
        from gongkai.hotline.reminders import escalate_unclaimed, send_due_reminders

        typer.echo(f"已发送提醒 {send_due_reminders()} 条，新增督办 {escalate_unclaimed()} 件")

    for path in EXTRA_COMMANDS:
        try:
            module = import_module(path)
        except ModuleNotFoundError as exc:
            if exc.name not in (path, path.rsplit(".", 1)[0]):
                raise
            continue
        module.register(sub)

    app.add_typer(sub, name="hotline")
