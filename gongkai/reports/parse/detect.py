"""Which report is this: title (year, body) and the format family of its tables."""

from __future__ import annotations

import re

from ..formats import FORMATS, Format, format_for_year
from .base import ParseError, norm

_TITLE_BEFORE = re.compile(
    r"([^\s，。：:；;、]{2,40}?)(?:关于)?(\d{4})\s*年\s*度?\s*(?:政府信息公开|政务公开)"
)
_TITLE_AFTER = re.compile(
    r"(\d{4})\s*年\s*度?\s*([^\s，。：:；;、]{2,40}?)\s*(?:政府信息公开|政务公开)工作年度报告"
)
_YEAR = re.compile(r"(20\d{2}|199\d)\s*年")


def detect_title(text: str) -> tuple[int | None, str | None]:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()][:8]
    # a leading word such as "正文" (from a PDF's bookmarks) is not part of the title
    lines = [ln for ln in lines if len(ln) > 3 or re.search(r"\d", ln)]
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
# provincial templates of the old table (Fujian's: 本年度 and 历年累计 columns)
_OLD_LOCAL = ("历年累计", "受理政府信息依申请公开总数", "对申请的答复总数", "主动公开文件数")


def detect_format(text: str, year: int | None) -> Format:
    """The official format whose table the text holds (its variants are tried by the caller)."""
    t = norm(text)
    if sum(k in t for k in _NEW) >= 1:
        s21 = sum(k in t for k in _F2021)
        s19 = sum(k in t for k in _F2019)
        if s21 > s19:
            return FORMATS["2021"]
        if s19 > s21:
            return FORMATS["2019"]
        return format_for_year(year) if year and year >= 2019 else FORMATS["2021"]
    if sum(k in t for k in _F2014) >= 2 or sum(k in t for k in _OLD_LOCAL) >= 2:
        return FORMATS["2014"]
    raise ParseError(
        "不是政府信息公开年度报告：未找到统计表（没有“收到申请数”或“本年新收政府信息公开申请数量”等栏目）。"
    )
