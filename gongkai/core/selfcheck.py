"""`gongkai check`: what an operator runs after installing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator


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

    from gongkai.core.commands import fonts_with_chinese

    fonts = fonts_with_chinese()
    if any("Noto" in f for f in fonts):
        yield "OK", "已安装中文字体（PDF 用）：" + "、".join(fonts[:3])
    elif fonts:
        yield "WARN", "未安装 Noto CJK 字体，PDF 将使用：" + "、".join(fonts[:3])
    else:
        yield "FAIL", "未安装任何中文字体，PDF 无法正确显示中文（请安装 fonts-noto-cjk）"

    yield from _calendar_checks()


def _calendar_checks() -> Iterator[tuple[str, str]]:
    try:
        from gongkai.workdays.coverage import official_years
    except ImportError:
        yield "WARN", "工作日历模块尚未安装，期限按周一至周五计算"
        return
    years = set(official_years())
    this_year = dt.date.today().year
    for year in (this_year, this_year + 1):
        if year in years:
            yield "OK", f"{year} 年工作日历已按国务院放假通知录入"
        else:
            yield (
                "WARN",
                f"{year} 年工作日历尚未录入国务院放假通知：涉及该年的期限为临时计算（按周一至周五）",
            )
