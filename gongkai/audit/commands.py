import typer

audit_app = typer.Typer(help="审计账本。", no_args_is_help=True)


@audit_app.command("verify")
def verify() -> int:
    """校验整条哈希链；发现被修改、删除或调换顺序的事件时以退出码 1 结束并指出该事件。"""
    from gongkai.audit.services import verify_chain

    result = verify_chain()
    typer.echo(("OK " if result.ok else "FAIL ") + result.message)
    return 0 if result.ok else 1


def register(app: typer.Typer) -> None:
    app.add_typer(audit_app, name="audit")
