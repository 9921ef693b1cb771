"""Format `2019`: 年度报告格式（试行） (国办公开办函〔2019〕60号), used for the 2019 and 2020 reports.

Sections 三 and 四 are those of format 2021, except that （六）其他处理 is one row.
"""

from __future__ import annotations

from .base import Column, Format, Row, Section, Table
from .f2021 import APPEAL_TABLE, req_rules, req_table

_PREV = [("prev_items", "上一年项目数量"), ("change", "本年增/减"), ("decisions", "处理决定数量")]


def _pub(tid: str, caption: str, rows: list[tuple[str, str]], cols: list[tuple[str, str]]) -> Table:
    return Table(
        id=tid,
        caption=caption,
        columns=tuple(Column(k, lbl) for k, lbl in cols),
        rows=tuple(Row(lbl, f"pub.{k}") for k, lbl in rows),
        corner="信息内容",
        section="二、主动公开政府信息情况",
    )


PUB_TABLES = (
    _pub(
        "pub1",
        "第二十条第（一）项",
        [("rules", "规章"), ("normative", "规范性文件")],
        [("made", "本年新制作数量"), ("published", "本年新公开数量"), ("total", "对外公开总数量")],
    ),
    _pub(
        "pub5",
        "第二十条第（五）项",
        [("license", "行政许可"), ("other_services", "其他对外管理服务事项")],
        _PREV,
    ),
    _pub("pub6", "第二十条第（六）项", [("penalty", "行政处罚"), ("coercion", "行政强制")], _PREV),
    _pub("pub8", "第二十条第（八）项", [("fees", "行政事业性收费")], _PREV[:2]),
    _pub(
        "pub9",
        "第二十条第（九）项",
        [("procurement", "政府集中采购")],
        [("items", "采购项目数量"), ("amount", "采购总金额")],
    ),
)

SECTIONS = (
    Section("一、总体情况"),
    Section("二、主动公开政府信息情况", ("pub1", "pub5", "pub6", "pub8", "pub9")),
    Section("三、收到和处理政府信息公开申请情况", ("req",)),
    Section("四、政府信息公开行政复议、行政诉讼情况", ("appeal",)),
    Section("五、政府信息公开工作存在的主要问题及改进情况"),
    Section("六、其他需要报告的事项"),
)

_REQ = req_table(split_other=False)

FORMAT = Format(
    id="2019",
    name="年度报告格式（试行）",
    years=(2019, 2020),
    tables=(*PUB_TABLES, _REQ, APPEAL_TABLE),
    rules=req_rules(_REQ.rows),
    sections=SECTIONS,
    money_keys=frozenset({"pub.procurement.amount"}),
    signed_keys=frozenset(
        {f"pub.{r}.change" for r in ("license", "other_services", "penalty", "coercion", "fees")}
    ),
)
