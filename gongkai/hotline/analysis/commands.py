"""`gongkai hotline analysis`: the monthly 运行分析报告 as DOCX and PDF files."""

from __future__ import annotations

from pathlib import Path

import typer


def register(sub: typer.Typer) -> None:
    @sub.command("analysis")
    def analysis_cmd(
        agency: str = typer.Option(..., "--agency", help="热线中心的机关代码或名称"),
        year: int = typer.Option(..., "--year", help="年份"),
        month: int = typer.Option(..., "--month", help="月份（1–12）"),
        out: str = typer.Option(".", "--out", help="输出目录"),
    ) -> None:
        """生成某月的热线运行分析报告（DOCX 和 PDF）。"""
        from gongkai.agencies.models import Agency
        from gongkai.core.errors import BadInput
        from gongkai.hotline.analysis.data import monthly
        from gongkai.hotline.analysis.document import charts, render_docx, render_pdf

        try:
            centre = Agency.objects.resolve(agency)
        except Agency.DoesNotExist as exc:
            raise BadInput(str(exc.args[0]) if exc.args else f"找不到机关“{agency}”") from None
        if not (2000 <= year <= 2100 and 1 <= month <= 12):
            raise BadInput("年份应在2000–2100之间，月份应在1–12之间")
        folder = Path(out)
        if not folder.is_dir():
            raise BadInput(f"输出目录不存在：{folder}")
        report = monthly(centre, year, month)
        pictures = charts(report)
        for suffix, data in (
            ("docx", render_docx(report, pictures)),
            ("pdf", render_pdf(report, pictures)),
        ):
            path = folder / f"{report.title}.{suffix}"
            path.write_bytes(data)
            typer.echo(f"已生成：{path}")
