"""Plain text → candidate rows: tab-per-cell text (Word's save-as-text, like the seed),
`pdftotext -layout` output (broken lines, page breaks, page numbers) and pipe tables."""

from __future__ import annotations

import re
from functools import lru_cache

from .base import BLANK_MARKS, Cand, cell_number

_PAGE_NO = re.compile(
    r"^\s*(?:[—–\-－]+\s*\d+\s*[—–\-－]+|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)\s*$"
)
_UNITS = {"条", "件", "次", "篇", "个", "人", "人次", "万元", "元", "项"}
_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")


_LONE_NUMBER = re.compile(r"\s*\d{1,3}\s*")


def _clean_pages(text: str) -> list[list[tuple[int, str]]]:
    """Pages of (1-based line number, line) without page numbers."""
    pages = []
    lineno = 0
    for pno, page in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\f")):
        if pno:
            lineno -= 1  # a form feed sits inside a line: the page's first line shares its number
        numbered = []
        for ln in page.split("\n"):
            lineno += 1
            numbered.append((lineno, ln.rstrip()))
        lines = [(n, ln) for n, ln in numbered if not _PAGE_NO.match(ln)]
        # a lone number as the last/first line of a page is a page number, not a cell
        nonempty = [i for i, (_, ln) in enumerate(lines) if ln.strip()]
        if "\f" in text and nonempty:
            for i in (nonempty[-1], nonempty[0]):
                n, ln = lines[i]
                if _LONE_NUMBER.fullmatch(ln) and len(ln) - len(ln.lstrip()) > 10:
                    lines[i] = (n, "")
        pages.append(lines)
    return pages


_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
    "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]"
)


@lru_cache(maxsize=16384)
def _width(text: str) -> int:
    """Columns the text takes in `pdftotext -layout` output (CJK characters take two)."""
    if text.isascii():
        return len(text)
    return len(text) + len(_WIDE.findall(text))


_WORDS = re.compile(r"[^\s]+(?: [^\s]+)*")


def _chunks(line: str) -> list[tuple[str, int]]:
    """Cells of a line split at tabs or runs of ≥2 spaces, with their character offsets.

    Numbers separated by a single space (narrow columns in `pdftotext -layout`) are split too.
    """
    out: list[tuple[str, int]] = []
    for m in _WORDS.finditer(line):
        parts = m.group(0).split(" ")
        if len(parts) > 1 and all(cell_number(p)[0] for p in parts):
            off = m.start()
            for p in parts:
                out.append((p, off))
                off += len(p) + 1
            continue
        # "行政许可 0": numbers one space after a label are cells too
        k = len(parts)
        while k > 1 and cell_number(parts[k - 1])[0] and parts[k - 1] not in BLANK_MARKS:
            k -= 1
        out.append((" ".join(parts[:k]), m.start()))
        off = m.start() + len(" ".join(parts[:k])) + 1
        for p in parts[k:]:
            out.append((p, off))
            off += len(p) + 1
    return out


def _line_cand(chunks: list[tuple[str, int]], page: int, line: int = 0) -> Cand:
    texts: list[str] = []
    numbers: list[tuple[str | None, float]] = []
    units: list[str] = []
    heads: list[tuple[str, float]] = []
    # trailing value cells are values; numbers in front of text belong to the label
    for s, off in chunks:
        is_num, _ = cell_number(s)
        if is_num and s.strip():
            numbers.append((s, off + _width(s) / 2))
        elif s in _UNITS:
            units.append(s)
        else:
            if numbers:  # text after numbers: a wrapped label part; keep the numbers
                pass
            texts.append(s)
            heads.append((s, off + _width(s) / 2))
    return Cand(
        label="".join(texts),
        leaf=texts[-1] if texts else "",
        numbers=numbers,
        units=units,
        page=page,
        chunks=heads,
        line=line,
    )


def _pipe_cand(line: str, page: int, lineno: int = 0, sep: str = "|") -> Cand:
    if sep == "|":
        parts = [p.strip() for p in line.strip().strip("|").split("|")]
    else:
        parts = [p.strip(" \u3000") for p in line.strip(" \u3000").split(sep)]
        while parts and parts[-1] == "":
            parts.pop()
    label_parts = []
    i = 0
    while i < len(parts) and parts[i] and not cell_number(parts[i])[0]:
        label_parts.append(parts[i])
        i += 1
    if not label_parts and parts and parts[0] == "":
        i = 1  # unlabelled strip row
    cells: list[str | None] = [p if p else None for p in parts[i:]]
    units = [c for c in cells if c in _UNITS]
    cells = [c for c in cells if c not in _UNITS]
    label = "".join(label_parts)
    return Cand(
        label=label,
        leaf=label_parts[-1] if label_parts else "",
        cells=cells,
        units=units,
        page=page,
        line=lineno,
    )


def text_candidates(text: str) -> list[Cand]:
    cands: list[Cand] = []
    for pno, lines in enumerate(_clean_pages(text)):
        blocks: list[list[tuple[int, str]]] = []
        cur: list[tuple[int, str]] = []
        for n, ln in lines:
            if ln.strip():
                cur.append((n, ln))
            elif cur:
                blocks.append(cur)
                cur = []
        if cur:
            blocks.append(cur)
        for block in blocks:
            if sum(ln.startswith("\t") for _, ln in block) >= max(1, len(block) // 2):
                # one cell per line (Word text export): the whole block is one row
                chunks = [(ln.strip(" \t\u3000"), 0) for _, ln in block if ln.strip(" \t\u3000")]
                line_cands = [_line_cand(chunks, pno, block[0][0])]
                line_cands[0].tabbed = True
            else:
                line_cands = []
                for n, ln in block:
                    if "--" in ln and _SEPARATOR.match(ln):
                        continue  # a Markdown rule line |---|---|
                    if ln.count("|") >= 2:
                        line_cands.append(_pipe_cand(ln, pno, n))
                    elif "\t" in ln.strip():
                        # a table flattened from HTML: one tab between cells, empty cells kept
                        line_cands.append(_pipe_cand(ln, pno, n, "\t"))
                    else:
                        line_cands.append(_line_cand(_chunks(ln), pno, n))
            for a, b in zip(line_cands, line_cands[1:], strict=False):
                a.next, b.prev = b, a
            cands.extend(line_cands)
    # a value-only row (label broken off by a blank line in Word's text export) joins the
    # label row above it
    merged: list[Cand] = []
    for c in cands:
        if (
            not c.label
            and c.tabbed
            and merged
            and merged[-1].tabbed
            and c.cells is None
            and c.numbers
            and merged
            and merged[-1].label
            and not merged[-1].numbers
            and merged[-1].cells is None
        ):
            host = merged[-1]
            host.numbers = c.numbers
            host.units += c.units
            if c.next is not None and host.next is c:
                host.next, c.next.prev = c.next, host
            continue
        merged.append(c)
    for i, c in enumerate(merged):
        c.context = "".join(x.label for x in merged[max(0, i - 3) : i])
    return merged
