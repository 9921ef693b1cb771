"""The monthly analysis report as DOCX (python-docx) and PDF (WeasyPrint, from HTML)."""

from __future__ import annotations

import base64
import io
from pathlib import Path

from django.template.loader import render_to_string
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from gongkai.hotline.analysis.charts import bar_png
from gongkai.hotline.analysis.data import Analysis

STYLE = Path(__file__).resolve().parent.parent / "static" / "hotline" / "analysis.css"


def pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def change(value: float | None) -> str:
    if value is None:
        return "无可比数据"
    return ("增长" if value >= 0 else "下降") + f" {abs(value) * 100:.1f}%"


def summary(a: Analysis) -> list[str]:
    """The report's opening paragraphs, as centres write them."""
    cur = a.current
    lines = [
        f"{a.year}年{a.month}月，共受理群众诉求{cur['received']}件，环比{change(a.mom)}，"
        f"同比{change(a.yoy)}。",
        f"直办率{pct(cur['direct_rate'])}，按时签收率{pct(cur['on_time_sign_rate'])}，"
        f"按时办结率{pct(cur['on_time_close_rate'])}，回复率{pct(cur['reply_rate'])}，"
        f"满意率{pct(cur['satisfaction_rate'])}，重办率{pct(cur['rework_rate'])}。",
    ]
    if a.calls["incoming"]:
        lines.append(
            f"呼入电话{a.calls['incoming']}个，接通{a.calls['answered']}个，"
            f"接通率{pct(a.calls['connect_rate'])}。"
        )
    if a.hot_spots:
        top = "、".join(f"{g['name']}（{g['count']}件）" for g in a.hot_spots[:3])
        lines.append(f"诉求较多的领域为：{top}。")
    return lines


def charts(a: Analysis) -> dict[str, bytes]:
    return {
        "channel": bar_png("受理渠道", [(n, c) for n, c, _ in a.channel_rows()]),
        "type": bar_png("诉求类型", [(n, c) for n, c, _ in a.type_rows()], colour="#8a5a2f"),
        "category": bar_png(
            "热点领域", [(g["name"], g["count"]) for g in a.hot_spots], colour="#3f7a4a"
        ),
    }


def _table(doc, header: list[str], rows: list[list[str]]) -> None:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text


def render_docx(a: Analysis, pictures: dict[str, bytes] | None = None) -> bytes:
    pictures = pictures or charts(a)
    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    style = doc.styles["Normal"]
    style.font.name, style.font.size = "仿宋", Pt(14)
    title = doc.add_paragraph(a.title)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.runs[0].font.size, title.runs[0].bold = Pt(20), True
    doc.add_heading("一、总体情况", level=2)
    for line in summary(a):
        doc.add_paragraph(line)
    _table(
        doc,
        ["指标", "本月", "上月"],
        [[label, pct(now), pct(before)] for label, now, before in a.rate_rows()],
    )
    doc.add_heading("二、受理渠道与诉求类型", level=2)
    _table(doc, ["渠道", "件数", "占比"], [[n, str(c), pct(s)] for n, c, s in a.channel_rows()])
    doc.add_picture(io.BytesIO(pictures["channel"]), width=Cm(14))
    _table(doc, ["类型", "件数", "占比"], [[n, str(c), pct(s)] for n, c, s in a.type_rows()])
    doc.add_picture(io.BytesIO(pictures["type"]), width=Cm(14))
    doc.add_heading("三、热点诉求", level=2)
    for group in a.hot_spots:
        subs = "、".join(f"{name}{n}件" for name, n in group["subs"][:5])
        doc.add_paragraph(
            f"{group['name']}：{group['count']}件，满意率{pct(group['satisfaction_rate'])}"
            + (f"；其中{subs}。" if subs else "。")
        )
    doc.add_picture(io.BytesIO(pictures["category"]), width=Cm(14))
    doc.add_heading("四、承办单位办理情况", level=2)
    _table(
        doc,
        ["承办单位", "派单", "答复", "回复率", "按时办结率", "满意率"],
        [
            [
                b.name,
                str(b.dispatched),
                str(b.replied),
                pct(b.reply_rate),
                pct(b.on_time_close_rate),
                pct(b.satisfaction_rate),
            ]
            for b in a.bodies
        ],
    )
    doc.add_heading("五、需要关注的单位", level=2)
    if a.flagged:
        for row, reasons in a.flagged:
            doc.add_paragraph(f"{row.name}：" + "；".join(reasons) + "。")
    else:
        doc.add_paragraph("本月各承办单位的满意率、回复率均达到要求。")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def render_html(a: Analysis, pictures: dict[str, bytes] | None = None) -> str:
    pictures = pictures or charts(a)
    images = {
        k: "data:image/png;base64," + base64.b64encode(v).decode() for k, v in pictures.items()
    }
    return render_to_string(
        "hotline/analysis/report.html",
        {"a": a, "summary": summary(a), "images": images, "pct": pct},
    )


def render_pdf(a: Analysis, pictures: dict[str, bytes] | None = None) -> bytes:
    import logging

    from weasyprint import CSS, HTML

    logging.getLogger("fontTools").setLevel(logging.WARNING)
    # The style is a file, not a <style> block: the CSP test holds every template to that.
    return HTML(string=render_html(a, pictures)).write_pdf(stylesheets=[CSS(filename=str(STYLE))])
