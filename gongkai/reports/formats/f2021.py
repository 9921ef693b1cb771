"""Format `2021`: 年度报告格式 (国办公开办函〔2021〕30号), used from the 2021 reports on."""

from __future__ import annotations

from .base import Check, Column, Format, Row, Rule, Section, Table, Term

REQ_CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
_ORG = ("申请人情况", "法人或其他组织")
REQ_COLUMNS = (
    Column("person", "自然人", ("申请人情况",)),
    Column("business", "商业企业", _ORG),
    Column("research", "科研机构", _ORG),
    Column("nonprofit", "社会公益组织", _ORG),
    Column("legal", "法律服务机构", _ORG),
    Column("other_org", "其他", _ORG),
    Column("total", "总计", ("申请人情况",)),
)
RESULT = "三、本年度办理结果"
W = (RESULT, "（三）不予公开")
U = (RESULT, "（四）无法提供")
D = (RESULT, "（五）不予处理")
OTHER = (RESULT, "（六）其他处理")


def req_rows(split_other: bool) -> tuple[Row, ...]:
    rows = [
        Row("一、本年新收政府信息公开申请数量", "req.new"),
        Row("二、上年结转政府信息公开申请数量", "req.carried"),
        Row("（一）予以公开", "req.granted", (RESULT,)),
        Row(
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            "req.partial",
            (RESULT,),
            ("（二）部分公开",),
        ),
        Row("1.属于国家秘密", "req.withheld.state_secret", W),
        Row(
            "2.其他法律行政法规禁止公开", "req.withheld.law_prohibited", W, ("其他法律行政止公开",)
        ),
        Row("3.危及“三安全一稳定”", "req.withheld.security", W),
        Row("4.保护第三方合法权益", "req.withheld.third_party", W),
        Row("5.属于三类内部事务信息", "req.withheld.internal", W, ("5.属于三类内容事务信息",)),
        Row("6.属于四类过程性信息", "req.withheld.process", W),
        Row("7.属于行政执法案卷", "req.withheld.enforcement", W),
        Row("8.属于行政查询事项", "req.withheld.inquiry", W),
        Row("1.本机关不掌握相关政府信息", "req.unavailable.not_held", U),
        Row("2.没有现成信息需要另行制作", "req.unavailable.needs_creation", U),
        Row("3.补正后申请内容仍不明确", "req.unavailable.unclear", U),
        Row("1.信访举报投诉类申请", "req.declined.petition", D),
        Row("2.重复申请", "req.declined.repeat", D),
        Row("3.要求提供公开出版物", "req.declined.publication", D),
        Row("4.无正当理由大量反复申请", "req.declined.abusive", D),
        Row("5.要求行政机关确认或重新出具已获取信息", "req.declined.confirmation", D),
    ]
    if split_other:
        rows += [
            Row(
                "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                "req.other.no_supplement",
                OTHER,
            ),
            Row(
                "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                "req.other.unpaid",
                OTHER,
            ),
            Row("3.其他", "req.other.other", OTHER),
        ]
    else:
        rows.append(Row("（六）其他处理", "req.other", (RESULT,)))
    rows += [
        Row("（七）总计", "req.total", (RESULT,)),
        Row("四、结转下年度继续办理", "req.carry_forward"),
    ]
    return tuple(rows)


def req_table(split_other: bool) -> Table:
    return Table(
        id="req",
        caption="三、收到和处理政府信息公开申请情况",
        columns=REQ_COLUMNS,
        rows=req_rows(split_other),
        corner=REQ_CORNER,
        section="三、收到和处理政府信息公开申请情况",
    )


APPEAL_BLOCKS = (
    ("review", ("行政复议",)),
    ("suit_direct", ("行政诉讼", "未经复议直接起诉")),
    ("suit_after_review", ("行政诉讼", "复议后起诉")),
)
APPEAL_COLS = (
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
)
APPEAL_TABLE = Table(
    id="appeal",
    caption="四、政府信息公开行政复议、行政诉讼情况",
    columns=tuple(
        Column(f"appeal.{b}.{c}", lbl, grp) for b, grp in APPEAL_BLOCKS for c, lbl in APPEAL_COLS
    ),
    rows=(Row("", "appeal"),),
    kind="strip",
    section="四、政府信息公开行政复议、行政诉讼情况",
)


def req_rules(fmt_rows: tuple[Row, ...]) -> tuple[Rule, ...]:
    results = [r for r in fmt_rows if r.group and r.group[0] == RESULT and r.key != "req.total"]

    def short(r: Row) -> str:
        # "（三）2" style names keep messages short but unambiguous
        if len(r.group) == 2:
            return f"{r.group[1][:3]}{r.label.split('.')[0]}"
        return r.label[:3]

    r1 = []
    r2 = []
    for c in REQ_COLUMNS:
        scope = "" if c.key == "total" else f"{c.label}列"
        r1.append(
            Check(
                (Term(f"req.new.{c.key}", "一"), Term(f"req.carried.{c.key}", "二")),
                "=",
                (Term(f"req.total.{c.key}", "三（七）"), Term(f"req.carry_forward.{c.key}", "四")),
                scope,
            )
        )
        r2.append(
            Check(
                (Term(f"req.total.{c.key}", "三（七）"),),
                "=",
                tuple(Term(f"{r.key}.{c.key}", short(r)) for r in results),
                scope,
            )
        )
    r3 = []
    for r in fmt_rows:
        r3.append(
            Check(
                (Term(f"{r.key}.total", "总计"),),
                "=",
                tuple(Term(f"{r.key}.{c.key}", c.label) for c in REQ_COLUMNS[:-1]),
                scope=f"“{r.label[:14]}”行",
            )
        )
    r4 = [
        Check(
            (Term(f"appeal.{b}.total", "总计"),),
            "=",
            tuple(Term(f"appeal.{b}.{c}", lbl) for c, lbl in APPEAL_COLS[:-1]),
            scope="/".join(grp),
        )
        for b, grp in APPEAL_BLOCKS
    ]
    r5 = [
        Check(
            (Term(f"req.carried.{c.key}", "本年二"),),
            "=",
            (Term(f"req.carry_forward.{c.key}", "上年四"),),
            "" if c.key == "total" else f"{c.label}列",
        )
        for c in REQ_COLUMNS
    ]
    return (
        Rule("R2021.1", "error", "一 + 二 = 三（七）+ 四（每一列）", tuple(r1)),
        Rule("R2021.2", "error", "三（七）总计 = 各办理结果之和（每一列）", tuple(r2)),
        Rule("R2021.3", "error", "总计列 = 各申请人列之和（每一行）", tuple(r3)),
        Rule(
            "R2021.4", "error", "总计 = 维持 + 纠正 + 其他 + 尚未审结（复议、诉讼各块）", tuple(r4)
        ),
        Rule(
            "R2021.5",
            "warning",
            "本年“上年结转”应等于上年报告“结转下年度继续办理”",
            tuple(r5),
            cross_year=True,
        ),
    )


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
        [("rules", "规章"), ("normative", "行政规范性文件")],
        [("issued", "本年制发件数"), ("repealed", "本年废止件数"), ("in_force", "现行有效件数")],
    ),
    _pub(
        "pub5", "第二十条第（五）项", [("license", "行政许可")], [("decisions", "本年处理决定数量")]
    ),
    _pub(
        "pub6",
        "第二十条第（六）项",
        [("penalty", "行政处罚"), ("coercion", "行政强制")],
        [("decisions", "本年处理决定数量")],
    ),
    _pub(
        "pub8",
        "第二十条第（八）项",
        [("fees", "行政事业性收费")],
        [("amount", "本年收费金额（单位：万元）")],
    ),
)

SECTIONS = (
    Section("一、总体情况"),
    Section("二、主动公开政府信息情况", ("pub1", "pub5", "pub6", "pub8")),
    Section("三、收到和处理政府信息公开申请情况", ("req",)),
    Section("四、政府信息公开行政复议、行政诉讼情况", ("appeal",)),
    Section("五、存在的主要问题及改进情况"),
    Section("六、其他需要报告的事项"),
)

_REQ = req_table(split_other=True)

FORMAT = Format(
    id="2021",
    name="年度报告格式",
    years=(2021, 9999),
    tables=(*PUB_TABLES, _REQ, APPEAL_TABLE),
    rules=req_rules(_REQ.rows),
    sections=SECTIONS,
    money_keys=frozenset({"pub.fees.amount"}),
)
