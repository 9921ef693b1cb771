"""Intermediate representation shared by every reader: candidate table rows."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache


class ParseError(Exception):
    """Input that cannot be read as an annual report; the message is one Chinese sentence."""


@dataclass
class Cand:
    """One possible table row found in a document."""

    label: str  # label text (all text chunks joined)
    leaf: str = ""  # last text chunk (without a row-group label in front)
    cells: list[str | None] | None = None  # positional cells after the label (HTML/DOCX/pipes)
    numbers: list[tuple[str | None, float]] = field(default_factory=list)  # (value, centre)
    units: list[str] = field(default_factory=list)
    prev: Cand | None = None  # neighbour lines of the same block (wrapped labels)
    next: Cand | None = None
    context: str = ""  # text just before (header rows), to find the unlabelled strip row
    page: int = 0
    tabbed: bool = False  # from a one-cell-per-line block (Word text export)
    chunks: list[tuple[str, float]] = field(default_factory=list)  # text cells with centres
    line: int = 0  # 1-based line of the text (or row of the table) the row was read from
    table: int = -1  # index of the HTML/DOCX/PDF table the row belongs to (-1: running text)

    def where(self) -> str:
        """Where the row is, in words a clerk can follow."""
        page = f"第{self.page + 1}页" if self.page else ""
        if self.table >= 0:
            return f"{page}第{self.table + 1}个表格第{self.line}行"
        return f"{page}第{self.line}行" if self.line else page or "表格"

    @property
    def has_values(self) -> bool:
        if self.cells is not None:
            return any(c is not None and c != "" for c in self.cells) or len(self.cells) >= 3
        return bool(self.numbers)


_SPACES = re.compile(r"[\s\u3000\xa0]+")
_QUOTES = re.compile(r"[“”\"'‘’「」『』]")
_ENUM = re.compile(r"(\d)[、．]")
_NUM = re.compile(r"^[+-]?\d+(?:\.\d+)?$")
_NUM_UNIT = re.compile(r"^([+-]?\d+(?:\.\d+)?)(万元|元|人次|条|件|次|篇|个|人|项)$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
# a number OCR misread: 0 as O/o/〇, 1 as l/I (a cell, not a label; its value is unknown)
_GARBLED = re.compile(r"^(?=.*[OolI〇])[0-9OolI〇]+(?:\.[0-9OolI〇]+)?$")
UNREADABLE = "?"  # the unit value_unit gives a cell holding such a number
BLANK_MARKS = {"-", "—", "－", "/", "／", "——", "--", "–", "无"}
UNITS = {"条", "件", "次", "篇", "个", "人", "人次", "万元", "元", "项"}


@lru_cache(maxsize=65536)
def norm(text: str) -> str:
    """Label normal form: half-width, no spaces or quotes, 情况→情形, 1、→1."""
    t = unicodedata.normalize("NFKC", text)
    t = _SPACES.sub("", t)
    t = _QUOTES.sub("", t)
    t = _ENUM.sub(r"\1.", t)
    return t.replace("情况", "情形")


@lru_cache(maxsize=65536)
def value_unit(text: str | None) -> tuple[bool, float | int | None, str]:
    """(is a value cell, value, unit printed in the cell). Blank marks are value cells holding
    null; full-width digits, thousands separators and a unit after the number are accepted. A
    number OCR garbled ("3OOl", "〇") is a value cell whose value is unknown: unit UNREADABLE,
    never read as a guess and never as a blank."""
    if text is None:
        return True, None, ""
    t = _SPACES.sub("", unicodedata.normalize("NFKC", text))
    if t == "" or t in BLANK_MARKS:
        return True, None, ""
    if "," in t:
        if not _GROUPED.match(t.split("元")[0].split("万")[0]):
            return False, None, ""
        t = t.replace(",", "")
    unit = ""
    m = _NUM_UNIT.match(t)
    if m:
        t, unit = m.group(1), m.group(2)
    if _NUM.match(t):
        return True, (float(t) if "." in t else int(t)), unit
    if len(t) <= 12 and _GARBLED.match(t) and (len(t) <= 3 or any(ch.isdigit() for ch in t)):
        return True, None, UNREADABLE
    return False, None, ""


def cell_number(text: str | None) -> tuple[bool, float | int | None]:
    """(is a value cell, value) of a printed cell: blank marks hold null, a unit may follow."""
    ok, value, _ = value_unit(text)
    return ok, value


def number(text: str | None) -> tuple[bool, float | int | None]:
    """(is a number, value) of a typed entry: like a printed cell, but a unit after the number
    is refused (万元 or 元 would be a guess)."""
    ok, value, unit = value_unit(text)
    return (False, None) if unit else (ok, value)
