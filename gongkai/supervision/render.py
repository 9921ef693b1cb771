"""A 通报 as DOCX and PDF: 文号, title, body, issuing body and date (党政机关公文格式, simplified)."""

from __future__ import annotations

import io
import logging

from django.template.loader import render_to_string

from .models import Notice


def _date(notice: Notice) -> str:
    from django.utils import timezone

    d = timezone.localtime(notice.issued_at)
    return f"{d.year}年{d.month}月{d.day}日"


def render_docx(notice: Notice) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "仿宋"
    style.font.size = Pt(16)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋")

    def para(text: str, align=None, size: int | None = None, bold: bool = False):
        p = doc.add_paragraph()
        if align is not None:
            p.alignment = align
        run = p.add_run(text)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
        return p

    para(notice.number or "　", WD_ALIGN_PARAGRAPH.CENTER)
    para(notice.title, WD_ALIGN_PARAGRAPH.CENTER, size=22, bold=True)
    para("各有关单位：")
    for line in notice.text.splitlines():
        para("　　" + line)
    para(notice.issuer.name, WD_ALIGN_PARAGRAPH.RIGHT)
    para(_date(notice), WD_ALIGN_PARAGRAPH.RIGHT)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def render_html(notice: Notice) -> str:
    return render_to_string(
        "supervision/notice_print.html",
        {"notice": notice, "lines": notice.text.splitlines(), "date": _date(notice)},
    )


def render_pdf(notice: Notice) -> bytes:
    from weasyprint import HTML

    logging.getLogger("fontTools").setLevel(logging.WARNING)
    return HTML(string=render_html(notice)).write_pdf()
