"""`gongkai hotline import-upstream | import-mail | import-calls | issue-key`."""

from __future__ import annotations

from pathlib import Path

import typer

from gongkai.hotline.channels.common import ChannelError

MAX_FILE_BYTES = 50 * 1024 * 1024


def _agency(value: str):
    from gongkai.agencies.models import Agency
    from gongkai.core.errors import BadInput

    try:
        return Agency.objects.resolve(value)
    except Agency.DoesNotExist as exc:
        raise BadInput(str(exc.args[0]) if exc.args else f"找不到机关“{value}”") from None


def _user(username: str):
    from django.contrib.auth import get_user_model

    from gongkai.core.errors import BadInput

    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise BadInput(f"用户“{username}”不存在或已停用")
    return user


def _text(path: Path) -> str:
    from gongkai.core.errors import BadInput

    if not path.is_file():
        raise BadInput(f"文件不存在：{path}")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise BadInput(f"文件超过 50 MB：{path}")
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        try:
            return path.read_text(encoding="gb18030")  # upstream exports from Excel on Windows
        except UnicodeDecodeError:
            raise BadInput(f"无法识别文件编码（应为 UTF-8 或 GB18030）：{path}") from None


def _report(created: list[str] | int, known: int, errors: list[str]) -> None:
    count = created if isinstance(created, int) else len(created)
    typer.echo(f"新建 {count} 件，已存在（未重复导入）{known} 件，错误 {len(errors)} 条")
    for line in errors[:50]:
        typer.echo(f"  {line}", err=True)


def register(sub: typer.Typer) -> None:
    @sub.command("import-upstream")
    def import_upstream_cmd(
        path: str = typer.Argument(..., help="上级12345平台导出的 CSV 或 JSON 文件"),
        agency: str = typer.Option(..., "--agency", help="热线中心的机关代码或名称"),
        username: str = typer.Option(..., "--as", help="以哪位工作人员的身份导入"),
        skip_invalid: bool = typer.Option(False, "--skip-invalid", help="跳过有错误的行"),
    ) -> None:
        """导入上级平台转办的工单（保留上级工单号；重复导入不会新建工单）。"""
        from gongkai.core.errors import BadInput
        from gongkai.hotline.channels.upstream import import_upstream

        centre, actor, text = _agency(agency), _user(username), _text(Path(path))
        try:
            result = import_upstream(
                centre, Path(path).name, text, actor, skip_invalid=skip_invalid
            )
        except ChannelError as exc:
            raise BadInput(str(exc)) from None
        _report(result.created, result.known, result.errors)
        if result.errors:
            if not skip_invalid:
                typer.echo(
                    "文件有错误，未导入任何工单。可改正后重试，或加 --skip-invalid。", err=True
                )
            raise typer.Exit(1)

    @sub.command("import-mail")
    def import_mail_cmd(
        path: str = typer.Argument(..., help=".eml 文件、存放 .eml 的目录或 maildir"),
        agency: str = typer.Option(..., "--agency", help="热线中心的机关代码或名称"),
        username: str = typer.Option(..., "--as", help="以哪位工作人员的身份导入"),
    ) -> None:
        """把电子邮件登记为工单（按 Message-ID 去重）。"""
        from gongkai.core.errors import BadInput
        from gongkai.hotline.channels.mail import import_mail

        centre, actor = _agency(agency), _user(username)
        try:
            result = import_mail(centre, Path(path), actor)
        except ChannelError as exc:
            raise BadInput(str(exc)) from None
        _report(result.created, result.known, result.errors)
        if result.errors:
            raise typer.Exit(1)

    @sub.command("import-calls")
    def import_calls_cmd(
        path: str = typer.Argument(..., help="话务系统导出的呼叫记录 CSV"),
        agency: str = typer.Option(..., "--agency", help="热线中心的机关代码或名称"),
    ) -> None:
        """导入呼叫记录（用于计算接通率；按 call_id 去重）。"""
        from gongkai.core.errors import BadInput
        from gongkai.hotline.channels.cti import import_calls

        centre, text = _agency(agency), _text(Path(path))
        try:
            result = import_calls(centre, text)
        except ChannelError as exc:
            raise BadInput(str(exc)) from None
        _report(result.created, result.updated, result.errors)
        if result.errors:
            typer.echo("文件有错误，未导入任何记录。", err=True)
            raise typer.Exit(1)

    @sub.command("issue-key")
    def issue_key_cmd(
        agency: str = typer.Option(..., "--agency", help="热线中心的机关代码或名称"),
        name: str = typer.Option(..., "--name", help="接入系统的名称"),
        kind: str = typer.Option("open311", "--kind", help="open311 或 cti"),
    ) -> None:
        """为接入系统（Open311 客户端或话务系统）签发密钥；密钥只显示这一次。"""
        from gongkai.core.errors import BadInput
        from gongkai.hotline.models import PartnerSystem

        if kind not in PartnerSystem.Kind.values:
            raise BadInput("--kind 只能为 open311 或 cti")
        if not name.strip() or len(name) > 100:
            raise BadInput("--name 不能为空，且不超过100个字符")
        _, key = PartnerSystem.issue(_agency(agency), name.strip(), kind)
        typer.echo(key)
