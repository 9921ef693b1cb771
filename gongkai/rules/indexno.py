"""索引号 (index numbers of disclosed items): formatting and parsing.

There is no national format (regulations.md §6.3). The default pattern is
`{code}/{year}-{seq:05d}` with the body's 统一社会信用代码 (or 组织机构代码) as `code`;
the pattern is configurable. Placeholders: {code} {year} {month} {period} {seq}.
Numbers are never rejected for a failing checksum: local codes exist (e.g. 035210000).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

DEFAULT_PATTERN = "{code}/{year}-{seq:05d}"

_PARSE = [
    # 000014349/2017-00110, 11341703003249434A/202406-00042, 01527918X-2020-153077
    re.compile(
        r"^(?P<org>[0-9A-Z]{18}|[0-9A-Z]{8,9}|[0-9A-Z]{7}-[0-9A-Z])[/-](?P<period>\d{4}(?:\d{2})?)-(?P<seq>\d{4,6})$"
    ),
]


class IndexNumberError(ValueError):
    """Bad pattern or inputs for an index number; the message is Chinese."""


@dataclass(frozen=True)
class IndexNumber:
    raw: str
    code: str = ""
    year: int | None = None
    month: int | None = None
    seq: int | None = None

    @property
    def parsed(self) -> bool:
        return self.seq is not None

    @property
    def period(self) -> str:
        if self.year is None:
            return ""
        return f"{self.year}{self.month:02d}" if self.month else str(self.year)


def period_for(on_date: date, pattern: str = DEFAULT_PATTERN) -> str:
    """The numbering period of a pattern: YYYYMM when it uses {month}, else YYYY."""
    if "{month" in pattern:
        return f"{on_date.year}{on_date.month:02d}"
    return str(on_date.year)


def format_index_number(code: str, on_date: date, seq: int, pattern: str = DEFAULT_PATTERN) -> str:
    if not code:
        raise IndexNumberError("生成索引号需要机关的统一社会信用代码或组织机构代码")
    if seq < 1:
        raise IndexNumberError("索引号流水号应为正整数")
    try:
        return pattern.format(
            code=code.strip().upper(),
            year=on_date.year,
            month=on_date.month,
            period=period_for(on_date, pattern),
            seq=seq,
        )
    except (KeyError, IndexError, ValueError) as exc:
        raise IndexNumberError(f"索引号格式“{pattern}”无效：{exc}") from None


def parse_index_number(text: str) -> IndexNumber:
    """Parse the common published patterns; anything else is kept raw (parsed == False)."""
    raw = text.strip()
    candidate = raw.upper().replace("／", "/").replace("－", "-").replace(" ", "")
    for regex in _PARSE:
        m = regex.match(candidate)
        if m:
            period = m.group("period")
            month = int(period[4:]) if len(period) == 6 else None
            if month is not None and not 1 <= month <= 12:
                continue
            return IndexNumber(
                raw=raw,
                code=m.group("org").replace("-", ""),
                year=int(period[:4]),
                month=month,
                seq=int(m.group("seq")),
            )
    return IndexNumber(raw=raw)
