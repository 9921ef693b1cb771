"""`gongkai check`: what an operator runs after installing.

Infrastructure checks live here; each app adds its own through a `checks.py` with
`checks() -> Iterator[(status, message)]`, found at start by gongkai.core.plugins.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator

from gongkai.core.plugins import found


def run_checks() -> Iterator[tuple[str, str]]:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    try:
        connection.ensure_connection()
        yield "OK", f"数据库可以连接（{connection.vendor}）"
    except Exception as exc:  # any driver error means the same to the operator
        yield "FAIL", f"无法连接数据库：{exc}"
        return

    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if pending:
        yield "FAIL", f"有 {len(pending)} 个数据库迁移尚未执行，请运行 gongkai manage migrate"
    else:
        yield "OK", "数据库迁移已全部执行"

    fonts = fonts_with_chinese()
    if any("Noto" in f for f in fonts):
        yield "OK", "已安装中文字体（PDF 用）：" + "、".join(fonts[:3])
    elif fonts:
        yield "WARN", "未安装 Noto CJK 字体，PDF 将使用：" + "、".join(fonts[:3])
    else:
        yield "FAIL", "未安装任何中文字体，PDF 无法正确显示中文（请安装 fonts-noto-cjk）"

    for plugin in found("checks"):
        yield from plugin.get("checks")()


def fonts_with_chinese() -> list[str]:
    try:
        out = subprocess.run(
            ["fc-list", ":lang=zh", "family"], capture_output=True, text=True, timeout=20
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return sorted({line.split(",")[0].strip() for line in out.splitlines() if line.strip()})
