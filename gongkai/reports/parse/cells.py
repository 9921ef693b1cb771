"""Per-cell status (read, blank, missing, inferred) and inference from the table's identities.

A cell is inferred only where one equation of the format has exactly one unknown term, and the
result is kept only if it is a non-negative whole number (or money) and every other identity
that involves it then holds; otherwise it stays missing. Never two unknowns in one equation.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from ..formats import Check, Format
from ..validate import fmt_number

READ, BLANK, MISSING, INFERRED = "read", "blank", "missing", "inferred"


@dataclass
class Cell:
    value: float | int | None
    status: str
    source: str = ""

    def as_dict(self) -> dict:
        return {"value": self.value, "status": self.status, "source": self.source}


_EQUATIONS: dict[tuple[str, str], list[tuple[str, Check, list[tuple[str, int]]]]] = {}


def _equations(fmt: Format) -> list[tuple[str, Check, list[tuple[str, int]]]]:
    """The `=` checks of a format with their signed terms (computed once per format)."""
    key = (fmt.id, fmt.variant)
    if key not in _EQUATIONS:
        _EQUATIONS[key] = [
            (rule.id, check, _terms(check))
            for rule in fmt.rules
            if not rule.cross_year
            for check in rule.checks
            if check.op == "="
        ]
    return _EQUATIONS[key]


def _terms(check: Check) -> list[tuple[str, int]]:
    return [(t.key, 1) for t in check.left] + [(t.key, -1) for t in check.right]


def _holds(terms: list[tuple[str, int]], cells: dict[str, Cell]) -> bool:
    total = sum(sign * (cells[k].value or 0) for k, sign in terms)
    return abs(total) < 1e-6


def infer(fmt: Format, cells: dict[str, Cell], blocked: Collection[str] = ()) -> list[str]:
    """Fill missing cells that one identity determines; returns the keys inferred. `blocked`
    cells are printed in the report but could not be placed: an equation holding one of them
    infers nothing (the table may not balance, and the printed number is what counts)."""
    if not any(c.status == MISSING for c in cells.values()):
        return []
    eqs = [
        (rid, terms)
        for rid, _, terms in _equations(fmt)
        if all(k in cells and k not in blocked for k, _ in terms)
    ]
    inferred: list[str] = []
    changed = True
    while changed:
        changed = False
        for rid, terms in eqs:
            unknown = [(k, s) for k, s in terms if cells[k].status == MISSING]
            if len(unknown) != 1:
                continue
            key, sign = unknown[0]
            rest = sum(s * (cells[k].value or 0) for k, s in terms if k != key)
            value = -rest * sign
            if value < -1e-9:
                continue
            if fmt.is_money(key):
                value = round(float(value), 6)
            elif abs(value - round(value)) > 1e-9:
                continue
            else:
                value = int(round(value))
            cells[key] = Cell(value, INFERRED, f"由勾稽关系 {rid} 推算")
            inferred.append(key)
            changed = True
    if not inferred:
        return []
    # every identity that involves an inferred cell and is now complete must hold
    touched = set(inferred)
    for _, terms in eqs:
        if (
            any(k in touched for k, _ in terms)
            and all(cells[k].status != MISSING for k, _ in terms)
            and not _holds(terms, cells)
        ):
            for k in inferred:
                cells[k] = Cell(None, MISSING, "")
            return []
    return inferred


def inferred_note(fmt: Format, cells: dict[str, Cell], keys: list[str]) -> str:
    shown = "、".join(f"“{fmt.label_of(k)}”= {fmt_number(cells[k].value)}" for k in keys[:6])
    more = f"等 {len(keys)} 项" if len(keys) > 6 else ""
    return f"以下单元格未能读取，已按统计表的勾稽关系唯一推算（标为推算）：{shown}{more}。"
