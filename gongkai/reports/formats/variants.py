"""Local and partial variants of the official tables, declared as data.

Real reports do not always print the official table: Fujian's pre-2019 provincial template
has its own rows with 本年度 and 历年累计 columns; many 2021 reports print （六）其他处理 as one
row like the 2019 trial table; some 2019 reports leave out 政府集中采购. Each variant is a
`Format` with the base format's id and its own `variant` id. Cells that mean the same as a
canonical cell carry the canonical key (so roll-ups and comparisons use them); the others get
keys of their own under the variant's prefix (e.g. `fj.pub.gazette.year`).
"""

from __future__ import annotations

from dataclasses import replace

from .base import Check, Column, Format, Row, Rule, Section, Table, Term
from .f2014 import FORMAT as F2014
from .f2019 import FORMAT as F2019
from .f2021 import APPEAL_TABLE, req_rules, req_table
from .f2021 import FORMAT as F2021

# 2021 table printed with （六）其他处理 as one row (the trial format's row): the three leaf rows
# cannot be recovered from their sum, so the row keeps the trial format's key `req.other.*`.
_REQ_ONE_OTHER = req_table(split_other=False)
F2021_ONE_OTHER = replace(
    F2021,
    tables=(
        *[t for t in F2021.tables if t.id not in ("req", "appeal")],
        _REQ_ONE_OTHER,
        APPEAL_TABLE,
    ),
    rules=req_rules(_REQ_ONE_OTHER.rows),
    variant="one-other",
    variant_name="“（六）其他处理”不分项",
)

# 2019 trial table without the 政府集中采购 row (第二十条第（九）项), as many bodies printed it.
F2019_NO_PROCUREMENT = replace(
    F2019,
    tables=tuple(t for t in F2019.tables if t.id != "pub9"),
    sections=tuple(
        replace(s, table_ids=tuple(i for i in s.table_ids if i != "pub9")) for s in F2019.sections
    ),
    money_keys=frozenset(),
    variant="no-procurement",
    variant_name="无“政府集中采购”行",
)

# Fujian's provincial table of 2008–2018 (福建省政府信息公开情况统计表): one row per item, a unit
# column, then 本年度 and 历年累计. 本年度 cells with the meaning of a 2014 row take its key.
_FJ_ROWS: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = [
    # (row key, label, group, variants)
    ("fj.pub", "主动公开文件数", (), ("主动公开政府信息数",)),
    ("fj.pub.website", "1.政府网站公开数", ("主动公开文件数",), ("其中：1.政府网站公开数",)),
    ("fj.pub.gazette", "2.政府公报公开数", ("主动公开文件数",), ()),
    ("fj.req", "受理政府信息依申请公开总数", (), ("受理政府信息公开申请总数",)),
    ("fj.req.in_person", "1.当面申请数", ("受理政府信息依申请公开总数",), ("其中：1.当面申请数",)),
    ("fj.req.online", "2.网上申请数", ("受理政府信息依申请公开总数",), ()),
    ("fj.req.letter_fax", "3.信函、传真申请数", ("受理政府信息依申请公开总数",), ()),
    ("fj.reply", "对申请的答复总数", (), ()),
    ("fj.reply.granted", "1.同意公开答复数", ("对申请的答复总数",), ("其中：1.同意公开答复数",)),
    ("fj.reply.partial", "2.同意部分公开答复数", ("对申请的答复总数",), ()),
    ("fj.reply.refused", "3.不予公开答复数", ("对申请的答复总数",), ()),
    ("fj.reply.other", "4.其他类型答复数", ("对申请的答复总数",), ()),
    ("fj.complaint", "接受行政诉讼、举报数", (), ("接受行政复议、诉讼、举报数",)),
    ("fj.review", "行政复议数", (), ()),
    ("fj.suit", "行政诉讼数", (), ()),
]
_FJ_SAME = {
    "fj.pub": "pub.total",
    "fj.pub.website": "pub.website",
    "fj.req": "req.received",
    "fj.req.in_person": "req.in_person",
    "fj.req.online": "req.online",
    "fj.reply": "req.answered",
    "fj.reply.granted": "req.granted",
    "fj.reply.partial": "req.partial",
    "fj.reply.refused": "req.refused",
    "fj.review": "review.total",
    "fj.suit": "suit.total",
}
_FJ_TABLE = Table(
    id="stats",
    caption="政府信息公开情况统计表",
    columns=(Column("year", "本年度"), Column("cumulative", "历年累计")),
    rows=tuple(Row(lbl, key, grp, var) for key, lbl, grp, var in _FJ_ROWS),
    corner="指标名称",
    section="六、政府信息公开情况统计表",
    rename=tuple((f"{k}.year", v) for k, v in _FJ_SAME.items()),
)


def _fj_sum(rid: str, text: str, total: str, parts: list[str], column: str) -> Check:
    def key(k: str) -> str:
        return _FJ_TABLE.cell_key(Row("", k), Column(column, ""))

    return Check(
        (Term(key(total), text),),
        "=",
        tuple(Term(key(p), p.rsplit(".", 1)[-1]) for p in parts),
        "本年度" if column == "year" else "历年累计",
    )


_FJ_RULES = tuple(
    Rule(
        rid,
        "error",
        desc,
        tuple(_fj_sum(rid, text, total, parts, col) for col in ("year", "cumulative")),
    )
    for rid, desc, text, total, parts in (
        (
            "RFJ.1",
            "受理申请总数 = 当面 + 网上 + 信函传真",
            "受理总数",
            "fj.req",
            ["fj.req.in_person", "fj.req.online", "fj.req.letter_fax"],
        ),
        (
            "RFJ.2",
            "答复总数 = 同意公开 + 部分公开 + 不予公开 + 其他",
            "答复总数",
            "fj.reply",
            ["fj.reply.granted", "fj.reply.partial", "fj.reply.refused", "fj.reply.other"],
        ),
    )
)

F2014_FUJIAN = Format(
    id="2014",
    name="政府信息公开情况统计表（福建省格式）",
    years=(2008, 2018),
    tables=(_FJ_TABLE,),
    rules=_FJ_RULES,
    sections=(
        Section("一、概述"),
        Section("二、主动公开政府信息情况"),
        Section("三、政府信息依申请公开工作情况"),
        Section("四、因政府信息公开申请行政复议、提起行政诉讼的情况"),
        Section("五、存在的主要问题和改进措施"),
        Section("六、政府信息公开情况统计表", ("stats",)),
    ),
    units={},
    variant="fujian",
    variant_name="福建省格式（本年度、历年累计）",
)

# the variants of each official format, tried after it
VARIANTS: dict[str, tuple[Format, ...]] = {
    "2014": (F2014_FUJIAN,),
    "2019": (F2019_NO_PROCUREMENT,),
    "2021": (F2021_ONE_OTHER,),
}
ALL: tuple[Format, ...] = (F2014, F2019, F2021, *(v for vs in VARIANTS.values() for v in vs))
