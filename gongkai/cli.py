"""The `gongkai` command. Each app adds its commands through `register(app)` in its commands.py.

Exit codes everywhere: 0 success; 1 a check found something; 2 bad input (one Chinese line,
never a traceback).
"""

from __future__ import annotations

import contextlib
import io
import os
import sys

import typer

from gongkai.core.cli_i18n import translate
from gongkai.core.errors import BadInput

app = typer.Typer(
    help="gongkai 政府信息公开平台命令行工具。",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django
    from django.conf import settings
    from django.utils import translation

    django.setup()
    translation.activate(settings.LANGUAGE_CODE)  # Django's own messages (validators) in Chinese


_registered = False


def _register_all() -> None:
    """Every app's `commands.register(app)`, in INSTALLED_APPS order (gongkai.core.plugins)."""
    global _registered
    if _registered:
        return
    _registered = True
    from gongkai.core.plugins import found

    for plugin in found("commands"):
        plugin.get("register")(app)


def _print_help(args: list[str]) -> None:
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer), contextlib.suppress(typer.Exit, typer.TyperException):
        app(args=args, standalone_mode=False, prog_name="gongkai")
    sys.stdout.write(translate(buffer.getvalue()))


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    _setup_django()
    _register_all()
    if not args:
        args = ["--help"]
    if args[0] != "manage" and ("--help" in args or "-h" in args):
        _print_help(args)
        sys.exit(0)
    try:
        result = app(args=args, standalone_mode=False, prog_name="gongkai")
    except typer.Exit as exc:
        sys.exit(getattr(exc, "exit_code", 0))
    except typer.Abort:
        print("已取消。", file=sys.stderr)
        sys.exit(2)
    except BadInput as exc:
        print(f"错误：{exc}", file=sys.stderr)
        sys.exit(2)
    except typer.TyperException as exc:  # typer's usage errors (bad option, missing argument …)
        message = translate(exc.format_message() if hasattr(exc, "format_message") else str(exc))
        print(f"参数错误：{message}（使用 --help 查看用法）", file=sys.stderr)
        sys.exit(2)
    except Exception as exc:
        # An operator sees one Chinese line, never a traceback (GONGKAI_DEBUG=1 shows it).
        from django.conf import settings

        if settings.DEBUG:
            raise
        print(f"内部错误：{type(exc).__name__}：{str(exc)[:300]}", file=sys.stderr)
        print(
            "请把以上信息告知运维人员；设置 GONGKAI_DEBUG=1 可看到详细的出错位置。", file=sys.stderr
        )
        sys.exit(1)
    sys.exit(result if isinstance(result, int) else 0)
