"""PDF of a report: WeasyPrint from the same HTML as the portal (A4, page numbers, Noto CJK)."""

from __future__ import annotations

import logging

from ..document import ReportData
from .html import render_html


def render_pdf(data: ReportData) -> bytes:
    from weasyprint import HTML

    # fontTools subsetting logs every glyph table at INFO; keep CLI output clean
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    return HTML(string=render_html(data)).write_pdf()
