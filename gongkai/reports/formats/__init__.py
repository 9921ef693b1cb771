"""Report formats as data: one declarative definition per format id."""

from __future__ import annotations

from .base import Check, Column, Format, Row, Rule, Section, Table, Term
from .f2014 import FORMAT as F2014
from .f2019 import FORMAT as F2019
from .f2021 import FORMAT as F2021

FORMATS: dict[str, Format] = {f.id: f for f in (F2014, F2019, F2021)}

__all__ = [
    "FORMATS",
    "Check",
    "Column",
    "Format",
    "Row",
    "Rule",
    "Section",
    "Table",
    "Term",
    "format_for_year",
    "get",
]


def get(format_id: str) -> Format:
    try:
        return FORMATS[str(format_id)]
    except KeyError:
        raise KeyError(f"未知的年报格式：{format_id}（可选 2014、2019、2021）") from None


def format_for_year(year: int) -> Format:
    """The format whose `years` cover reports on `year` (before 2014 the 2014 table is the
    closest)."""
    for fmt in FORMATS.values():
        first, last = fmt.years
        if first <= year <= last:
            return fmt
    return F2014
