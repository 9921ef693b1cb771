"""Read a published annual report (TXT, pdftotext output, HTML, DOCX, PDF) back into figures."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from gongkai.core.messages import decode_error, os_error

from ..formats import Format, Row, get
from ..formats.variants import VARIANTS
from ..validate import Problem, validate
from .base import Cand, ParseError, norm
from .cells import BLANK, INFERRED, MISSING, READ, Cell, infer, inferred_note
from .claims import check_claims
from .detect import detect_format, detect_title
from .match import (
    Assignment,
    Scorer,
    align,
    assign,
    drop_contradicted,
    printed_elsewhere,
    realign,
    specs_for,
)
from .readers import READERS, pdf_layout_text, sniff
from .repeat import drop_repeats
from .text import text_candidates

__all__ = [
    "Cell",
    "ParseError",
    "ParseResult",
    "detect_format",
    "detect_title",
    "parse_bytes",
    "parse_file",
    "parse_text",
]


@dataclass
class ParseResult:
    format: str
    year: int | None
    agency: str | None
    figures: dict[str, float | int | None]
    problems: list[Problem] = field(default_factory=list)
    unplaced: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    cells: dict[str, Cell] = field(default_factory=dict)
    variant: str = ""
    missing: list[str] = field(default_factory=list)  # rows not found, in the official wording

    @property
    def exit_code(self) -> int:
        """0 complete and balanced; 1 read with problems (missing or inferred cells, failed
        balances, text that disagrees with the table)."""
        incomplete = any(c.status in (MISSING, INFERRED) for c in self.cells.values())
        return 1 if incomplete or self.problems else 0

    def to_json(self) -> dict:
        out = {
            "format": self.format,
            "year": self.year,
            "agency": self.agency,
            "figures": self.figures,
            "cells": {k: c.as_dict() for k, c in self.cells.items()},
            "problems": [p.as_dict() for p in self.problems],
            "missing": self.missing,
            "unplaced": self.unplaced,
            "notes": self.notes,
        }
        if self.variant:
            out["variant"] = self.variant
        return out


_YUAN = {
    "2021": re.compile(r"收费金额[(（]?(?:单位[:：])?元"),
    "2019": re.compile(r"采购总金额[(（]?(?:单位[:：])?元"),
}


def _yuan_keys(fmt: Format, text: str, a: Assignment) -> list[str]:
    """Money cells printed in 元 where the format wants 万元: a unit inside the cell, in the
    column header, or in the unit column of the old table."""
    keys = [k for k in fmt.money_keys if a.cell_units.get(k) == "元"]
    if fmt.id == "2014" and "元" in a.units.get("org.budget", []):
        keys.append("org.budget")
    pattern = _YUAN.get(fmt.id)
    if pattern is not None and pattern.search(norm(text)):
        keys += [k for k in fmt.money_keys if k not in keys and a.cell_units.get(k) != "万元"]
    return [k for k in keys if k in fmt.money_keys]


def _row_name(r: Row) -> str:
    group = [g for g in r.group if not g.startswith("三、")]
    return "".join((*group[-1:], r.label)) or r.label


def _missing_rows(
    fmt: Format, cells: dict[str, Cell], found: set[str]
) -> tuple[list[str], list[Problem]]:
    """Rows (or single cells) that were not found, named as the official table names them."""
    names: list[str] = []
    problems: list[Problem] = []
    for t in fmt.tables:
        for r in t.rows:
            if r.key is None:
                continue
            keys = [t.cell_key(r, c) for c in t.columns]
            lost = [k for k in keys if cells[k].status == MISSING]
            if not lost:
                continue
            name = t.caption if t.kind == "strip" else _row_name(r)
            if len(lost) == len(keys) and r.key in found:
                names.append(name)
                msg = f"统计表“{name}”行的数值未能读取（数值个数与栏目不符或无法确定所在列）。"
            elif len(lost) == len(keys):
                names.append(name)
                msg = f"统计表中未找到“{name}”{'表' if t.kind == 'strip' else '行'}，该部分单元格未读取（其余照常读取）。"
            else:
                cols = "、".join(f"“{fmt.label_of(k).split('/')[-1]}”" for k in lost)
                names.append(f"{name}（{cols.replace('“', '').replace('”', '')}）")
                msg = f"“{name}”行的 {cols} 未能读取（数值缺失或无法确定所在列）。"
            if not r.optional:
                problems.append(Problem("MISSING", "error", lost, msg))
    return names, problems


def _choose(text: str, cands: list[Cand], family: Format) -> tuple[Format, Assignment]:
    """Align the rows with the official format and each of its variants; keep the one that
    places the most rows and leaves the fewest of its own rows unfound."""
    best: tuple[tuple[float, float], Format, Assignment] | None = None
    fmts = (family, *VARIANTS.get(family.id, ()))
    scorer = Scorer(cands, [specs_for(f) for f in fmts])
    for fmt in fmts:
        specs = specs_for(fmt)
        m = scorer.matrix(specs)
        rows = cands
        keep, copies = drop_repeats(fmt, specs, cands, m)
        if copies > 1:
            rows, m = [cands[i] for i in keep], m[keep]
        kept, blocked = drop_contradicted(m, specs, align(m))
        pairs, by_position = realign(m, specs, rows, kept)
        a = assign(fmt, rows, specs, pairs, m, by_position)
        a.blocked = blocked | printed_elsewhere(m, specs, rows, pairs, a.found_rows)
        a.copies = copies
        n_rows = sum(1 for sp in specs if sp.keyed)
        key = (2 * len(a.found_rows) - n_rows, a.score)
        if best is None or key > best[0]:
            best = (key, fmt, a)
        if fmt is family and len(a.found_rows) == n_rows:
            break  # every row of the official table found: no variant can place more
    assert best is not None
    return best[1], best[2]


def parse_candidates(
    text: str, cands: list[Cand], format_id: str | None = None, last_year: dict | None = None
) -> ParseResult:
    year, agency = detect_title(text)
    # normalised once: NFKC of a whole report costs as much as reading its table, and NFKC of
    # an already normal text is only a check
    text = unicodedata.normalize("NFKC", text)
    whole = text + "\n" + "\n".join(c.label for c in cands)
    family = get(format_id) if format_id else detect_format(whole, year)
    if not cands:
        raise ParseError("未找到统计表：文件中没有可识别的表格行。")
    fmt, a = _choose(text, cands, family)
    if not a.found_rows:
        raise ParseError("不是政府信息公开年度报告：未找到统计表的任何一行。")
    notes: list[str] = []
    if a.copies > 1:
        notes.append(f"统计表在报告中出现了不止一次（{a.copies} 份），已采用其中最完整的一份。")
    if fmt.variant:
        notes.append(f"统计表按“{fmt.name}”的地方或简化样式（{fmt.variant_name}）读取。")
    cells: dict[str, Cell] = {}
    for k in fmt.cell_keys():
        if k in a.figures:
            v = a.figures[k]
            cells[k] = Cell(v, READ if v is not None else BLANK, a.where.get(k, ""))
        else:
            cells[k] = Cell(None, MISSING)
    for k in _yuan_keys(fmt, whole, a):
        if cells[k].value is not None:
            cells[k].value = round(cells[k].value / 10000, 6)
            notes.append(f"{fmt.label_of(k)}：报告以元为单位，已换算为万元。")
    for k, c in cells.items():
        c.value = fmt.coerce(k, c.value)
    inferred = infer(fmt, cells, a.blocked)
    if inferred:
        notes.append(inferred_note(fmt, cells, inferred))
    figures = {k: c.value for k, c in cells.items()}
    missing, problems = _missing_rows(fmt, cells, a.found_rows)
    unknown = {k for k, c in cells.items() if c.status == MISSING}
    problems += validate(fmt, figures, last_year, unknown)
    problems += check_claims(fmt, text, cands, cells)
    return ParseResult(
        format=fmt.id,
        year=year,
        agency=agency,
        figures=figures,
        problems=problems,
        unplaced=a.unplaced,
        notes=notes,
        cells=cells,
        variant=fmt.variant,
        missing=missing,
    )


def parse_json(data: bytes, name: str = "report.json") -> ParseResult:
    """A report in the JSON shape of report-keys.md (what `report build --json` prints)."""
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ParseError(f"{name} {decode_error(exc)}") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("figures"), dict):
        raise ParseError(f"{name} 不是年度报告 JSON：缺少 figures 对象")
    try:
        fmt = get(str(doc.get("format")))
    except (KeyError, ValueError):
        raise ParseError(
            f"{name} 的格式“{doc.get('format')}”未知，应为 2014、2019 或 2021"
        ) from None
    raw = doc["figures"]
    unknown = sorted(set(raw) - set(fmt.cell_keys()))
    if unknown:
        raise ParseError(f"{name} 含有 {fmt.id} 格式没有的键：{'、'.join(unknown[:5])}")
    figures: dict[str, float | int | None] = {}
    for key in fmt.cell_keys():
        value = raw.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
            raise ParseError(f"{name} 中 {key} 的值“{value}”不是数字")
        figures[key] = value
    year = doc.get("year")
    return ParseResult(
        format=fmt.id,
        year=year if isinstance(year, int) else None,
        agency=doc.get("agency") if isinstance(doc.get("agency"), str) else None,
        figures=figures,
        problems=validate(fmt, figures, None),
        cells={
            k: Cell(v, READ if v is not None else BLANK, f"{name}（JSON）")
            for k, v in figures.items()
        },
    )


def parse_bytes(data: bytes, name: str = "report.txt", format_id: str | None = None) -> ParseResult:
    if not data.strip():
        raise ParseError(f"{name} 是空文件。")
    if name.lower().endswith(".json"):
        return parse_json(data, name)
    kind = sniff(Path(name), data)
    text, cands = READERS[kind](data)
    try:
        result = parse_candidates(text, cands, format_id)
    except ParseError:
        if kind != "pdf":
            raise
        result = None
    if kind == "pdf" and (result is None or result.exit_code):
        # ruled tables split at a page break can lose a row; the laid-out text layer keeps it
        layout = pdf_layout_text(data)
        if layout:
            try:
                other = parse_candidates(text, text_candidates(layout), format_id)
            except ParseError:
                other = None
            if other is not None and (result is None or _unread(other) < _unread(result)):
                result = other
    if result is None:
        raise ParseError("不是政府信息公开年度报告：未找到统计表的任何一行。")
    return result


def _unread(r: ParseResult) -> int:
    return sum(c.status == MISSING for c in r.cells.values())


def parse_file(path: str | Path, format_id: str | None = None) -> ParseResult:
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise ParseError(f"文件不存在：{p}") from None
    except IsADirectoryError:
        raise ParseError(f"{p} 是目录，不是文件。") from None
    except OSError as exc:
        raise ParseError(f"无法读取文件 {p}：{os_error(exc)}") from None
    return parse_bytes(data, p.name, format_id)


def parse_text(text: str, format_id: str | None = None) -> ParseResult:
    return parse_bytes(text.encode(), "report.txt", format_id)
