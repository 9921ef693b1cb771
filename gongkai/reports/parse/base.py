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

    @property
    def has_values(self) -> bool:
        if self.cells is not None:
            return any(c is not None and c != "" for c in self.cells) or len(self.cells) >= 3
        return bool(self.numbers)


_SPACES = re.compile(r"[\s\u3000\xa0]+")
_QUOTES = re.compile(r"[“”\"'‘’「」『』]")
_NUM = re.compile(r"^[+-]?\d+(?:\.\d+)?$")
BLANK_MARKS = {"-", "—", "－", "/", "／", "——", "--", "–", "无"}
UNITS = {"条", "件", "次", "篇", "个", "人", "人次", "万元", "元", "项"}


@lru_cache(maxsize=65536)
def norm(text: str) -> str:
    """Label normal form: half-width, no spaces or quotes, 情况→情形, 1、→1."""
    t = unicodedata.normalize("NFKC", text)
    t = _SPACES.sub("", t)
    t = _QUOTES.sub("", t)
    t = re.sub(r"(\d)[、．]", r"\1.", t)
    return t.replace("情况", "情形")


def number(text: str | None) -> tuple[bool, float | int | None]:
    """(is a value cell, value). Blank marks are value cells holding null."""
    if text is None:
        return True, None
    t = _SPACES.sub("", unicodedata.normalize("NFKC", text)).replace(",", "")
    if t == "":
        return True, None
    if t in BLANK_MARKS:
        return True, None
    if _NUM.match(t):
        return True, float(t) if "." in t else int(t)
    return False, None
