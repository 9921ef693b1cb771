"""One table definition → a grid of cells with row/column spans, shared by every renderer."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .formats import Format, Table
from .validate import fmt_number


@dataclass
class Cell:
    text: str
    kind: str  # "corner" | "header" | "label" | "value" | "unit"
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    key: str | None = None


@dataclass
class Grid:
    table: Table
    cells: list[Cell]
    n_rows: int
    n_cols: int
    header_rows: int
    label_cols: int


def _label_cols(table: Table) -> int:
    if table.kind == "strip":
        return 0
    return 1 + max((len(r.group) for r in table.rows), default=0)


def build_grid(fmt: Format, table: Table, figures: Mapping[str, float | int | None]) -> Grid:
    cells: list[Cell] = []
    lc = _label_cols(table)
    if table.kind == "list":
        # 统计指标 | 单位 | 统计数
        cells += [
            Cell(table.corner, "corner", 0, 0),
            Cell("单位", "header", 0, 1),
            Cell(table.columns[0].label, "header", 0, 2),
        ]
        for i, r in enumerate(table.rows, start=1):
            cells.append(Cell(r.label, "label", i, 0))
            cells.append(Cell(r.unit, "unit", i, 1))
            if r.key is None:
                cells.append(Cell("", "value", i, 2))
            else:
                cells.append(Cell(fmt_number(figures.get(r.key)), "value", i, 2, key=r.key))
        return Grid(table, cells, len(table.rows) + 1, 3, 1, 2)

    paths = [(*c.group, c.label) for c in table.columns]
    depth = max(len(p) for p in paths)
    if lc:
        cells.append(Cell(table.corner, "corner", 0, 0, rowspan=depth, colspan=lc))
    for level in range(depth):
        j = 0
        while j < len(paths):
            p = paths[j]
            if len(p) <= level:
                j += 1
                continue
            span = 1
            while (
                j + span < len(paths)
                and len(paths[j + span]) > level
                and paths[j + span][: level + 1] == p[: level + 1]
                and len(p) - 1 != level
            ):
                span += 1
            rowspan = depth - level if level == len(p) - 1 else 1
            cells.append(Cell(p[level], "header", level, lc + j, rowspan=rowspan, colspan=span))
            j += span
    # row labels: groups merged vertically, the leaf label spans to the value columns
    rpaths = [(*r.group, r.label) for r in table.rows]
    for level in range(lc):
        i = 0
        while i < len(rpaths):
            p = rpaths[i]
            if len(p) <= level:
                i += 1
                continue
            span = 1
            is_leaf = level == len(p) - 1
            while (
                not is_leaf
                and i + span < len(rpaths)
                and len(rpaths[i + span]) - 1 > level
                and rpaths[i + span][: level + 1] == p[: level + 1]
            ):
                span += 1
            colspan = lc - level if is_leaf else 1
            cells.append(Cell(p[level], "label", depth + i, level, rowspan=span, colspan=colspan))
            i += span
    for i, r in enumerate(table.rows):
        for j, c in enumerate(table.columns):
            k = table.cell_key(r, c)
            cells.append(Cell(fmt_number(figures.get(k)), "value", depth + i, lc + j, key=k))
    return Grid(table, cells, depth + len(table.rows), lc + len(table.columns), depth, lc)
