"""HTML of a report: the portal page and the source of the PDF."""

from __future__ import annotations

from html import escape

from ..document import ReportData
from ..layout import Grid, build_grid

CSS = """
@page { size: A4; margin: 20mm 18mm 20mm 18mm;
  @bottom-center { content: "— " counter(page) " —"; font-size: 9pt; } }
body { font-family: "Noto Sans CJK SC", "Noto Serif CJK SC", "WenQuanYi Micro Hei", sans-serif;
  font-size: 11pt; line-height: 1.6; }
h1 { font-size: 17pt; text-align: center; }
h2 { font-size: 13pt; margin: 1em 0 .4em; }
h3 { font-size: 12pt; text-align: center; }
table.ndbg { border-collapse: collapse; width: 100%; margin: .5em 0 1em; font-size: 9pt; }
table.ndbg.grid { break-inside: avoid; }
table.ndbg tr { break-inside: avoid; }
h1, h2, h3, caption { break-after: avoid; }
/* Header rows repeat on every page a long table spans, and never stay alone at a page foot. */
table.ndbg thead { display: table-header-group; break-inside: avoid; }
table.ndbg tbody tr:first-child { break-before: avoid; }
table.ndbg td, table.ndbg th { border: 1px solid #333; padding: 2px 4px; }
table.ndbg th { font-weight: normal; background: #f2f2f2; }
table.ndbg td.v { text-align: center; min-width: 2.2em; }
table.ndbg caption { caption-side: top; font-weight: bold; padding: 4px; }
"""


def table_html(grid: Grid) -> str:
    by_row: dict[int, list] = {}
    for c in grid.cells:
        by_row.setdefault(c.row, []).append(c)
    kind = "list" if grid.table.kind == "list" else "grid"
    out = [f'<table class="ndbg {kind}" data-table="{grid.table.id}">']
    if grid.table.caption and grid.table.kind != "list":
        out.append(f"<caption>{escape(grid.table.caption)}</caption>")
    header_rows = max(0, min(grid.header_rows, grid.n_rows - 1))
    for r in range(grid.n_rows):
        if r == 0 and header_rows:
            out.append("<thead>")
        if r == header_rows:
            out.append("<tbody>")
        out.append("<tr>")
        for c in sorted(by_row.get(r, []), key=lambda c: c.col):
            tag = "th" if c.kind in ("corner", "header") else "td"
            attrs = ""
            if c.rowspan > 1:
                attrs += f' rowspan="{c.rowspan}"'
            if c.colspan > 1:
                attrs += f' colspan="{c.colspan}"'
            if c.kind == "value":
                attrs += ' class="v"'
                if c.key:
                    attrs += f' data-key="{c.key}"'
            out.append(f"<{tag}{attrs}>{escape(c.text)}</{tag}>")
        out.append("</tr>")
        if header_rows and r == header_rows - 1:
            out.append("</thead>")
    out.append("</tbody></table>")
    return "".join(out)


def body_html(data: ReportData) -> str:
    fmt = data.fmt
    figures = data.complete_figures()
    parts = [f"<h1>{escape(data.title)}</h1>"]
    for (heading, text), section in zip(data.sections, fmt.sections, strict=False):
        parts.append(f"<h2>{escape(heading)}</h2>")
        for para in (p for p in text.split("\n") if p.strip()):
            parts.append(f"<p>{escape(para.strip())}</p>")
        for tid in section.table_ids:
            if fmt.appendix_title:
                parts.append(f"<h3>{data.year}年度{escape(fmt.appendix_title)}</h3>")
            parts.append(table_html(build_grid(fmt, fmt.table(tid), figures)))
    return "\n".join(parts)


def render_html(data: ReportData) -> str:
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{escape(data.title)}</title><style>{CSS}</style></head><body>"
        f"{body_html(data)}</body></html>"
    )
