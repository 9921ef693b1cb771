"""`gongkai supervision …`: the console's table and the self-check from the command line."""

from __future__ import annotations

import json

import typer

from gongkai.core.errors import BadInput

supervision_app = typer.Typer(help="政务公开监督：所辖单位年报与网站检查。", no_args_is_help=True)


def _node(code_or_name: str):
    from gongkai.agencies.models import Agency

    try:
        return Agency.objects.resolve(code_or_name)
    except Agency.DoesNotExist as exc:
        raise BadInput(str(exc.args[0]) if exc.args else f"找不到机关“{code_or_name}”") from None


def _year(year: int) -> int:
    from django.utils import timezone

    if not 2008 <= year <= timezone.localdate().year:
        raise BadInput(f"年度无效：{year}")
    return year


@supervision_app.command("status")
def status(
    under: str = typer.Option(..., "--under", help="上级机关代码或名称（含全部下级）"),
    year: int = typer.Option(..., "--year", help="年报年度"),
    as_json: bool = typer.Option(False, "--json", help="输出 JSON"),
    level: str = typer.Option(
        "", "--level", help="只看某一层级（province/city/county/township/village）"
    ),
    status_filter: str = typer.Option("", "--status", help="只看某一状态（none/draft/…/late）"),
) -> int:
    """按机关列出年报状态、期限、逾期天数、问题数、逾期申请和未更新栏目。"""
    from django.utils import timezone

    from gongkai.supervision import console

    node = _node(under)
    q = console.Query(node, _year(year), timezone.localdate(), level, status_filter, "name")
    if level and level not in console.AgencyLevel.values:
        raise BadInput(f"未知的层级：{level}")
    if status_filter and status_filter not in console.STATUS_FILTERS:
        raise BadInput(f"未知的状态：{status_filter}")
    rows = console.materialise(console.rows(q).iterator(chunk_size=2000), q.today)
    keys = [
        "code",
        "name",
        "level",
        "report_status",
        "deadline",
        "days_late",
        "problems",
        "overdue_applications",
        "stale_columns",
    ]
    if as_json:
        typer.echo(
            json.dumps(
                [{k: r.as_dict()[k] for k in keys} for r in rows], ensure_ascii=False, indent=2
            )
        )
        return 0
    typer.echo(",".join(keys))
    for r in rows:
        d = r.as_dict()
        typer.echo(",".join(str(d[k]) for k in keys))
    return 0


@supervision_app.command("check")
def check(
    under: str = typer.Option("", "--under", help="只检查该机关及其下级（默认全部）"),
    year: int = typer.Option(0, "--year", help="年报年度（默认上一年）"),
    user: str = typer.Option("", "--user", help="以哪个用户的名义检查（记入审计账本）"),
) -> int:
    """网站自查：栏目更新、空白栏目、办事指南要素、失效链接、留言答复、年报。"""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from gongkai.supervision.jobs import schedule_next_check
    from gongkai.supervision.selfcheck import run

    node = _node(under) if under else None
    actor = None
    if user:
        actor = get_user_model().objects.filter(username=user).first()
        if actor is None:
            raise BadInput(f"找不到用户“{user}”")
    year = _year(year) if year else timezone.localdate().year - 1
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = bar.add_task("网站自查", total=None)
        result = run(
            node,
            year,
            actor=actor,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
        )
    schedule_next_check()
    typer.echo(f"自查完成：检查 {result.bodies} 个机关，发现 {result.findings} 个问题。")
    return 1 if result.findings else 0


def register(app: typer.Typer) -> None:
    app.add_typer(supervision_app, name="supervision")
