import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.rules.privacy import (
    FindingKind,
    MaskStyle,
    Scanner,
    extract_text,
    is_id18,
    mask_text,
    scan_html,
    scan_text,
)
from tests.rules.corpus import negative_corpus, positive_corpus, realistic_document

KIND = {"id": FindingKind.ID_NUMBER, "mobile": FindingKind.MOBILE, "card": FindingKind.BANK_CARD}
OWN_CONTACTS = ["0533-6418888", "0533-6418899", "13905331234", "zczwfw@zb.shandong.cn"]


def test_recall_is_at_least_99_percent_on_the_generated_corpus():
    corpus = positive_corpus(3000)
    missed = []
    for kind, number, text in corpus:
        found = [f for f in scan_text(text) if f.kind is KIND[kind]]
        if not any(f.value.endswith(number) for f in found):
            missed.append((kind, text))
    recall = 1 - len(missed) / len(corpus)
    assert recall >= 0.99, missed[:10]


def test_there_are_no_false_positives_on_codes_dates_amounts_and_own_contacts():
    scanner = Scanner(allow=OWN_CONTACTS)
    flagged = [(t, scanner.scan(t)) for t in negative_corpus(5000)]
    assert [x for x in flagged if x[1]] == []


def test_an_id_number_needs_a_valid_check_character_and_birth_date():
    assert is_id18("11010519491231002X")
    assert not is_id18("110105194912310021")  # wrong check character
    assert not is_id18("110105194902300027")  # 1949-02-30 does not exist
    assert [f.kind for f in scan_text("证号110105194912310021。")] == []


def test_old_15_digit_ids_are_found():
    (f,) = scan_text("身份证110105491231002，")
    assert f.kind is FindingKind.ID_NUMBER_OLD


def test_mobiles_with_country_code_and_separators_are_found_with_their_span():
    text = "电话：+86 138-1234-5678。"
    (f,) = scan_text(text)
    assert f.kind is FindingKind.MOBILE
    assert text[f.start : f.end] == "+86 138-1234-5678"


def test_emails_are_found_but_the_bodys_own_address_is_not():
    findings = scan_text("请发送至 li.si@example.com 或 zczwfw@zb.shandong.cn", allow=OWN_CONTACTS)
    assert [f.value for f in findings] == ["li.si@example.com"]


def test_secrecy_markings_are_found_but_not_legal_text_about_secrets():
    text = (
        "秘密★10年\n关于某事项的通知\n【内部资料】\n工作秘密\n涉及国家秘密、商业秘密的不予公开。\n机密\n"
        "内部资料 注意保存\n不宜公开的信息应当说明理由。\n绝密★启用前\n"
    )
    found = [f.text for f in scan_text(text) if f.kind is FindingKind.SECRECY]
    assert found == [
        "秘密★10年",
        "【内部资料】",
        "工作秘密",
        "机密",
        "内部资料 注意保存",
        "绝密★启用前",
    ]


def test_default_masks_keep_the_head_and_tail():
    assert mask_text("身份证号11010519491231002X") == "身份证号11*************02X"
    assert mask_text("手机13812345678。") == "手机138****5678。"


def test_mask_styles_are_configurable():
    scanner = Scanner(masks={FindingKind.ID_NUMBER: MaskStyle(6, 4, "×")})
    assert scanner.mask("11010519491231002X") == "110105××××××××002X"


def test_scan_html_reads_visible_text_only():
    html = (
        "<html><head><style>.x{}</style><script>var t='13812345678'</script></head>"
        "<body><p>联系电话：13912345678</p><p>索引号：000014349/2017-00110</p></body></html>"
    )
    findings = scan_html(html)
    assert [f.value for f in findings] == ["13912345678"]


def test_it_reads_docx_text_including_tables(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("申请人手机：13812345678")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "身份证号"
    table.rows[0].cells[1].text = "11010519491231002X"
    path = tmp_path / "a.docx"
    document.save(path)
    kinds = [f.kind for f in Scanner().scan(extract_text(path))]
    assert kinds == [FindingKind.MOBILE, FindingKind.ID_NUMBER]


def test_it_reads_the_text_layer_of_a_pdf(tmp_path):
    from weasyprint import HTML

    pdf = tmp_path / "b.pdf"
    HTML(string="<p>联系人手机：13812345678</p><p>秘密★1年</p>").write_pdf(pdf)
    findings = Scanner().scan(extract_text(pdf))
    assert [(f.kind, f.value) for f in findings] == [
        (FindingKind.MOBILE, "13812345678"),
        (FindingKind.SECRECY, "秘密★1年"),
    ]


def test_plain_text_in_gb18030_is_decoded(tmp_path):
    path = tmp_path / "c.txt"
    path.write_bytes("申请人手机：13812345678".encode("gb18030"))
    assert [f.kind for f in Scanner().scan(extract_text(path))] == [FindingKind.MOBILE]


@pytest.mark.slow
def test_it_scans_fast_enough_not_to_regress():
    # The 5 MB/s target is measured by bench/scan.py on a quiet machine. Here the suite runs
    # two workers on two cores beside other jobs, so the guard is set lower to stay honest
    # about regressions without failing on a busy machine.
    text = realistic_document(5_000_000)
    size = len(text.encode("utf-8"))
    scanner = Scanner(allow=OWN_CONTACTS)
    best = min(_timed(scanner.scan, text) for _ in range(3))
    assert size / best / 1e6 >= 1.5


def _timed(fn, arg):
    # CPU time of this process: the test machine is shared, wall time would measure the others.
    start = time.process_time()
    fn(arg)
    return time.process_time() - start


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Call 13812345678.", ["13812345678"]),
        ("合计13812345678.50元", []),
        ("No.13812345678", ["13812345678"]),
        ("编号A13812345678", []),
        ("13812345678/2026-00001", []),
        ("余额13812345678元", []),
        ("0.13812345678", []),
    ],
)
def test_boundaries_around_a_number(text, found):
    assert [f.value for f in scan_text(text)] == found


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 10**9), st.sampled_from(["id", "mobile", "card"]))
def test_masking_leaves_no_number_behind(seed, kind):
    import random

    from tests.rules.corpus import disguise, make_card, make_id, make_mobile

    rng = random.Random(seed)
    number = {"id": make_id, "mobile": make_mobile, "card": make_card}[kind](rng)
    text = "申请人联系方式：" + disguise(number, kind, rng) + "。"
    masked = mask_text(text)
    assert [f for f in scan_text(masked) if f.kind is not FindingKind.SECRECY] == []
    assert number not in masked.replace(" ", "")
