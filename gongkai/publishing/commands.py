"""`gongkai publishing ...` commands."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    group = typer.Typer(
        help="主动公开：检索索引、定时发布、第二部分数据导入。", no_args_is_help=True
    )
    app.add_typer(group, name="publishing")

    @group.command("reindex")
    def reindex() -> None:
        """重建全部已公开信息的检索索引。"""
        from gongkai.publishing import search
        from gongkai.publishing.models import Item, SearchEntry

        SearchEntry.objects.exclude(item__in=Item.objects.public()).delete()
        n = 0
        for item in Item.objects.public().prefetch_related("attachments").iterator(chunk_size=500):
            search.index_item(item)
            n += 1
        search.tidy_index()
        typer.echo(f"已重建 {n} 条信息的检索索引。")

    @group.command("publish-due")
    def publish_due() -> None:
        """发布已到时间的定时发布信息（通常由 gongkai worker 完成）。"""
        from django.utils import timezone

        from gongkai.publishing.models import Item, ItemStatus
        from gongkai.publishing.steps import publish_scheduled

        due = Item.objects.filter(status=ItemStatus.SCHEDULED, scheduled_for__lte=timezone.now())
        n = sum(1 for pk in due.values_list("pk", flat=True) if publish_scheduled(pk))
        typer.echo(f"已发布 {n} 条。")

    @group.command("import-section2")
    def import_section2(
        file: Annotated[Path, typer.Argument(help=".xlsx 文件：年度、月份、指标、数值 四列")],
        agency: Annotated[str, typer.Option("--agency", help="机关代码")],
        user: Annotated[str, typer.Option("--user", help="以哪个用户的名义导入（需有录入权限）")],
    ) -> None:
        """导入年度报告第二部分（行政许可、处罚、强制、收费等）数据。"""
        from django.contrib.auth import get_user_model
        from django.core.exceptions import PermissionDenied

        from gongkai.agencies.models import Agency
        from gongkai.core.errors import BadInput
        from gongkai.publishing.sectiontwo import import_section_two
        from gongkai.workflow.steps import StepError

        if not file.is_file():
            raise BadInput(f"文件不存在：{file}")
        body = Agency.objects.filter(code=agency).first()
        if body is None:
            raise BadInput(f"未找到机关“{agency}”。")
        account = get_user_model().objects.filter(username=user).first()
        if account is None:
            raise BadInput(f"未找到用户“{user}”。")
        try:
            with file.open("rb") as fh:
                n = import_section_two(body, account, fh)
        except PermissionDenied:
            raise BadInput(f"用户“{user}”没有该机关的录入权限。") from None
        except StepError as exc:
            raise BadInput(str(exc)) from None
        typer.echo(f"已导入 {n} 行。")
