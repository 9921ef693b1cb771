"""Format `2014`: 政府信息公开情况统计表 (国办发〔2014〕32号; the seed report's 2017 table)."""

from __future__ import annotations

from .base import Check, Column, Format, Row, Rule, Section, Table, Term

H = None  # heading rows hold no number

# (key, label, unit, variants, optional)
_ROWS: list[tuple[str | None, str, str, tuple[str, ...]]] = [
    (H, "一、主动公开情况", "", ()),
    (
        "pub.total",
        "（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）",
        "条",
        ("主动公开政府信息数",),
    ),
    ("pub.normative", "其中：主动公开规范性文件数", "条", ()),
    ("pub.normative_issued", "制发规范性文件总数", "件", ()),
    (H, "（二）通过不同渠道和方式公开政府信息的情况", "", ()),
    ("pub.website", "1.政府网站公开政府信息数", "条", ()),
    ("pub.weibo", "2.政务微博公开政府信息数", "条", ()),
    ("pub.wechat", "3.政务微信公开政府信息数", "条", ()),
    ("pub.other", "4.其他方式公开政府信息数", "条", ()),
    (H, "二、回应解读情况", "", ()),
    (
        "resp.total",
        "（一）回应公众关注热点或重大舆情数（不同方式回应同一热点或舆情计1次）",
        "次",
        (),
    ),
    (H, "（二）通过不同渠道和方式回应解读的情况", "", ()),
    ("resp.press", "1.参加或举办新闻发布会总次数", "次", ()),
    ("resp.press_leader", "其中：主要负责同志参加新闻发布会次数", "次", ()),
    ("resp.interview", "2.政府网站在线访谈次数", "次", ()),
    ("resp.interview_leader", "其中：主要负责同志参加政府网站在线访谈次数", "次", ()),
    ("resp.interpretation", "3.政策解读稿件发布数", "篇", ()),
    ("resp.social", "4.微博微信回应事件数", "次", ()),
    ("resp.other", "5.其他方式回应事件数", "次", ()),
    (H, "三、依申请公开情况", "", ()),
    ("req.received", "（一）收到申请数", "件", ()),
    ("req.in_person", "1.当面申请数", "件", ()),
    ("req.fax", "2.传真申请数", "件", ()),
    ("req.online", "3.网络申请数", "件", ()),
    ("req.letter", "4.信函申请数", "件", ()),
    ("req.other", "5.其他形式", "件", ("5.其他形式申请数",)),
    ("req.closed", "（二）申请办结数", "件", ()),
    ("req.on_time", "1.按时办结数", "件", ()),
    ("req.extended", "2.延期办结数", "件", ()),
    ("req.answered", "（三）申请答复数", "件", ()),
    ("req.already_public", "1.属于已主动公开范围数", "件", ()),
    ("req.granted", "2.同意公开答复数", "件", ()),
    ("req.partial", "3.同意部分公开答复数", "件", ()),
    ("req.refused", "4.不同意公开答复数", "件", ()),
    ("req.refused.state_secret", "其中：涉及国家秘密", "件", ()),
    ("req.refused.business_secret", "涉及商业秘密", "件", ()),
    ("req.refused.privacy", "涉及个人隐私", "件", ()),
    ("req.refused.security", "危及国家安全、公共安全、经济安全和社会稳定", "件", ()),
    ("req.refused.not_gov_info", "不是《条例》所指政府信息", "件", ()),
    ("req.refused.other_law", "法律法规规定的其他情形", "件", ()),
    ("req.not_this_agency", "5.不属于本行政机关公开数", "件", ()),
    ("req.nonexistent", "6.申请信息不存在数", "件", ()),
    ("req.amend", "7.告知作出更改补充数", "件", ()),
    ("req.other_route", "8.告知通过其他途径办理数", "件", ()),
    ("review.total", "四、行政复议数量", "件", ()),
    ("review.upheld", "（一）维持具体行政行为数", "件", ()),
    ("review.corrected", "（二）被依法纠错数", "件", ()),
    ("review.other", "（三）其他情形数", "件", ()),
    ("suit.total", "五、行政诉讼数量", "件", ()),
    ("suit.upheld", "（一）维持具体行政行为或者驳回原告诉讼请求数", "件", ()),
    ("suit.corrected", "（二）被依法纠错数", "件", ()),
    ("suit.other", "（三）其他情形数", "件", ()),
    ("complaint.total", "六、被举报投诉数量", "件", ()),
    ("complaint.upheld", "（一）维持具体行政行为数", "件", ()),
    ("complaint.corrected", "（二）被纠错数", "件", ()),
    ("complaint.other", "（三）其他情形数", "件", ()),
    ("archive.total", "七、向图书馆、档案馆等查阅场所报送信息数", "条", ()),
    ("archive.paper", "（一）纸质文件数", "条", ()),
    ("archive.electronic", "（二）电子文件数", "条", ()),
    (H, "八、机构建设和保障经费情况", "", ()),
    ("org.units", "（一）政府信息公开工作专门机构数", "个", ()),
    ("org.reading_points", "（二）设置政府信息公开查阅点数", "个", ()),
    ("org.visitors", "（三）查阅点接待人数", "人次", ()),
    ("org.staff", "（四）从事政府信息公开工作人员数", "人", ()),
    ("org.staff_full", "1.专职人员数（不包括政府公报及政府网站工作人员数）", "人", ()),
    ("org.staff_part", "2.兼职人员数", "人", ()),
    (
        "org.budget",
        "（五）政府信息公开专项经费（不包括用于政府公报编辑管理及政府网站建设维护等方面的经费）",
        "万元",
        ("（五）政府信息公开专项经费",),
    ),
    (H, "九、政府信息公开会议和培训情况", "", ("九、会议和培训情况",)),
    ("train.meetings", "（一）召开政府信息公开工作会议或专题会议数", "次", ()),
    ("train.classes", "（二）举办各类培训班数", "次", ()),
    ("train.trainees", "（三）接受培训人员数", "人次", ()),
]

# The 回应解读 block was added to provincial copies around 2016; earlier tables lack it.
_OPTIONAL_PREFIX = ("resp.",)

TABLE = Table(
    id="stats",
    caption="政府信息公开情况统计表",
    columns=(Column("", "统计数"),),
    rows=tuple(
        Row(
            label=label,
            key=key,
            unit=unit,
            variants=variants,
            optional=bool(key and key.startswith(_OPTIONAL_PREFIX)),
        )
        for key, label, unit, variants in _ROWS
    ),
    corner="统计指标",
    kind="list",
)


def _sum_rule(rid: str, desc: str, total: tuple[str, str], parts: list[tuple[str, str]]) -> Rule:
    return Rule(
        rid,
        "error",
        desc,
        (Check((Term(*total),), "=", tuple(Term(k, lbl) for k, lbl in parts)),),
    )


_RULES = (
    _sum_rule(
        "R2014.1",
        "收到申请数 = 各渠道申请数之和",
        ("req.received", "三（一）收到申请数"),
        [
            ("req.in_person", "当面"),
            ("req.fax", "传真"),
            ("req.online", "网络"),
            ("req.letter", "信函"),
            ("req.other", "其他形式"),
        ],
    ),
    _sum_rule(
        "R2014.2",
        "申请办结数 = 按时办结数 + 延期办结数",
        ("req.closed", "三（二）申请办结数"),
        [("req.on_time", "按时办结"), ("req.extended", "延期办结")],
    ),
    _sum_rule(
        "R2014.3",
        "申请答复数 = 各类答复数之和",
        ("req.answered", "三（三）申请答复数"),
        [
            ("req.already_public", "1"),
            ("req.granted", "2"),
            ("req.partial", "3"),
            ("req.refused", "4"),
            ("req.not_this_agency", "5"),
            ("req.nonexistent", "6"),
            ("req.amend", "7"),
            ("req.other_route", "8"),
        ],
    ),
    _sum_rule(
        "R2014.4",
        "不同意公开答复数 = 各项理由之和",
        ("req.refused", "4.不同意公开答复数"),
        [
            ("req.refused.state_secret", "国家秘密"),
            ("req.refused.business_secret", "商业秘密"),
            ("req.refused.privacy", "个人隐私"),
            ("req.refused.security", "危及安全稳定"),
            ("req.refused.not_gov_info", "不是政府信息"),
            ("req.refused.other_law", "其他情形"),
        ],
    ),
    Rule(
        "R2014.5",
        "error",
        "行政复议、行政诉讼、举报投诉数量 = 维持 + 纠错 + 其他",
        tuple(
            Check(
                (Term(f"{b}.total", f"{n}数量"),),
                "=",
                (
                    Term(f"{b}.upheld", "维持"),
                    Term(f"{b}.corrected", "纠错"),
                    Term(f"{b}.other", "其他"),
                ),
                scope=n,
            )
            for b, n in (("review", "行政复议"), ("suit", "行政诉讼"), ("complaint", "被举报投诉"))
        ),
    ),
    _sum_rule(
        "R2014.6",
        "报送信息数 = 纸质 + 电子",
        ("archive.total", "七、报送信息数"),
        [("archive.paper", "纸质"), ("archive.electronic", "电子")],
    ),
    _sum_rule(
        "R2014.7",
        "工作人员数 = 专职 + 兼职",
        ("org.staff", "八（四）工作人员数"),
        [("org.staff_full", "专职"), ("org.staff_part", "兼职")],
    ),
    Rule(
        "R2014.8",
        "error",
        "分项不得大于总数",
        tuple(
            Check((Term(k, lbl),), "<=", (Term("pub.total", "主动公开政府信息数"),))
            for k, lbl in (
                ("pub.website", "政府网站"),
                ("pub.weibo", "政务微博"),
                ("pub.wechat", "政务微信"),
                ("pub.other", "其他方式"),
                ("pub.normative", "主动公开规范性文件数"),
            )
        )
        + (
            Check(
                (Term("resp.press_leader", "主要负责同志参加新闻发布会次数"),),
                "<=",
                (Term("resp.press", "新闻发布会总次数"),),
            ),
            Check(
                (Term("resp.interview_leader", "主要负责同志参加在线访谈次数"),),
                "<=",
                (Term("resp.interview", "在线访谈次数"),),
            ),
        ),
    ),
    Rule(
        "R2014.9",
        "warning",
        "各渠道合计应不少于总数（同一信息多渠道发布只计1条）",
        (
            Check(
                (
                    Term("pub.website", "网站"),
                    Term("pub.weibo", "微博"),
                    Term("pub.wechat", "微信"),
                    Term("pub.other", "其他"),
                ),
                ">=",
                (Term("pub.total", "主动公开政府信息数"),),
            ),
            Check(
                (
                    Term("resp.press", "发布会"),
                    Term("resp.interview", "访谈"),
                    Term("resp.interpretation", "解读稿件"),
                    Term("resp.social", "微博微信"),
                    Term("resp.other", "其他"),
                ),
                ">=",
                (Term("resp.total", "回应热点舆情数"),),
            ),
        ),
    ),
)

SECTIONS = (
    Section("一、概况"),
    Section("二、政府信息公开的组织领导和制度建设情况"),
    Section("三、发布解读、回应社会关切以及互动交流情况"),
    Section("四、重点领域政府信息公开推进情况和公开情况"),
    Section("五、主动公开政府信息以及公开平台建设情况"),
    Section("六、政府信息公开申请办理情况"),
    Section("七、政府信息公开收费及减免情况"),
    Section("八、因政府信息公开申请提起行政复议、行政诉讼的情况"),
    Section("九、政府信息公开保密审查及监督检查情况"),
    Section("十、所属事业单位信息公开工作推进措施和落实情况"),
    Section("十一、政府信息公开工作存在的主要问题及改进情况"),
    Section("十二、需要说明的事项与附表", ("stats",)),
)

FORMAT = Format(
    id="2014",
    name="政府信息公开情况统计表",
    years=(2014, 2018),
    tables=(TABLE,),
    rules=_RULES,
    sections=SECTIONS,
    money_keys=frozenset({"org.budget"}),
    units={r.key: r.unit for r in TABLE.rows if r.key},
    appendix_title="政府信息公开工作情况统计表",
)
