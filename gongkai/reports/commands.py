"""`gongkai report …`: parse, validate, build, roll up and compare annual reports."""

from __future__ import annotations

import json
import re
from pathlib import Path

import typer

from gongkai.core.errors import BadInput

report_app = typer.Typer(
    help="政府信息公开工作年度报告：读取、校验、生成、汇总、比较。", no_args_is_help=True
)


def _dump(obj) -> None:
    typer.echo(json.dumps(obj, ensure_ascii=False, indent=2))


def _parse(path: str, format_id: str | None = None):
    from .parse import ParseError, parse_file

    try:
        return parse_file(path, format_id)
    except ParseError as exc:
        raise BadInput(str(exc)) from None


def _check_format(format_id: str | None) -> str | None:
    from .formats import FORMATS

    if format_id is not None and format_id not in FORMATS:
        raise BadInput(f"未知的年报格式：{format_id}（可选 2014、2019、2021）")
    return format_id


def _print_problems(problems) -> None:
    for p in problems:
        level = "错误" if p.severity == "error" else "提示"
        typer.echo(f"  [{p.rule} {level}] {p.message}")


@report_app.command("parse")
def parse_cmd(
    file: str = typer.Argument(..., help="年报文件（TXT、HTML、DOCX、PDF）"),
    as_json: bool = typer.Option(False, "--json", help="输出 JSON（report-keys 格式）"),
    format_id: str | None = typer.Option(None, "--format", help="指定格式（默认自动识别）"),
) -> int:
    """读取一份年报，识别格式、年度和机关，把统计表的每个单元格对应到统一的键。

    退出码：0 完整且勾稽关系成立；1 已读取但有问题（缺行、推算、勾稽不符、正文与表不符）；
    2 不是年报或无法读取。"""
    r = _parse(file, _check_format(format_id))
    if as_json:
        # stdout keeps the report-keys.md shape plus the per-cell status; the rest to stderr
        data = r.to_json()
        keys = ["format", "variant", "year", "agency", "figures", "cells", "problems", "missing"]
        _dump({k: data[k] for k in keys if k in data})
        for note in r.notes:
            typer.echo(f"说明：{note}", err=True)
        for u in r.unplaced:
            typer.echo(f"未能对应的单元格：{_unplaced(u)}", err=True)
        return r.exit_code
    from .formats import get

    fmt = get(r.format)
    variant = f"，{r.variant}" if r.variant else ""
    typer.echo(
        f"格式：{r.format}（{fmt.name}{variant}）  年度：{r.year or '未识别'}  "
        f"机关：{r.agency or '未识别'}"
    )
    counts = {s: 0 for s in ("read", "blank", "missing", "inferred")}
    for c in r.cells.values():
        counts[c.status] += 1
    typer.echo(
        f"统计项：{len(r.cells)} 个，其中读取 {counts['read']} 个，空白 {counts['blank']} 个，"
        f"未找到 {counts['missing']} 个，推算 {counts['inferred']} 个"
    )
    if r.missing:
        typer.echo("未找到的行：" + "、".join(f"“{m}”" for m in r.missing))
    for note in r.notes:
        typer.echo(f"说明：{note}")
    for u in r.unplaced:
        typer.echo(f"未能对应的单元格：{_unplaced(u)}")
    shown = [p for p in r.problems if p.rule != "MISSING"]
    if shown:
        typer.echo(f"校验发现 {len(shown)} 个问题：")
        _print_problems(shown)
    elif not r.missing:
        typer.echo("校验通过：所有勾稽关系成立。")
    return r.exit_code


def _unplaced(u: dict) -> str:
    where = f"，{u['where']}" if u.get("where") else ""
    return f"{u['label'] or '（无标签）'} {u['values']}（{u['reason']}{where}）"


@report_app.command("validate")
def validate_cmd(
    file: str = typer.Argument(..., help="年报文件（TXT、HTML、DOCX、PDF）"),
    format_id: str | None = typer.Option(None, "--format", help="指定格式（默认自动识别）"),
    previous: str | None = typer.Option(
        None, "--previous", help="上年报告文件：同时核对跨年度规则（上年结转）"
    ),
) -> int:
    """校验年报统计表的勾稽关系；有错误级问题时退出码为 1。"""
    from .validate import has_errors, validate

    r = _parse(file, _check_format(format_id))
    if previous is not None:
        last = _parse(previous)
        if r.year and last.year and last.year != r.year - 1:
            raise BadInput(f"上年报告应为 {r.year - 1} 年的，“{previous}”是 {last.year} 年的")
        if r.agency and last.agency and r.agency != last.agency:
            typer.echo(f"注意：两份报告的机关名称不同（{r.agency}、{last.agency}）。")
        r.problems = validate(r.format, r.figures, last.figures)
    if not r.problems:
        typer.echo(
            f"校验通过：{r.agency or ''}{r.year or ''}年报（格式 {r.format}）所有勾稽关系成立。"
        )
        return 0
    n_err = sum(p.severity == "error" for p in r.problems)
    typer.echo(f"发现 {n_err} 个错误、{len(r.problems) - n_err} 个提示：")
    _print_problems(r.problems)
    return 1 if has_errors(r.problems) else 0


_PAIR = re.compile(r"^(?P<agency>.+?)[:：@/](?P<year>\d{4})$")


def _figures_of(spec: str) -> tuple[str, str, dict]:
    """A file, or AGENCY:YEAR from the figures store → (title, format, figures)."""
    if Path(spec).exists():
        r = _parse(spec)
        return f"{r.agency or Path(spec).name} {r.year or ''}".strip(), r.format, r.figures
    m = _PAIR.match(spec)
    if not m:
        raise BadInput(
            f"找不到文件“{spec}”；比较对象应为年报文件，或“机关代码:年度”（如 zbzc-zwfw:2017）"
        )
    from .services import ReportError, load_figures

    try:
        return load_figures(m.group("agency"), int(m.group("year")))
    except ReportError as exc:
        raise BadInput(str(exc)) from None


@report_app.command("compare")
def compare_cmd(
    a: str = typer.Argument(..., help="对象 A：年报文件，或“机关代码:年度”"),
    b: str = typer.Argument(..., help="对象 B：年报文件，或“机关代码:年度”"),
    as_json: bool = typer.Option(False, "--json", help="输出 JSON"),
    all_keys: bool = typer.Option(False, "--all", help="列出全部统计项（默认只列有差异的）"),
) -> int:
    """按统计项比较两份年报（同比，或机关之间）：差值、百分比和异常跳变标记。"""
    from .compare import FLAG_TEXT, compare
    from .validate import fmt_number

    ta, fa, xa = _figures_of(a)
    tb, fb, xb = _figures_of(b)
    diffs = compare(xa, xb, fa, fb)
    if as_json:
        _dump(
            {
                "a": {"title": ta, "format": fa},
                "b": {"title": tb, "format": fb},
                "keys": [d.as_dict() for d in diffs],
            }
        )
        return 0
    typer.echo(f"A：{ta}（格式 {fa}）  B：{tb}（格式 {fb}）  共同统计项 {len(diffs)} 个")
    shown = [d for d in diffs if all_keys or d.a != d.b]
    for d in shown:
        pct = f"{d.pct:+.1f}%" if d.pct is not None else ""
        diff = fmt_number(d.diff) if d.diff is not None else ""
        flag = f"  ⚠ {FLAG_TEXT[d.flag]}" if d.flag else ""
        a_txt = fmt_number(d.a) if d.a is not None else "空白"
        b_txt = fmt_number(d.b) if d.b is not None else "空白"
        typer.echo(f"  {d.key}  {d.label}：{a_txt} → {b_txt}  {diff} {pct}{flag}")
    if not shown:
        typer.echo("两者所有共同统计项完全相同。")
    return 0


def _agency(code_or_name: str):
    from .services import ReportError, resolve_agency

    try:
        return resolve_agency(code_or_name)
    except ReportError as exc:
        raise BadInput(str(exc)) from None


def _year(year: int) -> int:
    if not 1990 <= year <= 2100:
        raise BadInput(f"年度 {year} 无效")
    return year


@report_app.command("build")
def build_cmd(
    agency: str = typer.Option(..., "--agency", help="机关代码或名称"),
    year: int = typer.Option(..., "--year", help="报告年度"),
    format_id: str | None = typer.Option(None, "--format", help="2014、2019 或 2021（默认按年度）"),
    out: str | None = typer.Option(
        None, "--out", help="输出文件：.docx .pdf .xlsx .html .txt .json"
    ),
    as_json: bool = typer.Option(False, "--json", help="把 JSON 打印到标准输出"),
) -> int:
    """生成一个机关某年度的年报（统计数来自记录计算和人工录入）。"""
    from .render import kind_for_path, render
    from .services import build

    if not out and not as_json:
        raise BadInput("请用 --out 指定输出文件，或用 --json 输出到屏幕")
    body = _agency(agency)
    built = build(body, _year(year), _check_format(format_id))
    if as_json:
        _dump(built.data.to_json())
        return 0
    try:
        kind = kind_for_path(out)
    except ValueError as exc:
        raise BadInput(str(exc)) from None
    target = Path(out)
    if not target.parent.exists():
        raise BadInput(f"输出目录不存在：{target.parent}")
    target.write_bytes(render(built.data, kind))
    problems = built.data.problems()
    typer.echo(
        f"已生成 {target}（{body.name} {year} 年，格式 {built.data.format}，{kind.upper()}）"
    )
    if problems:
        typer.echo(f"注意：统计表有 {len(problems)} 个校验问题：")
        _print_problems(problems)
    return 0


@report_app.command("rollup")
def rollup_cmd(
    agency: str = typer.Option(..., "--agency", help="机关代码或名称（汇总其本身及全部下级）"),
    year: int = typer.Option(..., "--year", help="报告年度"),
    format_id: str | None = typer.Option(None, "--format", help="2014、2019 或 2021（默认按年度）"),
    as_json: bool = typer.Option(False, "--json", help="输出 JSON"),
) -> int:
    """汇总一个机关及其全部下级机关的年报统计数，并列出尚未报送年报的机关。"""
    from .services import rollup
    from .validate import fmt_number, validate

    body = _agency(agency)
    r = rollup(body, _year(year), _check_format(format_id))
    problems = validate(r.format, r.figures)
    if as_json:
        _dump(
            {
                "format": r.format,
                "year": r.year,
                "agency": body.name,
                "figures": r.figures,
                "problems": [p.as_dict() for p in problems],
                "bodies": r.bodies,
                "reported": r.reported,
                "missing": [{"code": a.code, "name": a.name} for a in r.missing],
                "not_approved": [{"code": a.code, "name": a.name} for a in r.not_approved],
            }
        )
        return 0
    from .formats import get

    fmt = get(r.format)
    typer.echo(
        f"{body.name} {year} 年汇总（格式 {r.format}）：共 {r.bodies} 个机关，已有年报 {r.reported} 个"
    )
    for key, value in r.figures.items():
        if value is not None:
            typer.echo(f"  {fmt.label_of(key)}：{fmt_number(value)}")
    if r.missing:
        typer.echo(
            f"尚无年报的机关（{len(r.missing)} 个）：" + "、".join(a.name for a in r.missing[:50])
        )
    if r.not_approved:
        typer.echo(
            f"年报未审定的机关（{len(r.not_approved)} 个）："
            + "、".join(a.name for a in r.not_approved[:50])
        )
    if problems:
        typer.echo(f"汇总数的校验问题 {len(problems)} 个：")
        _print_problems(problems)
    return 0


@report_app.command("import")
def import_cmd(
    source: str = typer.Argument(..., help="已发布的年报：一个文件，或一个文件夹、ZIP（批量导入）"),
    agency: str | None = typer.Option(
        None, "--agency", help="单个文件：导入到这个机关（代码或名称）"
    ),
    under: str | None = typer.Option(None, "--under", help="批量：只在这个机关及其下级中匹配机关"),
    year: int | None = typer.Option(None, "--year", help="报告年度（默认取文件中识别的年度）"),
    user: str | None = typer.Option(None, "--user", help="以哪个用户的名义导入（记入审计日志）"),
    as_json: bool = typer.Option(False, "--json", help="批量：把结果清单以 JSON 打印"),
    workers: int | None = typer.Option(
        None, "--workers", min=1, max=16, help="批量：并行解析的进程数（默认每个 CPU 核一个）"
    ),
) -> int:
    """导入已发布年报的统计数（来源记为“解析自 文件名”；系统计算和人工录入的统计项不被覆盖）。

    给出 --agency 时导入单个文件；否则按机关代码或名称为每个文件匹配机关，无法确定的列入待确认清单。
    重复导入相同文件不会改变任何数据。"""
    actor = _user(user)
    if agency is not None:
        return _import_single(source, agency, year, actor)
    from .batch import BatchError, count_sources, import_reports

    root = _agency(under) if under else None
    src = Path(source)
    try:
        total = count_sources(src)
    except BatchError as exc:
        raise BadInput(str(exc)) from None
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    err = Console(stderr=True)
    with Progress(
        TextColumn("导入年报"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=err,
        transient=as_json,
    ) as bar:
        task = bar.add_task("", total=total or None)

        def tick(outcome) -> None:
            bar.update(task, advance=1, description=outcome.file[-40:])

        try:
            summary = import_reports(
                src, actor=actor, under=root, year=year, progress=tick, workers=workers
            )
        except BatchError as exc:
            raise BadInput(str(exc)) from None
    if as_json:
        _dump(
            {
                "counts": dict(summary.counts()),
                "files": [o.as_dict() for o in summary.outcomes],
            }
        )
    else:
        _print_summary(summary)
    if not summary.outcomes:
        raise BadInput(f"“{source}”中没有可读取的年报文件（TXT、HTML、PDF、DOCX）")
    return 0 if all(o.status == "complete" for o in summary.outcomes) else 1


def _print_summary(summary) -> None:
    from rich.console import Console
    from rich.table import Table

    from .batch import STATUS_LABELS

    console = Console()
    counts = summary.counts()
    table = Table(title=f"导入结果：共 {len(summary.outcomes)} 个文件")
    table.add_column("结果")
    table.add_column("原因")
    table.add_column("文件数", justify="right")
    table.add_row("完整", "", str(counts.get("complete", 0)))
    for (status, reason), n in sorted(summary.reasons().items()):
        table.add_row(STATUS_LABELS[status], reason, str(n))
    console.print(table)
    changed = sum(o.changed for o in summary.outcomes)
    console.print(f"有变化的统计数 {changed} 项（重复导入相同文件时为 0）。")
    if summary.review:
        console.print(f"待人工确认（{len(summary.review)} 个文件）：")
        for o in summary.review[:200]:
            likely = f"；可能是：{'、'.join(o.candidates)}" if o.candidates else ""
            console.print(f"  {o.file}：{o.reason}{likely}")


def _user(username: str | None):
    if username is None:
        return None
    from django.contrib.auth import get_user_model

    account = get_user_model().objects.filter(username=username).first()
    if account is None:
        raise BadInput(f"未找到用户“{username}”。")
    return account


def _import_single(file: str, agency: str, year: int | None, actor) -> int:
    from .compute import compute
    from .services import ReportError, get_or_create_report, import_figures

    body = _agency(agency)
    r = _parse(file)
    year = _year(year or r.year or 0) if (year or r.year) else None
    if year is None:
        raise BadInput("无法从文件中识别年度，请用 --year 指定")
    report = get_or_create_report(body, year, r.format, actor=actor)
    if report.format != r.format:
        raise BadInput(f"该年度的年报已按格式 {report.format} 编制，文件是格式 {r.format}")
    computed = set(compute([body.pk], year, r.format))
    values = {
        k: v
        for k, v in r.figures.items()
        if k not in computed and r.cells.get(k) is not None and r.cells[k].status != "missing"
    }
    try:
        changed = import_figures(report, values, f"解析自 {Path(file).name}", actor)
    except ReportError as exc:
        raise BadInput(str(exc)) from None
    typer.echo(
        f"已导入 {body.name} {year} 年（格式 {r.format}）：{len(changed)} 项有变化，"
        f"{len(computed)} 项由记录计算、未覆盖"
    )
    if r.missing:
        typer.echo("未找到的行（未导入）：" + "、".join(f"“{m}”" for m in r.missing))
    shown = [p for p in r.problems if p.rule != "MISSING"]
    if shown:
        typer.echo(f"注意：文件中的统计表有 {len(shown)} 个校验问题：")
        _print_problems(shown)
    return 0


def register(app: typer.Typer) -> None:
    app.add_typer(report_app, name="report")
