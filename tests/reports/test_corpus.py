"""Hand-made variants: pdftotext layout with page breaks, label variants and misprints, merged
cells, blanks, 元 instead of 万元, broken balances, plain-text renders through pdftotext."""

import shutil
import subprocess
from pathlib import Path

import pytest

from gongkai.reports.document import ReportData
from gongkai.reports.formats import get
from gongkai.reports.parse import parse_bytes, parse_file, parse_text
from gongkai.reports.render import render

DATA = Path(__file__).parent / "data"


def test_a_pdftotext_layout_table_broken_across_pages_parses():
    r = parse_file(DATA / "layout_2014_broken.txt")
    f = r.figures
    assert (r.format, r.year, r.agency) == ("2014", 2016, "淄博市某某局")
    # label broken over two lines, value on the second
    assert f["pub.total"] == 120
    # blanks stay null
    assert f["pub.other"] is None and f["resp.other"] is None and f["org.visitors"] is None
    # misprinted (稳私) and variant (情况) labels
    assert f["req.refused.privacy"] == 1 and f["req.refused.other_law"] == 0
    # rows after the page break, footer and repeated header
    assert f["req.not_this_agency"] == 0 and f["review.total"] == 1
    # repeated labels resolved by their order
    assert (f["review.upheld"], f["complaint.upheld"], f["complaint.corrected"]) == (1, 1, 1)
    assert f["train.trainees"] == 40
    # 25000 元 → 2.5 万元
    assert f["org.budget"] == 2.5
    assert any("万元" in n for n in r.notes)
    assert r.problems == []
    assert r.unplaced == []


def test_an_html_report_with_label_variants_and_merged_cells_parses():
    r = parse_file(DATA / "variants_2021.html")
    f = r.figures
    assert (r.format, r.year, r.agency) == ("2021", 2024, "淮安市洪泽区人民政府")
    assert f["req.new.person"] == 95 - 5 and f["req.new.total"] == 95
    assert f["req.carried.total"] is None  # printed blank
    assert f["req.partial.total"] == 11  # 只计这一情况 variant
    assert f["req.withheld.law_prohibited.total"] == 0  # 其他法律行政止公开 misprint
    assert f["req.withheld.internal.total"] == 0  # 三类内容事务信息 variant
    assert f["req.other.no_supplement.total"] == 3  # ， instead of 、
    assert f["req.total.total"] == 94 and f["req.carry_forward.total"] == 1
    assert f["pub.license.decisions"] == 1520 and f["pub.coercion.decisions"] is None
    assert f["pub.fees.amount"] == 7545.0  # printed in 元
    assert f["appeal.review.total"] == 3 and f["appeal.suit_after_review.total"] is None
    assert r.problems == []


def test_a_broken_balance_in_an_html_report_gets_the_rule_ids():
    html = (DATA / "variants_2021.html").read_text()
    html = html.replace("<td>42</td>", "<td>43</td>", 1)  # (一) total off by one
    r = parse_bytes(html.encode(), "x.html")
    assert {p.rule for p in r.problems} == {"R2021.2", "R2021.3"}


def _figures(fid, seed=7):
    import random

    rnd = random.Random(seed)
    fmt = get(fid)
    return {
        k: (round(rnd.uniform(0, 500), 2) if fmt.is_money(k) else rnd.randint(0, 900))
        for k in fmt.cell_keys()
    }


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")
@pytest.mark.parametrize("fid", ["2014", "2019", "2021"])
def test_pdftotext_layout_of_a_rendered_pdf_parses(fid, tmp_path):
    data = ReportData(
        fid, {"2014": 2017, "2019": 2020, "2021": 2023}[fid], "淄博市测试局", _figures(fid)
    )
    pdf = render(data, "pdf")
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout
    assert b"\f" in text  # really broken across pages
    r = parse_bytes(text, "report.txt")
    assert r.format == fid and r.year == data.year and r.agency == "淄博市测试局"
    assert r.figures == data.complete_figures()


def test_a_2019_text_report_keeps_negative_changes_and_converts_yuan():
    fmt = get("2019")
    figures = {k: 0 for k in fmt.cell_keys()}
    figures.update(
        {"pub.license.prev_items": 12, "pub.license.change": -3, "pub.procurement.amount": 12.5}
    )
    text = render(ReportData("2019", 2020, "舟山市测试局", figures), "txt").decode()
    text = text.replace("采购总金额", "采购总金额（元）").replace("| 12.5 |", "| 125000 |")
    r = parse_text(text)
    assert r.format == "2019"
    assert r.figures["pub.license.change"] == -3
    assert r.figures["pub.procurement.amount"] == 12.5
