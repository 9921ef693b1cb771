"""The `gongkai` command. Each module adds its commands through a `register(app)` function.

Exit codes everywhere: 0 success; 1 a check found something; 2 bad input (one Chinese line,
never a traceback).
"""

from __future__ import annotations

import os
import sys
from importlib import import_module

import click
import typer

app = typer.Typer(
    help="gongkai 政府信息公开平台命令行工具。",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

# Modules whose `register(app)` adds commands, in help order.
COMMAND_MODULES = [
    "gongkai.core.commands",
    "gongkai.audit.commands",
    "gongkai.workdays.commands",
    "gongkai.reports.commands",
    "gongkai.publishing.commands",
    "gongkai.applications.commands",
]


class BadInput(Exception):
    """Raised by commands for input errors; printed as one line, exit code 2."""


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django

    django.setup()


def _register_all() -> None:
    for module_path in COMMAND_MODULES:
        try:
            module = import_module(module_path)
        except ModuleNotFoundError as exc:
            if exc.name == module_path:
                continue
            raise
        module.register(app)


def main(argv: list[str] | None = None) -> None:
    _setup_django()
    _register_all()
    try:
        result = app(args=argv, standalone_mode=False, prog_name="gongkai")
    except click.exceptions.NoArgsIsHelpError:
        sys.exit(0)
    except click.exceptions.UsageError as exc:
        print(f"参数错误：{exc.format_message()}（使用 --help 查看用法）", file=sys.stderr)
        sys.exit(2)
    except click.exceptions.Abort:
        print("已取消。", file=sys.stderr)
        sys.exit(2)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except BadInput as exc:
        print(f"错误：{exc}", file=sys.stderr)
        sys.exit(2)
    sys.exit(result if isinstance(result, int) else 0)
