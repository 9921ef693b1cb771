"""Read a published annual report (TXT, pdftotext output, HTML, DOCX, PDF) back into figures."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from gongkai.core.messages import decode_error, os_error

from ..formats import FORMATS, Format, format_for_year, get
from ..validate import Problem, validate
from .base import Cand, ParseError, norm
from .match import align, assign, score_matrix, specs_for
from .readers import READERS, pdf_layout_text, sniff
from .text import text_candidates

__all__ = ["ParseError", "ParseResult", "parse_bytes", "parse_file", "parse_text"]


@dataclass
class ParseResult:
    format: str
    year: int | None
    agency: str | None
    figures: dict[str, float | int | None]
    problems: list[Problem] = field(default_factory=list)
    unplaced: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "format": self.format,
            "year": self.year,
            "agency": self.agency,
            "figures": self.figures,
            "problems": [p.as_dict() for p in self.problems],
            "unplaced": self.unplaced,
            "notes": self.notes,
        }


_TITLE_BEFORE = re.compile(
    r"([^\s，。：:；;、]{2,40}?)(?:关于)?(\d{4})\s*年\s*度?\s*(?:政府信息公开|政务公开)"
)
_TITLE_AFTER = re.compile(
    r"(\d{4})\s*年\s*度?\s*([^\s，。：:；;、]{2,40}?)\s*(?:政府信息公开|政务公开)工作年度报告"
)
_YEAR = re.compile(r"(20\d{2}|199\d)\s*年")


def detect_title(text: str) -> tuple[int | None, str | None]:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()][:8]
    head = "".join(re.sub(r"\s+", "", ln) for ln in lines[:4])
    m = _TITLE_BEFORE.search(head)
    if m and not m.group(1).isdigit():
        agency = m.group(1)
        return int(m.group(2)), agency if not re.fullmatch(r"\d*年?度?", agency) else None
    m = _TITLE_AFTER.search(head)
    if m:
        return int(m.group(1)), m.group(2)
    m = _YEAR.search("".join(lines))
    return (int(m.group(1)) if m else None), None


_NEW = ("本年新收政府信息公开申请数量", "上年结转政府信息公开申请数量", "结转下年度继续办理")
_F2021 = ("本年制发件数", "本年废止件数", "现行有效件数", "逾期不补正", "本年收费金额")
_F2019 = ("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "政府集中采购")
_F2014 = ("收到申请数", "申请答复数", "主动公开政府信息数", "申请办结数", "不同意公开答复数")


def detect_format(text: str, year: int | None) -> Format:
    t = norm(text)
    if sum(k in t for k in _NEW) >= 1:
        s21 = sum(k in t for k in _F2021)
        s19 = sum(k in t for k in _F2019)
        if s21 > s19:
            return FORMATS["2021"]
        if s19 > s21:
            return FORMATS["2019"]
        return format_for_year(year) if year and year >= 2019 else FORMATS["2021"]
    if sum(k in t for k in _F2014) >= 2:
        return FORMATS["2014"]
    raise ParseError(
        "不是政府信息公开年度报告：未找到统计表（没有“收到申请数”或“本年新收政府信息公开申请数量”等栏目）。"
    )


_YUAN = {
    "2021": ("pub.fees.amount", re.compile(r"收费金额[(（]?(?:单位[:：])?元")),
    "2019": ("pub.procurement.amount", re.compile(r"采购总金额[(（]?(?:单位[:：])?元")),
}


def _convert_yuan(fmt: Format, text: str, figures: dict, units: dict, notes: list[str]) -> None:
    """Money printed in 元 where the format wants 万元."""
    targets: list[str] = []
    if fmt.id == "2014" and "元" in units.get("org.budget", []):
        targets.append("org.budget")
    if fmt.id in _YUAN:
        key, pattern = _YUAN[fmt.id]
        if pattern.search(norm(text)):
            targets.append(key)
    for key in targets:
        v = figures.get(key)
        if v is not None:
            figures[key] = round(v / 10000, 6)
            notes.append(f"{fmt.label_of(key)}：报告以元为单位，已换算为万元。")


def parse_candidates(
    text: str, cands: list[Cand], format_id: str | None = None, last_year: dict | None = None
) -> ParseResult:
    year, agency = detect_title(text)
    fmt = (
        get(format_id)
        if format_id
        else detect_format(text + "\n" + "\n".join(c.label for c in cands), year)
    )
    specs = specs_for(fmt)
    if not cands:
        raise ParseError("未找到统计表：文件中没有可识别的表格行。")
    m = score_matrix(cands, specs)
    pairs = align(m)
    result = assign(fmt, cands, specs, pairs)
    if not result.found_rows:
        raise ParseError("不是政府信息公开年度报告：未找到统计表的任何一行。")
    missing = [
        s.row
        for s in specs
        if s.keyed
        and s.row.key not in result.found_rows
        and not s.row.optional
        and s.table.kind != "strip"
    ]
    if missing:
        names = "、".join(f"“{r.label}”" for r in missing[:5])
        more = f"等 {len(missing)} 行" if len(missing) > 5 else ""
        raise ParseError(f"统计表不完整（可能被截断）：缺少 {names}{more}。")
    figures = {k: fmt.coerce(k, result.figures.get(k)) for k in fmt.cell_keys()}
    notes: list[str] = []
    for t in fmt.tables:
        if t.kind == "strip" and not any(k in result.figures for k in t.cell_keys()):
            notes.append(f"未找到“{t.caption}”的数据行，按空白处理。")
    _convert_yuan(
        fmt, text + "\n" + "\n".join(c.label for c in cands), figures, result.units, notes
    )
    return ParseResult(
        format=fmt.id,
        year=year,
        agency=agency,
        figures=figures,
        problems=validate(fmt, figures, last_year),
        unplaced=result.unplaced,
        notes=notes,
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
    )


def parse_bytes(data: bytes, name: str = "report.txt", format_id: str | None = None) -> ParseResult:
    if not data.strip():
        raise ParseError(f"{name} 是空文件。")
    if name.lower().endswith(".json"):
        return parse_json(data, name)
    kind = sniff(Path(name), data)
    text, cands = READERS[kind](data)
    try:
        return parse_candidates(text, cands, format_id)
    except ParseError:
        if kind != "pdf":
            raise
        # ruled tables split at a page break can lose a row; the laid-out text layer keeps it
        layout = pdf_layout_text(data)
        if not layout:
            raise
        try:
            return parse_candidates(text, text_candidates(layout), format_id)
        except ParseError:
            pass
        raise


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
