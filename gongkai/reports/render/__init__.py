"""Renderers: ReportData → DOCX, PDF, XLSX, HTML, plain text, JSON (no database needed)."""

from __future__ import annotations

import json
from pathlib import Path

from ..document import ReportData

KINDS = ("docx", "pdf", "xlsx", "html", "txt", "json")


def render(data: ReportData, kind: str) -> bytes:
    data.with_default_sections()
    if kind == "json":
        return json.dumps(data.to_json(), ensure_ascii=False, indent=2).encode()
    if kind == "html":
        from .html import render_html

        return render_html(data).encode()
    if kind == "txt":
        from .text import render_text

        return render_text(data).encode()
    if kind == "docx":
        from .docx import render_docx

        return render_docx(data)
    if kind == "pdf":
        from .pdf import render_pdf

        return render_pdf(data)
    if kind == "xlsx":
        from .xlsx import render_xlsx

        return render_xlsx(data)
    raise ValueError(f"不支持的输出类型：{kind}（可选 {'、'.join(KINDS)}）")


def kind_for_path(path: str | Path) -> str:
    ext = Path(path).suffix.lower().lstrip(".")
    if ext == "text":
        ext = "txt"
    if ext not in KINDS:
        raise ValueError(
            f"无法从扩展名判断输出类型：{Path(path).name}（可用 .docx .pdf .xlsx .html .txt .json）"
        )
    return ext
