"""XLSX of a report's tables: one sheet per table, merged cells as in the official layout."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

from ..document import ReportData
from ..layout import build_grid

_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def render_xlsx(data: ReportData) -> bytes:
    fmt = data.fmt
    figures = data.complete_figures()
    wb = Workbook()
    wb.remove(wb.active)
    for table in fmt.tables:
        grid = build_grid(fmt, table, figures)
        ws = wb.create_sheet(title=(table.caption or table.id)[:31].replace("/", "／"))
        ws.cell(row=1, column=1, value=f"{data.agency}{data.year}年 {table.caption}").font = Font(
            bold=True, name="宋体"
        )
        top = 2
        for c in grid.cells:
            cell = ws.cell(row=top + c.row, column=1 + c.col)
            if c.kind == "value" and c.key:
                cell.value = figures.get(c.key)
            else:
                cell.value = c.text or None
            cell.alignment = Alignment(
                wrap_text=True,
                vertical="center",
                horizontal="center" if c.kind != "label" else "left",
            )
            cell.font = Font(name="宋体", size=10)
            if c.rowspan > 1 or c.colspan > 1:
                ws.merge_cells(
                    start_row=top + c.row,
                    start_column=1 + c.col,
                    end_row=top + c.row + c.rowspan - 1,
                    end_column=1 + c.col + c.colspan - 1,
                )
        for row in ws.iter_rows(min_row=top, max_row=top + grid.n_rows - 1, max_col=grid.n_cols):
            for cell in row:
                cell.border = _BORDER
        ws.column_dimensions["A"].width = 40 if table.kind == "list" else 16
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
