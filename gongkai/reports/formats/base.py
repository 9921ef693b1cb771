"""Declarative building blocks of a report format (pure Python, no Django).

A format is data: tables made of columns and rows (with merged header groups and row groups),
the unit of every key, and the balance rules. Compute, entry forms, renderers, the parser and
the validator all read the same definition.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Column:
    key: str  # suffix appended to the row key; "" for single-value (list) tables
    label: str
    group: tuple[str, ...] = ()  # header path above the label (merged header cells)


@dataclass(frozen=True)
class Row:
    label: str  # canonical leaf label
    key: str | None  # row key; None for a heading row that holds no numbers
    group: tuple[str, ...] = ()  # row-group labels to the left (merged vertically)
    variants: tuple[str, ...] = ()  # known other spellings of the leaf label
    unit: str = ""  # for list tables (format 2014)
    optional: bool = False  # may be absent from real reports without the table being truncated


@dataclass(frozen=True)
class Table:
    id: str
    caption: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    corner: str = ""  # text of the top-left header cell
    kind: Literal["list", "grid", "strip"] = "grid"  # strip: one unlabelled data row
    section: str = ""  # heading of the report section the table belongs to
    # (default cell key, key): a variant's cell that means the same as a canonical cell
    rename: tuple[tuple[str, str], ...] = ()

    def cell_key(self, row: Row, column: Column) -> str:
        assert row.key is not None
        if self.kind == "list":
            key = row.key
        elif self.kind == "strip":
            key = column.key
        else:
            key = f"{row.key}.{column.key}"
        if self.rename:
            return _renames(self.rename).get(key, key)
        return key

    def cell_keys(self) -> list[str]:
        return [self.cell_key(r, c) for r in self.rows if r.key is not None for c in self.columns]


@lru_cache(maxsize=64)
def _renames(rename: tuple[tuple[str, str], ...]) -> dict[str, str]:
    return dict(rename)


@dataclass(frozen=True)
class Term:
    key: str
    label: str  # short Chinese name of the cell used in messages, e.g. "一" or "三（七）"


@dataclass(frozen=True)
class Check:
    left: tuple[Term, ...]
    op: Literal["=", "<=", ">="]
    right: tuple[Term, ...]
    scope: str = ""  # e.g. a column name, prefixed to the message


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    description: str
    checks: tuple[Check, ...]
    cross_year: bool = False  # compares with last year's figures (right side = last year)


@dataclass(frozen=True)
class Section:
    heading: str
    table_ids: tuple[str, ...] = ()  # tables printed inside this section


@dataclass
class Format:
    id: str
    name: str
    years: tuple[int, int]
    tables: tuple[Table, ...]
    rules: tuple[Rule, ...]
    sections: tuple[Section, ...]
    money_keys: frozenset[str] = frozenset()  # 万元, decimals allowed
    signed_keys: frozenset[str] = frozenset()  # may be negative (本年增/减)
    units: dict[str, str] = field(default_factory=dict)
    appendix_title: str = ""  # 2014: the statistics table is an appendix after the text
    variant: str = ""  # "" for the official format; else the local variant's id
    variant_name: str = ""  # Chinese name of the variant, shown in messages

    def cell_keys(self) -> list[str]:
        # every parse walks the keys several times; a format never changes once declared
        keys = self.__dict__.get("_cell_keys")
        if keys is None:
            keys = self.__dict__["_cell_keys"] = tuple(
                k for t in self.tables for k in t.cell_keys()
            )
        return list(keys)

    def table(self, table_id: str) -> Table:
        for t in self.tables:
            if t.id == table_id:
                return t
        raise KeyError(table_id)

    def label_of(self, key: str) -> str:
        """Human name of a cell: row label, plus the column label for grid tables."""
        for t in self.tables:
            for r in t.rows:
                if r.key is None:
                    continue
                for c in t.columns:
                    if t.cell_key(r, c) == key:
                        if t.kind == "list":
                            return r.label
                        if t.kind == "strip":
                            return "/".join((*c.group, c.label))
                        return f"{r.label}/{'/'.join((*c.group, c.label))}"
        raise KeyError(key)

    def is_money(self, key: str) -> bool:
        return key in self.money_keys

    def coerce(self, key: str, value: float | int | None) -> float | int | None:
        if value is None:
            return None
        if self.is_money(key):
            return round(float(value), 6)
        return int(round(value))
