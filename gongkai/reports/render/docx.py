"""DOCX of a report: native Word tables with merged header cells and row groups."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from ..document import ReportData
from ..layout import Grid, build_grid

FONT = "宋体"
FONT_HEI = "黑体"
# GB/T 9704-2012 党政机关公文格式: A4, 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm, which leaves
# 35 mm at the foot and 26 mm on the right.
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGINS = {
    "top_margin": Mm(37),
    "bottom_margin": Mm(35),
    "left_margin": Mm(28),
    "right_margin": Mm(26),
}


def _official_page(doc) -> None:
    for section in doc.sections:
        section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
        for name, value in MARGINS.items():
            setattr(section, name, value)


def _repeat_header(row) -> None:
    """Word repeats a row marked tblHeader at the top of every page the table runs onto."""
    trpr = row._tr.get_or_add_trPr()
    el = trpr.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"})
    trpr.append(el)


def _east_asian(run, name: str = FONT) -> None:
    run.font.name = name
    rpr = run._element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(rfonts)
    rfonts.set(qn("w:eastAsia"), name)


def _set_style_font(doc) -> None:
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(11)
    rpr = style.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(rfonts)
    rfonts.set(qn("w:eastAsia"), FONT)


def _table(doc, grid: Grid) -> None:
    table = doc.add_table(rows=grid.n_rows, cols=grid.n_cols)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for c in grid.cells:
        cell = table.cell(c.row, c.col)
        if c.rowspan > 1 or c.colspan > 1:
            cell = cell.merge(table.cell(c.row + c.rowspan - 1, c.col + c.colspan - 1))
        para = cell.paragraphs[0]
        run = para.add_run(c.text)
        run.font.size = Pt(9)
        _east_asian(run)
        if c.kind in ("value", "unit", "header"):
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if c.row < grid.header_rows:
            para.paragraph_format.keep_with_next = True
    for r in range(min(grid.header_rows, grid.n_rows - 1)):
        _repeat_header(table.rows[r])


def render_docx(data: ReportData) -> bytes:
    fmt = data.fmt
    figures = data.complete_figures()
    doc = Document()
    _official_page(doc)
    _set_style_font(doc)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(data.title)
    run.bold = True
    run.font.size = Pt(16)
    _east_asian(run, FONT_HEI)
    for (heading, text), section in zip(data.sections, fmt.sections, strict=False):
        h = doc.add_paragraph()
        hr = h.add_run(heading)
        hr.bold = True
        h.paragraph_format.keep_with_next = True
        _east_asian(hr, FONT_HEI)
        for para in (p for p in text.split("\n") if p.strip()):
            p = doc.add_paragraph()
            p.paragraph_format.first_line_indent = Pt(22)
            _east_asian(p.add_run(para))
        for tid in section.table_ids:
            table = fmt.table(tid)
            cap = doc.add_paragraph()
            cap.alignment = WD_ALIGN_PARAGRAPH.CENTER
            text_cap = (
                f"{data.year}年度{fmt.appendix_title}" if fmt.appendix_title else table.caption
            )
            cr = cap.add_run(text_cap)
            cr.bold = True
            cap.paragraph_format.keep_with_next = True
            _east_asian(cr, FONT_HEI)
            _table(doc, build_grid(fmt, table, figures))
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
