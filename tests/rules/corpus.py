"""Generated corpora for the privacy scanner (positive: personal numbers; negative: codes)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from stdnum.cn import uscc

ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
REGIONS = ["110105", "370303", "370306", "350425", "440305", "510104", "650102", "230102"]
FULLWIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")
FILLER = [
    "经审查，申请人",
    "根据《中华人民共和国政府信息公开条例》第三十六条规定，",
    "联系人：",
    "本机关于2026年3月2日收到您的申请，",
    "现将有关情况告知如下：",
    "如对本答复不服，可在收到之日起60日内申请行政复议。",
]


def make_id(rng: random.Random) -> str:
    birth = date(1940, 1, 1) + timedelta(days=rng.randrange(0, 30000))
    body = rng.choice(REGIONS) + birth.strftime("%Y%m%d") + f"{rng.randrange(0, 1000):03d}"
    total = sum(int(c) * w for c, w in zip(body, ID_WEIGHTS, strict=True))
    return body + "10X98765432"[total % 11]


def make_mobile(rng: random.Random) -> str:
    return "1" + rng.choice("3456789") + "".join(rng.choice("0123456789") for _ in range(9))


def make_card(rng: random.Random) -> str:
    length = rng.choice([16, 17, 18, 19])
    prefix = rng.choice(["62", "4", "5", "35", "622848", "621700"])
    body = prefix + "".join(rng.choice("0123456789") for _ in range(length - len(prefix) - 1))
    for check in "0123456789":
        candidate = body + check
        total = 0
        for i, c in enumerate(reversed(candidate)):
            n = int(c) * (2 if i % 2 else 1)
            total += n - 9 if n > 9 else n
        if total % 10 == 0:
            return candidate
    raise AssertionError


def disguise(number: str, kind: str, rng: random.Random) -> str:
    """Write a number the ways people do: separators, full width, line breaks, +86."""
    style = rng.randrange(7)
    if kind == "mobile" and style == 0:
        return rng.choice(["+86 ", "+86-", "0086", "+86"]) + number
    if style == 1:
        return number.translate(FULLWIDTH)
    if style == 2:
        cut = rng.randrange(3, len(number) - 2)
        return number[:cut] + rng.choice(["\n", "\r\n", " ", "\u3000"]) + number[cut:]
    if style == 3:
        if kind == "mobile":
            return f"{number[:3]}-{number[3:7]}-{number[7:]}"
        if kind == "id":
            return f"{number[:6]} {number[6:14]} {number[14:]}"
        return " ".join(number[i : i + 4] for i in range(0, len(number), 4))
    if style == 4:
        return " ".join(number[i : i + 4] for i in range(0, len(number), 4)).translate(FULLWIDTH)
    return number


def positive_corpus(n: int, seed: int = 11) -> list[tuple[str, str, str]]:
    """(kind, number, text) with the number embedded in Chinese text."""
    rng = random.Random(seed)
    out = []
    makers = {"id": make_id, "mobile": make_mobile, "card": make_card}
    labels = {"id": "身份证号", "mobile": "手机", "card": "银行卡号"}
    for i in range(n):
        kind = ["id", "mobile", "card"][i % 3]
        number = makers[kind](rng)
        written = disguise(number, kind, rng)
        text = rng.choice(FILLER) + labels[kind] + rng.choice(["：", ":", "", "为", " "]) + written
        text += rng.choice(["。", "，", "；", "）", "\n", "", " 张三"]) + rng.choice(FILLER)
        out.append((kind, number, text))
    return out


def make_uscc(rng: random.Random) -> str:
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    body = rng.choice("19") + rng.choice("123") + rng.choice(REGIONS)
    body += "".join(rng.choice(alphabet) for _ in range(9))
    return body + uscc.calc_check_digit(body)


def make_org_code(rng: random.Random) -> str:
    body = "".join(rng.choice("0123456789") for _ in range(8))
    value = 11 - sum(int(c) * w for c, w in zip(body, [3, 7, 9, 10, 5, 8, 4, 2], strict=True)) % 11
    return body + {10: "X", 11: "0"}.get(value, str(value))


def negative_corpus(n: int, seed: int = 13) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        year = rng.randrange(2008, 2027)
        day = date(year, 1, 1) + timedelta(days=rng.randrange(0, 365))
        uscc = make_uscc(rng)
        org = make_org_code(rng)
        items = [
            f"索引号：{uscc}/{year}-{rng.randrange(1, 99999):05d}",
            f"索引号：{org}/{year}-{rng.randrange(1, 99999):05d}",
            f"索引号：{uscc}/{year}{day.month:02d}-{rng.randrange(1, 99999):05d}",
            f"索引号：{org[:8]}-{org[8]}/{year}-{rng.randrange(1, 999999):06d}",
            f"统一社会信用代码：{uscc}",
            f"组织机构代码：{org}",
            f"文号：{rng.choice(['国办函', '鲁政办字', '淄政发', '周政办发'])}〔{year}〕{rng.randrange(1, 300)}号",
            f"发布日期：{day.isoformat()}",
            f"成文日期：{day.year}年{day.month}月{day.day}日",
            f"{day.strftime('%Y%m%d')}",
            f"{day.isoformat()} {rng.randrange(0, 24):02d}:{rng.randrange(0, 60):02d}:{rng.randrange(0, 60):02d}",
            f"金额：{rng.randrange(1, 10**9):,}.{rng.randrange(0, 100):02d}元",
            f"预算{rng.randrange(10**8, 10**11)}.{rng.randrange(0, 100):02d}元",
            f"合计{rng.randrange(1, 10**6)}万元",
            "咨询电话：0533-6418888，传真：0533-6418899，手机：13905331234",
            "监督电话：12345；邮箱：zczwfw@zb.shandong.cn",
            "涉及国家秘密、商业秘密、个人隐私的政府信息不予公开。",
            "依照《中华人民共和国保守国家秘密法》进行保密审查。",
        ]
        out.append(rng.choice(items))
    return out


PROSE = [
    "为深入贯彻落实《中华人民共和国政府信息公开条例》，进一步推进决策、执行、管理、服务、结果公开，",
    "本机关坚持以公开为常态、不公开为例外，围绕群众关切的热点问题，及时发布政策文件和解读材料。",
    "全年通过政府网站、政务微博、政务微信、大厅触摸屏和电子显示屏等渠道主动公开政府信息",
    "共受理政府信息公开申请，均在法定期限内予以答复，未发生因政府信息公开引起的行政复议和行政诉讼。",
    "民生热线共受理群众诉求，办结率、满意率均达到规定要求，群众反映的问题得到及时回应。",
    "下一步，我们将进一步完善政府信息公开工作机制，加强保密审查和个人信息保护，提升公开质量。",
]


def realistic_document(size_bytes: int, seed: int = 17) -> str:
    """Disclosure-page-like prose: long Chinese sentences, codes and dates, a personal number
    every few kilobytes."""
    rng = random.Random(seed)
    negatives = negative_corpus(2000, seed)
    positives = positive_corpus(500, seed)
    parts: list[str] = []
    size = 0
    while size < size_bytes:
        paragraph = "".join(rng.choice(PROSE) for _ in range(rng.randrange(3, 8)))
        paragraph += rng.choice(negatives) + "。"
        if rng.random() < 0.3:
            paragraph += rng.choice(positives)[2]
        parts.append(paragraph)
        size += len(paragraph.encode("utf-8")) + 1
    return "\n".join(parts)
