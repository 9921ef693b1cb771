"""Plain text of a report; tables as pipe-separated rows so blanks keep their position."""

from __future__ import annotations

from ..document import ReportData
from ..layout import Grid, build_grid


def table_text(grid: Grid) -> list[str]:
    t = grid.table
    lines = []
    if t.caption and t.kind != "list":
        lines.append(t.caption)
    # header rows: every header cell once, flattened
    labels = {(c.row, c.col): c for c in grid.cells}
    for r in range(grid.header_rows):
        cells = [c.text for c in grid.cells if c.row == r and c.kind in ("corner", "header")]
        lines.append("| " + " | ".join(cells) + " |")
    for r in range(grid.header_rows, grid.n_rows):
        row_cells = sorted((c for c in grid.cells if c.row == r), key=lambda c: c.col)
        # the leaf label of a row; its groups are printed once as their own line
        label_cells = [c for c in row_cells if c.kind in ("label",)]
        values = [c.text for c in row_cells if c.kind in ("unit", "value")]
        for c in label_cells[:-1] if t.kind != "list" else []:
            lines.append(f"{c.text}")
        leaf = label_cells[-1].text if label_cells else ""
        lines.append("| " + " | ".join([leaf, *values]) + " |")
    del labels
    return lines


def render_text(data: ReportData) -> str:
    fmt = data.fmt
    figures = data.complete_figures()
    lines = [data.title, ""]
    for (heading, text), section in zip(data.sections, fmt.sections, strict=False):
        lines.append(heading)
        lines.extend(p for p in text.split("\n") if p.strip())
        for tid in section.table_ids:
            lines.append("")
            if fmt.appendix_title:
                lines.append(f"{data.year}年度{fmt.appendix_title}")
            lines.extend(table_text(build_grid(fmt, fmt.table(tid), figures)))
            lines.append("")
    return "\n".join(lines) + "\n"
