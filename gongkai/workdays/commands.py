"""`gongkai calendar …`, `gongkai clock explain`, `gongkai fee …`, `gongkai scan`.

Exit codes: 0 success; 1 the scan found something; 2 bad input (one Chinese line).
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from gongkai.core.errors import BadInput
from gongkai.core.messages import decode_error, os_error

NUMBER_ARGS = {"ignore_unknown_options": True}  # so "-1" reaches us and gets a Chinese message

calendar_app = typer.Typer(
    help="工作日历：判断工作日、推算期限、导入放假通知。", no_args_is_help=True
)
clock_app = typer.Typer(help="依申请公开答复期限。", no_args_is_help=True)
fee_app = typer.Typer(help="信息处理费（国办函〔2020〕109号）。", no_args_is_help=True)

PROVISIONAL_NOTE = "（临时：该年度未录入国务院放假通知）"


def _calendar():
    from django.db import DatabaseError

    from gongkai.rules.calendar import default_calendar
    from gongkai.workdays.services import current_calendar

    try:
        return current_calendar()
    except DatabaseError:
        # Not migrated yet: the bundled notices give the same answers.
        return default_calendar()


def _date(value: str, what: str = "日期") -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise BadInput(f"{what}“{value}”无效，应为 YYYY-MM-DD，例如 2026-10-10") from None


def _int(value: str, what: str, minimum: int | None = None, maximum: int | None = None) -> int:
    try:
        number = int(value.strip())
    except ValueError:
        raise BadInput(f"{what}“{value}”不是整数") from None
    if minimum is not None and number < minimum:
        raise BadInput(f"{what}不能小于{minimum}：{number}")
    if maximum is not None and number > maximum:
        raise BadInput(f"{what}不能大于{maximum}：{number}")
    return number


@calendar_app.command("is-workday")
def is_workday(day: str = typer.Argument(..., help="日期 YYYY-MM-DD")) -> None:
    """是否工作日：输出“是”或“否”；该年度未录入放假通知时注明临时。"""
    d = _date(day)
    cal = _calendar()
    answer = "是" if cal.is_workday(d) else "否"
    typer.echo(answer + (PROVISIONAL_NOTE if cal.is_provisional(d) else ""))


@calendar_app.command("add", context_settings=NUMBER_ARGS)
def add(
    day: str = typer.Argument(..., help="起始日期 YYYY-MM-DD（当日不计入）"),
    n: str = typer.Argument(..., help="工作日数"),
) -> None:
    """起始日期之后第 N 个工作日（当日不计入）。第一行为日期；临时数据时第二行说明。"""
    d = _date(day)
    # Statutory periods are tens of days; ten years of working days is a generous ceiling that
    # keeps the answer inside the calendar's date range.
    count = _int(n, "工作日数", minimum=0, maximum=2500)
    try:
        result = _calendar().add_workdays_explained(d, count)
    except OverflowError:
        raise BadInput(f"从 {d.isoformat()} 起算 {count} 个工作日超出了日期范围") from None
    typer.echo(result.day.isoformat())
    if result.provisional:
        typer.echo(f"（{result.note}）")


@calendar_app.command("import")
def import_file(
    path: Annotated[Path, typer.Argument(help="CSV 或 JSON 文件（格式见 docs/rules.md）")],
    username: str = typer.Option(..., "--as", help="以哪个管理员的身份导入（必填，记入审计账本）"),
    replace: bool = typer.Option(
        False, "--replace", help="以文件为准，删除文件所列年度中未列出的调整日"
    ),
) -> None:
    """导入放假和调休上班日期，标记所列年度为已录入通知，并安排重新计算未办结的期限。"""
    from django.contrib.auth import get_user_model

    from gongkai.workdays.services import CalendarInputError, import_calendar, parse_file

    try:
        rows, years = parse_file(path)
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise BadInput(f"用户“{username}”不存在或已停用")
        result = import_calendar(rows, years, replace=replace, actor=user)
    except CalendarInputError as exc:
        raise BadInput(str(exc)) from None
    typer.echo(result.summary())


@clock_app.command("explain")
def explain_cmd(
    path: Annotated[Path, typer.Argument(help="事件 JSON 文件（格式见 docs/rules.md）")],
    as_json: bool = typer.Option(False, "--json", help="输出 JSON"),
    today: str = typer.Option(
        "", "--today", help="计算已用/剩余工作日的日期（默认最后一个事件日）"
    ),
) -> None:
    """按事件计算答复期限并逐步说明。"""
    from gongkai.rules.clock import ClockError, ClockOptions, explain
    from gongkai.workdays.services import clock_options

    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise BadInput(f"无法读取文件 {path}：{os_error(exc)}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise BadInput(f"{path} {decode_error(exc)}") from None
    options = clock_options()
    as_of = _date(today, "--today 日期") if today else None
    if isinstance(data, dict):
        events = data.get("events")
        if "today" in data and as_of is None:
            as_of = _date(str(data["today"]), "today 日期")
        raw_options = data.get("options") or {}
        if not isinstance(raw_options, dict):
            raise BadInput("options 应为对象")
        unknown = set(raw_options) - set(ClockOptions.__dataclass_fields__)
        if unknown:
            raise BadInput(f"未知的选项：{'、'.join(sorted(unknown))}")
        options = replace(options, **{k: bool(v) for k, v in raw_options.items()})
    else:
        events = data
    if not isinstance(events, list):
        raise BadInput("JSON 应为事件数组，或包含 events 数组的对象")
    try:
        result = explain(events, calendar=_calendar(), today=as_of, options=options)
    except ClockError as exc:
        raise BadInput(str(exc)) from None
    if as_json:
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return
    for line in result.lines:
        typer.echo(line)
    typer.echo(f"状态：{result.status.label}")
    if result.due_date:
        typer.echo(f"答复期限：{result.due_date.isoformat()}")
    elif result.projected_due_date:
        typer.echo(f"答复期限：暂停计时，预计 {result.projected_due_date.isoformat()}")
    if result.days_used is not None:
        typer.echo(f"已用{result.days_used}个工作日，剩余{result.days_left}个工作日")
    if result.timeliness:
        typer.echo(f"办结情况：{result.timeliness.label}")
    for warning in result.warnings:
        typer.echo(f"注意：{warning}")


def _print_fee(fee) -> None:
    typer.echo(f"{fee.total}元")
    for line in fee.breakdown():
        typer.echo(line)


@fee_app.command("per-request", context_settings=NUMBER_ARGS)
def fee_per_request(n: str = typer.Argument(..., help="同一申请人当月申请件数")) -> None:
    """按件计收：第一行为金额（元），其后为分档明细。"""
    from gongkai.rules.fees import per_request

    # A breakdown line per band of ten: the ceiling keeps the output readable.
    _print_fee(per_request(_int(n, "申请件数", minimum=0, maximum=10_000)))


@fee_app.command("per-page", context_settings=NUMBER_ARGS)
def fee_per_page(n: str = typer.Argument(..., help="页数")) -> None:
    """按量计收：第一行为金额（元），其后为分档明细。"""
    from gongkai.rules.fees import per_page

    _print_fee(per_page(_int(n, "页数", minimum=0, maximum=10_000_000)))


IMAGE_SIGNATURES = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"BM", b"II*\x00", b"MM\x00*")


def _readable_text(path: Path, extract_text) -> str:
    """The file's text; images and PDFs without a text layer through OCR when installed."""
    from gongkai.core import ocr

    with path.open("rb") as fh:
        head = fh.read(8)
    is_image = head.startswith(IMAGE_SIGNATURES)
    text = "" if is_image else extract_text(path)
    is_pdf = head.startswith(b"%PDF-")
    if not text.strip() and (is_image or is_pdf) and ocr.available():
        try:
            text = ocr.pdf_text(path) if is_pdf else ocr.image_text(path)
        except ocr.OcrError:
            return ""
    return text


def scan(
    path: Annotated[
        Path, typer.Argument(help="文本、HTML、DOCX、PDF 文件或图片（有 tesseract 时识别文字）")
    ],
    mask: Annotated[Path | None, typer.Option("--mask", help="把遮盖后的文本写入此文件")] = None,
    allow: Annotated[
        list[str] | None, typer.Option("--allow", help="不报告的本机关公开电话或邮箱（可重复）")
    ] = None,
    agency: str = typer.Option("", "--agency", help="机关代码：其公开的联系方式不报告"),
) -> int:
    """检查个人信息（身份证号、手机号、银行卡号、邮箱）和密级标志；发现时退出码为 1。"""
    from gongkai.rules.privacy import Scanner, extract_text

    allowed = list(allow or [])
    if agency:
        from gongkai.agencies.models import Agency

        try:
            allowed += Agency.objects.resolve(agency).published_contacts()
        except Agency.DoesNotExist:
            raise BadInput(f"没有代码或名称为“{agency}”的机关") from None
    if path.is_dir():
        raise BadInput(f"{path} 是目录，请指定一个文件")
    if not path.is_file():
        raise BadInput(f"文件不存在：{path}")
    if mask is not None and mask.suffix.lower() in {".docx", ".pdf", ".html", ".htm", ".xlsx"}:
        # The masked result is the extracted plain text; a .docx name would promise a document.
        raise BadInput(f"遮盖结果是纯文本，请使用 .txt 文件名，而不是 {mask.name}")
    try:
        text = _readable_text(path, extract_text)
    except Exception:  # a broken DOCX/PDF is bad input, not a crash
        raise BadInput(f"无法读取 {path.name} 的文字：文件已损坏或格式不受支持") from None
    if not text.strip():
        # Never "未发现" for a file whose text could not be read (scans, images).
        typer.echo(f"未能检查：{path.name} 是扫描件/图片或没有可识别的文字，需人工核对")
        return 1
    scanner = Scanner(allow=allowed)
    findings = scanner.scan(text)
    for f in findings:
        line = text.count("\n", 0, f.start) + 1
        column = f.start - (text.rfind("\n", 0, f.start) + 1) + 1
        typer.echo(f"第{line}行第{column}列\t{f.kind.label}\t{scanner.masked_value(f)}")
    if mask is not None:
        mask.write_text(scanner.mask(text, findings), encoding="utf-8")
    if findings:
        typer.echo(f"共发现{len(findings)}处个人信息或密级标志")
        return 1
    typer.echo("未发现个人信息或密级标志")
    return 0


def register(app: typer.Typer) -> None:
    app.add_typer(calendar_app, name="calendar")
    app.add_typer(clock_app, name="clock")
    app.add_typer(fee_app, name="fee")
    app.command("scan")(scan)
