"""Print layout of a report: DOCX on A4 with the GB/T 9704 margins, header rows that repeat on
every page and never stay alone at a page foot (DOCX and PDF)."""

from __future__ import annotations

import io

import pdfplumber
from docx import Document
from docx.oxml.ns import qn

from gongkai.reports.document import ReportData
from gongkai.reports.formats import get
from gongkai.reports.render import render
from gongkai.reports.render.html import CSS


def _data(fid: str = "2021") -> ReportData:
    fmt = get(fid)
    sections = [(s.heading, "正文。") for s in fmt.sections]
    return ReportData(fid, 2025, "测试局", {}, sections=sections)


def _docx(fid: str = "2021") -> Document:
    return Document(io.BytesIO(render(_data(fid), "docx")))


SIDES = ("top", "bottom", "left", "right")


def test_the_docx_is_a4_with_the_official_margins():
    for section in _docx().sections:
        size = (round(section.page_width.mm), round(section.page_height.mm))
        margins = [round(getattr(section, f"{side}_margin").mm) for side in SIDES]
        assert size == (210, 297) and margins == [37, 35, 28, 26]


def test_docx_table_header_rows_repeat_and_captions_keep_with_their_table():
    doc = _docx()
    assert doc.tables
    for table in doc.tables:
        first = table.rows[0]._tr
        assert first.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    captions = [p for p in doc.paragraphs if p.text.endswith("情况") or "统计" in p.text]
    assert captions and all(p.paragraph_format.keep_with_next for p in captions)


def test_the_pdf_repeats_a_tables_header_on_the_next_page():
    from weasyprint import HTML

    rows = "".join(f"<tr><td>第{i}行</td><td>{i}</td></tr>" for i in range(120))
    doc = (
        f"<html><head><style>{CSS}</style></head><body><h2>三、统计</h2>"
        '<table class="ndbg list"><caption>附表</caption><thead><tr><th>项目</th><th>数量</th></tr>'
        f"</thead><tbody>{rows}</tbody></table></body></html>"
    )
    with pdfplumber.open(io.BytesIO(HTML(string=doc).write_pdf())) as pdf:
        assert len(pdf.pages) >= 2
        for page in pdf.pages:
            assert "项目" in page.extract_text()


def test_report_html_puts_header_rows_in_a_thead():
    from gongkai.reports.render.html import body_html

    body = body_html(_data())
    assert body.count("<thead>") >= 3 and body.count("<thead>") == body.count("</thead>")
    assert body.count("<tbody>") == body.count("</tbody>") == body.count("<table")
