"""Compare two sets of figures per key: year over year or body against body (pure Python)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass

from .formats import FORMATS, get

Figures = Mapping[str, float | int | None]

FLAG_TEXT = {
    "jump": "异常跳变",
    "appeared": "由空白/0 变为大数",
    "vanished": "由大数变为空白/0",
    "blank": "一方空白",
}


@dataclass
class KeyDiff:
    key: str
    label: str
    a: float | int | None
    b: float | int | None
    diff: float | int | None
    pct: float | None
    flag: str  # "" | jump | appeared | vanished | blank

    def as_dict(self) -> dict:
        d = asdict(self)
        d["flag_text"] = FLAG_TEXT.get(self.flag, "")
        return d


def _label(key: str, *format_ids: str) -> str:
    for fid in (*format_ids, *FORMATS):
        try:
            return get(fid).label_of(key)
        except KeyError:
            continue
    return key


def compare(
    a: Figures,
    b: Figures,
    format_a: str,
    format_b: str | None = None,
    *,
    ratio: float = 5.0,
    floor: float = 10,
) -> list[KeyDiff]:
    """Every key both formats share, in A's order, with a flag for implausible jumps.

    A jump is a change by `ratio`× or more where the larger side is at least `floor`
    (small counts going 1 → 6 are normal).
    """
    format_b = format_b or format_a
    keys_b = set(get(format_b).cell_keys())
    out = []
    for key in get(format_a).cell_keys():
        if key not in keys_b:
            continue
        va, vb = a.get(key), b.get(key)
        diff = pct = None
        flag = ""
        if va is not None and vb is not None:
            diff = vb - va
            if isinstance(diff, float):
                diff = round(diff, 6)
            pct = round((vb - va) / va * 100, 1) if va else None
            hi, lo = max(va, vb), min(va, vb)
            if hi >= floor:
                if lo <= 0:
                    flag = "appeared" if vb > va else "vanished"
                elif hi / lo >= ratio:
                    flag = "jump"
        elif (va is None) != (vb is None):
            flag = "blank"
        out.append(KeyDiff(key, _label(key, format_a, format_b), va, vb, diff, pct, flag))
    return out
