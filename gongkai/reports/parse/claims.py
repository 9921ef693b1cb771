"""Numbers the narrative quotes ("全年共收到政府信息公开申请17件") compared with the table.

Each claim is data: a pattern whose first number group is the quoted count, and the table
cells whose sum it should equal. A report often quotes a number several times with different
scopes (全区 2122 条, of which 区直部门 1509 条), so a claim disagrees with the table only when
none of its quotations equals the table's value. Every disagreement is one problem naming both
numbers and both places.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass

from ..formats import Format
from ..validate import Problem, fmt_number
from .base import Cand
from .cells import MISSING, Cell

N = r"(\d{1,3}(?:,\d{3})+|\d+)"
_FROM = r"(?:受理|收到|新收|接收|共收)"
_REQ = r"(?:各类)?(?:政府信息公开|信息公开|依申请公开(?:政府信息)?)?(?:的)?申请"
_ISSUE = r"(?:公开|制定|制发|出台|印发|发布|新增)"


@dataclass(frozen=True)
class Claim:
    id: str
    what: str  # what the narrative states, in words
    pattern: re.Pattern
    keys: tuple[tuple[str, ...], ...]  # alternatives: the sum of any one of them may match
    zero: bool = False  # a "none at all" sentence: the pattern has no number, the claim is 0


def _c(cid: str, what: str, pattern: str, *keys: tuple[str, ...], zero: bool = False) -> Claim:
    return Claim(cid, what, re.compile(pattern), tuple(keys), zero)


def _not_after(*words: str, after: tuple[str, ...]) -> str:
    """`(?<!A)(?:W1|W2)` written as `(?:W1(?<!AW1)|W2(?<!AW2))`: a pattern that starts with a
    plain word lets the regex engine skip to the places where that word's first character is,
    instead of trying every position of the report (the narrative checks took a fifth of the
    parsing time)."""
    alts = ("".join([w, *(f"(?<!{a}{w})" for a in after)]) for w in words)
    return "(?:" + "|".join(alts) + ")"


_R = "req.{}.total"
_WITHHELD = tuple(
    _R.format(f"withheld.{k}")
    for k in (
        "state_secret",
        "law_prohibited",
        "security",
        "third_party",
        "internal",
        "process",
        "enforcement",
        "inquiry",
    )
)
_UNAVAILABLE = tuple(
    _R.format(f"unavailable.{k}") for k in ("not_held", "needs_creation", "unclear")
)
_DECLINED = tuple(
    _R.format(f"declined.{k}")
    for k in ("petition", "repeat", "publication", "abusive", "confirmation")
)
_OTHER_SPLIT = tuple(_R.format(f"other.{k}") for k in ("no_supplement", "unpaid", "other"))
_SUITS = ("appeal.suit_direct.total", "appeal.suit_after_review.total")

_NEW_CLAIMS = (
    _c(
        "TEXT.req.new",
        "收到申请数",
        _FROM + _REQ + r"(?:共|总数|数量|数)?(?:为|达)?" + N + "件",
        ("req.new.total",),
    ),
    _c(
        "TEXT.req.new",
        "收到申请数",
        r"未(?:收到|受理)(?:有关|任何)?" + _REQ[:-2] + r"(?:申请|事宜)",
        ("req.new.total",),
        zero=True,
    ),
    _c(
        "TEXT.req.carried",
        "上年结转申请数",
        r"上年度?结转(?:的)?(?:政府信息公开)?(?:申请)?" + N + "件",
        ("req.carried.total",),
    ),
    _c(
        "TEXT.req.total",
        "办结（答复）申请数",
        _not_after("办结", "答复", after=("按时", "延期", "逾期"))
        + r"(?:政府信息公开)?(?:申请)?(?:共)?"
        + N
        + "件",
        ("req.total.total",),
    ),
    _c(
        "TEXT.req.carry_forward",
        "结转下年度办理数",
        r"另有" + N + r"件(?:申请)?[^，。；]{0,16}?(?:顺延|结转|转入)(?:到|至)?下一?年",
        ("req.carry_forward.total",),
    ),
    _c(
        "TEXT.req.carry_forward",
        "结转下年度办理数",
        r"结转(?:至|到)?下一?年度?(?:继续办理)?(?:的)?(?:申请)?" + N + "件",
        ("req.carry_forward.total",),
    ),
    _c(
        "TEXT.req.granted_partial",
        "予以公开及部分公开数",
        r"予以公开(?:和|及|与|、)部分公开(?:的)?(?:共)?" + N + "件",
        ("req.granted.total", "req.partial.total"),
    ),
    _c(
        "TEXT.req.granted",
        "予以公开数",
        _not_after("予以公开", after=("不",)) + r"(?:的)?" + N + "件",
        ("req.granted.total",),
    ),
    _c("TEXT.req.withheld", "不予公开数", r"不予公开(?:的)?" + N + "件", _WITHHELD),
    _c("TEXT.req.unavailable", "无法提供数", r"无法提供(?:的)?" + N + "件", _UNAVAILABLE),
    _c("TEXT.req.declined", "不予处理数", r"不予处理(?:的)?" + N + "件", _DECLINED),
    _c(
        "TEXT.req.other",
        "其他处理数",
        r"其他处理(?:的)?" + N + "件",
        _OTHER_SPLIT,
        ("req.other.total",),
    ),
    _c(
        "TEXT.appeal.review",
        "行政复议数",
        r"(?:行政复议|复议)(?:案件)?(?:共)?" + N + "件",
        ("appeal.review.total",),
    ),
    _c(
        "TEXT.appeal.suit",
        "行政诉讼数",
        _not_after("行政诉讼", "诉讼", after=("复议", "复议后")) + r"(?:案件)?(?:共)?" + N + "件",
        _SUITS,
    ),
    _c(
        "TEXT.pub.rules",
        "公开规章数",
        _ISSUE + r"[^，。；]{0,24}?规章" + N + "件",
        ("pub.rules.issued",),
        ("pub.rules.made",),
        ("pub.rules.published",),
    ),
    _c(
        "TEXT.pub.normative",
        "公开规范性文件数",
        _ISSUE + r"[^，。；]{0,24}?(?<!部门)(?<!部门行政)(?:行政)?规范性文件" + N + "件",
        ("pub.normative.issued",),
        ("pub.normative.made",),
        ("pub.normative.published",),
    ),
    _c(
        "TEXT.pub.normative_in_force",
        "现行有效规范性文件数",
        r"现行有效(?:的)?(?:行政)?规范性文件(?:共)?" + N + "件",
        ("pub.normative.in_force",),
        ("pub.normative.total",),
    ),
    _c(
        "TEXT.pub.fees",
        "行政事业性收费金额（万元）",
        r"行政事业性收费(?:金额)?(?:共|为|达)?" + r"(\d+(?:\.\d+)?)万元",
        ("pub.fees.amount",),
    ),
)
_OLD_CLAIMS = (
    _c(
        "TEXT.pub.total",
        "主动公开政府信息数",
        r"主动公开(?:政府)?信息(?:共|总数|数)?(?:为|达)?" + N + "条",
        ("pub.total",),
    ),
    _c(
        "TEXT.req.received",
        "收到申请数",
        _FROM + _REQ + r"(?:共|总数|数量|数)?(?:为|达)?" + N + "件",
        ("req.received",),
    ),
    _c(
        "TEXT.req.received",
        "收到申请数",
        r"未(?:收到|受理)(?:有关|任何)?" + _REQ[:-2] + r"(?:申请|事宜)",
        ("req.received",),
        zero=True,
    ),
    _c(
        "TEXT.req.closed",
        "办结申请数",
        _not_after("办结", after=("按时", "延期"))
        + r"(?:政府信息公开)?(?:申请)?(?:共)?"
        + N
        + "件",
        ("req.closed",),
    ),
    _c(
        "TEXT.review",
        "行政复议数",
        r"(?:行政复议|复议)(?:案件)?(?:共)?" + N + "件",
        ("review.total",),
    ),
    _c(
        "TEXT.suit",
        "行政诉讼数",
        _not_after("行政诉讼", "诉讼", after=("复议",)) + r"(?:案件)?(?:共)?" + N + "件",
        ("suit.total",),
    ),
)
# "行政复议7件，诉讼9件，均获维持": every case upheld
_ALL_UPHELD = re.compile(
    r"(?:行政复议|复议)"
    + N
    + r"件[，、,]?(?:行政)?(?:诉讼"
    + N
    + r"件[，、,]?)?(?:均|全部)(?:获|被|予以)?维持"
)


def _claims(fmt: Format) -> tuple[Claim, ...]:
    return _OLD_CLAIMS if fmt.id == "2014" else _NEW_CLAIMS


_WS = re.compile(r"[\s\u3000\xa0]+")
_PAGE_NO = re.compile(r"^\s*(?:[—–\-－]+\s*\d+\s*[—–\-－]+|第\s*\d+\s*页.*|\d{1,3})\s*$")


def _flatten(text: str) -> tuple[str, list[int], list[int]]:
    """The text as one string without spaces or line breaks, with each line's start offset."""
    parts: list[str] = []
    starts: list[int] = []
    numbers: list[int] = []
    pos = 0
    normal = unicodedata.normalize("NFKC", text.replace("\f", "\n"))
    for n, line in enumerate(normal.split("\n"), 1):
        if _PAGE_NO.match(line):
            continue
        flat = _WS.sub("", line)
        if not flat:
            continue
        starts.append(pos)
        numbers.append(n)
        parts.append(flat)
        pos += len(flat)
    return "".join(parts), starts, numbers


def _table_value(cells: dict[str, Cell], keys: tuple[str, ...]) -> float | None:
    """Sum of the cells; a 总计 cell printed blank counts as the sum of its row's columns."""
    total = 0.0
    for k in keys:
        c = cells.get(k)
        if c is None or c.status == MISSING:
            return None
        v = c.value
        if v is None and k.endswith(".total") and k.startswith("req."):
            row = k[: -len(".total")]
            parts = [
                cells.get(f"{row}.{col}")
                for col in ("person", "business", "research", "nonprofit", "legal", "other_org")
            ]
            if any(p is None or p.status == MISSING for p in parts):
                return None
            v = sum((p.value or 0) for p in parts if p is not None)
        total += v or 0
    return total


def _to_num(s: str) -> float:
    return float(s.replace(",", ""))


def check_claims(
    fmt: Format, text: str, cands: list[Cand], cells: dict[str, Cell]
) -> list[Problem]:
    flat, starts, numbers = _flatten(text)

    def line_of(offset: int) -> int:
        return numbers[max(0, bisect.bisect_right(starts, offset) - 1)] if numbers else 0

    found: dict[str, list[tuple[float, str, int]]] = {}
    claim_of: dict[str, Claim] = {}
    for claim in _claims(fmt):
        if not any(all(k in cells for k in alt) for alt in claim.keys):
            continue
        for m in claim.pattern.finditer(flat):
            value = 0.0 if claim.zero else _to_num(m.group(1))
            found.setdefault(claim.id, []).append((value, m.group(0), line_of(m.start())))
            claim_of.setdefault(claim.id, claim)
    problems: list[Problem] = []
    for cid, quotes in found.items():
        claim = claim_of[cid]
        alts = [
            (alt, v)
            for alt in claim.keys
            if all(k in cells for k in alt)
            for v in [_table_value(cells, alt)]
            if v is not None
        ]
        if not alts:
            continue
        if any(abs(q - v) < 1e-6 for q, _, _ in quotes for _, v in alts):
            continue
        alt, v = alts[0]
        where = cells[alt[0]].source or "统计表"
        label = fmt.label_of(alt[0]) if len(alt) == 1 else f"{claim.what}（{len(alt)} 行之和）"
        said = "；".join(f"第{ln}行“{q}”" for _, q, ln in quotes[:3])
        problems.append(
            Problem(
                cid,
                "warning",
                list(alt),
                f"正文与统计表不一致：正文{said}，统计表“{label}”为 {fmt_number(v)}（{where}）。",
            )
        )
    problems += _all_upheld(fmt, flat, line_of, cells)
    return problems


def _all_upheld(fmt: Format, flat: str, line_of, cells: dict[str, Cell]) -> list[Problem]:
    if fmt.id == "2014" or "appeal.review.total" not in cells:
        return []
    out: list[Problem] = []
    for m in _ALL_UPHELD.finditer(flat):
        blocks = ["review"] + (["suit_direct", "suit_after_review"] if m.group(2) else [])
        keys = [f"appeal.{b}.{c}" for b in blocks for c in ("upheld", "total")]
        if any(k not in cells or cells[k].status == MISSING for k in keys):
            continue
        upheld = sum(cells[f"appeal.{b}.upheld"].value or 0 for b in blocks)
        total = sum(cells[f"appeal.{b}.total"].value or 0 for b in blocks)
        if upheld != total:
            out.append(
                Problem(
                    "TEXT.appeal.upheld",
                    "warning",
                    keys,
                    f"正文与统计表不一致：正文第{line_of(m.start())}行“{m.group(0)}”，统计表中"
                    f"“结果维持”合计 {fmt_number(upheld)}、“总计” {fmt_number(total)}"
                    f"（{cells['appeal.review.total'].source or '统计表'}），并非全部维持。",
                )
            )
    return out
