"""Default narrative of a report: the format's sections with numbers filled in from the figures.

The text is a starting point the officer edits; every number in it comes from the figures.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .validate import fmt_number

if TYPE_CHECKING:
    from .document import ReportData


def _n(figures: dict, key: str) -> str:
    v = figures.get(key)
    return fmt_number(v if v is not None else 0)


def _sections_2014(d: ReportData) -> dict[str, str]:
    f = d.complete_figures()
    a, y = d.agency, d.year
    received = f.get("req.received") or 0
    req_text = (
        f"{y}年度，{a}共收到政府信息公开申请{_n(f, 'req.received')}件，其中当面申请"
        f"{_n(f, 'req.in_person')}件、网络申请{_n(f, 'req.online')}件、信函申请"
        f"{_n(f, 'req.letter')}件；办结{_n(f, 'req.closed')}件，其中按时办结"
        f"{_n(f, 'req.on_time')}件。"
        if received
        else f"{y}年度，{a}无依法申请公开的政府信息。"
    )
    appeals = sum((f.get(k) or 0) for k in ("review.total", "suit.total"))
    appeal_text = (
        f"{y}年度，{a}因政府信息公开申请被申请行政复议{_n(f, 'review.total')}件、"
        f"提起行政诉讼{_n(f, 'suit.total')}件。"
        if appeals
        else f"{y}年度，{a}未发生信息公开申请提起行政复议、行政诉讼的情况。"
    )
    return {
        "一、概况": (
            f"{y}年度，{a}认真开展政府信息公开工作。报告中所列数据的统计期限自{y}年1月起至"
            f"{y}年12月止。"
        ),
        "二、政府信息公开的组织领导和制度建设情况": (
            f"设置政府信息公开查阅点{_n(f, 'org.reading_points')}个，从事政府信息公开工作人员"
            f"{_n(f, 'org.staff')}人（专职{_n(f, 'org.staff_full')}人、兼职"
            f"{_n(f, 'org.staff_part')}人），政府信息公开专项经费{_n(f, 'org.budget')}万元。"
        ),
        "三、发布解读、回应社会关切以及互动交流情况": (
            f"{y}年度，{a}回应公众关注热点或重大舆情{_n(f, 'resp.total')}次，发布政策解读稿件"
            f"{_n(f, 'resp.interpretation')}篇。"
        ),
        "四、重点领域政府信息公开推进情况和公开情况": f"{y}年度，{a}按要求推进重点领域信息公开。",
        "五、主动公开政府信息以及公开平台建设情况": (
            f"主动公开政府信息数{_n(f, 'pub.total')}条，其中政府网站公开{_n(f, 'pub.website')}条、"
            f"政务微博公开{_n(f, 'pub.weibo')}条、政务微信公开{_n(f, 'pub.wechat')}条。"
        ),
        "六、政府信息公开申请办理情况": req_text,
        "七、政府信息公开收费及减免情况": f"{y}年度，{a}未发生政府信息公开收费及减免情况。",
        "八、因政府信息公开申请提起行政复议、行政诉讼的情况": appeal_text,
        "九、政府信息公开保密审查及监督检查情况": (
            f"{y}年度，{a}严格信息发布程序，每条信息发布前经审核和领导签发。"
        ),
        "十、所属事业单位信息公开工作推进措施和落实情况": f"{a}按要求推进所属单位信息公开工作。",
        "十一、政府信息公开工作存在的主要问题及改进情况": "（请填写存在的主要问题及改进措施。）",
        "十二、需要说明的事项与附表": "附：政府信息公开工作情况统计表。",
    }


def _sections_new(d: ReportData) -> dict[str, str]:
    f = d.complete_figures()
    a, y = d.agency, d.year
    appeals = sum(
        (f.get(f"appeal.{b}.total") or 0) for b in ("review", "suit_direct", "suit_after_review")
    )
    return {
        "一、总体情况": (
            f"{y}年，{a}全年共收到政府信息公开申请{_n(f, 'req.new.total')}件，上年结转"
            f"{_n(f, 'req.carried.total')}件，办结{_n(f, 'req.total.total')}件，结转下年度继续办理"
            f"{_n(f, 'req.carry_forward.total')}件。"
        ),
        "二、主动公开政府信息情况": "",
        "三、收到和处理政府信息公开申请情况": "",
        "四、政府信息公开行政复议、行政诉讼情况": (
            f"因政府信息公开工作被申请行政复议{_n(f, 'appeal.review.total')}件，被提起行政诉讼"
            f"{fmt_number((f.get('appeal.suit_direct.total') or 0) + (f.get('appeal.suit_after_review.total') or 0))}件。"
            if appeals
            else ""
        ),
        "五、存在的主要问题及改进情况": "（请填写存在的主要问题及改进措施。）",
        "五、政府信息公开工作存在的主要问题及改进情况": "（请填写存在的主要问题及改进措施。）",
        "六、其他需要报告的事项": (
            "本年度未收取信息处理费。" if d.format == "2021" else "无其他需要报告的事项。"
        ),
    }


def default_sections(d: ReportData) -> list[tuple[str, str]]:
    texts = _sections_2014(d) if d.format == "2014" else _sections_new(d)
    return [(s.heading, texts.get(s.heading, "")) for s in d.fmt.sections]


_NUMERALS = "一二三四五六七八九十"


def _prefix(heading: str) -> str:
    return heading.split("、", 1)[0] + "、"


def extract_sections(text: str, fmt) -> list[tuple[str, str]]:
    """The narrative sections of a report's text, by the numbered headings of its format.

    The text after the last section stops at the statistics table's title.
    """
    import re

    lines = [ln.strip(" \t\u3000\xa0") for ln in text.splitlines()]
    lines = [re.sub(r"^\[bookmark:[^\]]*\]", "", ln) for ln in lines]
    headings = [s.heading for s in fmt.sections]
    found: list[tuple[int, str]] = []
    start = 0
    for h in headings:
        p = _prefix(h)
        for i in range(start, len(lines)):
            if lines[i].startswith(p) and len(lines[i]) <= 60:
                found.append((i, lines[i]))
                start = i + 1
                break
    out = []
    for n, (i, heading) in enumerate(found):
        end = found[n + 1][0] if n + 1 < len(found) else len(lines)
        body = []
        for ln in lines[i + 1 : end]:
            if "统计表" in ln and len(ln) < 40:
                break
            if ln:
                body.append(ln)
        out.append((heading, "\n".join(body)))
    return out
