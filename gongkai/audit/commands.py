from pathlib import Path

import typer

from gongkai.core.errors import BadInput

audit_app = typer.Typer(help="审计账本。", no_args_is_help=True)


@audit_app.command("verify")
def verify(
    anchors: str = typer.Option("", "--anchors", help="同时对照此目录中导出的锚点"),
) -> int:
    """校验整条哈希链及其签名；发现被修改、删除或调换顺序的事件，或与锚点不符时，以退出码 1 结束。"""
    from gongkai.audit.anchors import AnchorError, check_anchors
    from gongkai.audit.services import verify_chain

    result = verify_chain()
    typer.echo(("OK " if result.ok else "FAIL ") + result.message)
    if not anchors:
        return 0 if result.ok else 1
    try:
        against = check_anchors(Path(anchors))
    except AnchorError as exc:
        raise BadInput(str(exc)) from None
    typer.echo(("OK " if against.ok else "FAIL ") + against.message)
    return 0 if result.ok and against.ok else 1


@audit_app.command("anchor")
def anchor(
    directory: str = typer.Argument(..., help="锚点目录（建议位于另一台主机或只写一次的存储）"),
) -> None:
    """导出当前账本末尾的签名哈希（锚点），供日后 gongkai audit verify --anchors 对照。"""
    from gongkai.audit.anchors import AnchorError, export_anchor

    try:
        path = export_anchor(Path(directory))
    except AnchorError as exc:
        raise BadInput(str(exc)) from None
    typer.echo(f"已导出锚点：{path}")


def register(app: typer.Typer) -> None:
    app.add_typer(audit_app, name="audit")
