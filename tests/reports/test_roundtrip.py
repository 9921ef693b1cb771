"""Round trip for every format: figures → DOCX/PDF/HTML/text → parse → the same figures."""

import shutil
import subprocess

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.reports.document import ReportData
from gongkai.reports.formats import get
from gongkai.reports.parse import parse_bytes
from gongkai.reports.render import render

YEARS = {"2014": 2017, "2019": 2020, "2021": 2023}


@st.composite
def figures(draw, fid, blanks=True):
    fmt = get(fid)
    out = {}
    for k in fmt.cell_keys():
        if blanks and draw(st.integers(0, 4)) == 0:
            out[k] = None
        elif fmt.is_money(k):
            out[k] = draw(st.integers(0, 10_000_000)) / 100
        elif k in fmt.signed_keys:
            out[k] = draw(st.integers(-500, 500))
        else:
            out[k] = draw(st.integers(0, 99_999))
    return out


def _check(fid, figs, kind):
    data = ReportData(fid, YEARS[fid], "淄博市周村区测试局", figs)
    r = parse_bytes(render(data, kind), f"report.{kind}")
    assert (r.format, r.year, r.agency) == (fid, data.year, "淄博市周村区测试局")
    assert r.figures == data.complete_figures()
    assert r.unplaced == []


@pytest.mark.parametrize("kind", ["txt", "html", "docx"])
@pytest.mark.parametrize("fid", ["2014", "2019", "2021"])
@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_figures_survive_a_round_trip(fid, kind, data):
    _check(fid, data.draw(figures(fid, blanks=data.draw(st.booleans()))), kind)


@pytest.mark.parametrize("fid", ["2014", "2019", "2021"])
@settings(max_examples=3, deadline=None)
@given(data=st.data())
def test_figures_survive_a_pdf_round_trip(fid, data):
    _check(fid, data.draw(figures(fid)), "pdf")


def _soffice(tmp_path, src, target):
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            target,
            "--outdir",
            str(tmp_path),
            str(src),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice not installed")
def test_libreoffice_opens_the_docx_and_sees_the_table(tmp_path):
    fmt = get("2021")
    figs = {k: i for i, k in enumerate(fmt.cell_keys())}
    figs["req.carried.legal"] = None
    data = ReportData("2021", 2023, "淄博市周村区测试局", figs)
    src = tmp_path / "r.docx"
    src.write_bytes(render(data, "docx"))
    _soffice(tmp_path, src, "txt:Text")
    lines = [ln.strip() for ln in (tmp_path / "r.txt").read_text(encoding="utf-8-sig").splitlines()]
    for label in (
        "三、本年度办理结果",
        "法人或其他组织",
        "（三）不予公开",
        "4.保护第三方合法权益",
        "复议后起诉",
    ):
        assert label in lines
    # the cells of a row follow its label in order
    at = lines.index("4.保护第三方合法权益")
    first = fmt.cell_keys().index("req.withheld.third_party.person")
    assert lines[at + 1 : at + 8] == [str(first + i) for i in range(7)]
    # LibreOffice's own PDF of the DOCX reads back to the same figures
    _soffice(tmp_path, src, "pdf")
    r = parse_bytes((tmp_path / "r.pdf").read_bytes(), "r.pdf")
    assert r.figures == data.complete_figures()


def test_the_xlsx_keeps_merged_headers_and_numeric_cells():
    import io

    from openpyxl import load_workbook

    fmt = get("2021")
    figs = {k: i for i, k in enumerate(fmt.cell_keys())}
    figs["pub.fees.amount"] = 12.5
    figs["req.carried.legal"] = None
    wb = load_workbook(io.BytesIO(render(ReportData("2021", 2023, "测试局", figs), "xlsx")))
    ws = wb["三、收到和处理政府信息公开申请情况"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert "A7:A28" in merged  # 三、本年度办理结果 spans its 22 rows
    values = [c.value for row in ws.iter_rows() for c in row]
    assert "法人或其他组织" in values and "4.保护第三方合法权益" in values
    row = next(r for r in ws.iter_rows() if r[0].value == "二、上年结转政府信息公开申请数量")
    cells = [c.value for c in row]
    assert cells[3] == figs["req.carried.person"] and cells[7] is None  # blank stays blank
    fees = wb["第二十条第（八）项"]
    assert 12.5 in [c.value for row in fees.iter_rows() for c in row]
