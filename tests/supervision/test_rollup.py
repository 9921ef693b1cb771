"""The roll-up in the official layout: printed labels, a cell's contributing bodies, the
bodies left out with reasons, XLSX in the same layout."""

import datetime as dt
import io

import pytest

from gongkai.reports.models import Figure, ReportStatus

from .world import report

URL = "/manage/supervision/rollup/"


@pytest.fixture
def rolled(agency_parent, agency_a, agency_b):
    for body, total, status in (
        (agency_a, 3, ReportStatus.PUBLISHED),
        (agency_parent, 4, ReportStatus.DRAFT),
    ):
        r = report(body, 2017, status, published=dt.date(2018, 1, 20))
        Figure.objects.create(report=r, key="archive.total", value=total, provenance="entered")
    return agency_parent


def test_the_table_is_laid_out_as_printed_and_sums_the_cell(client_for, supervisor, rolled):
    page = client_for(supervisor).get(URL, {"year": 2017}).content.decode()
    assert "七、向图书馆、档案馆等查阅场所报送信息数" in page  # the printed row label
    assert "archive.total</a>" not in page
    cell = page[page.index('data-cell="archive.total"') :].split("</td>")[0]
    assert ">7</a>" in cell


def test_a_cell_lists_the_bodies_that_contribute(client_for, supervisor, rolled):
    page = client_for(supervisor).get(URL, {"year": 2017, "cell": "archive.total"}).content.decode()
    section = page[page.index('id="cell"') : page.index("</section>")]
    assert section.index("测试区人民政府") < section.index("测试区甲局")  # largest first
    assert "测试区乙局" not in section


def test_bodies_left_out_are_listed_with_reasons(client_for, supervisor, rolled):
    page = client_for(supervisor).get(URL, {"year": 2017}).content.decode()
    left = page[page.index('id="left-out"') :]
    assert "测试区乙局</td><td>没有2017年度年报，未计入" in left
    assert "测试区人民政府</td><td>年报草稿、未审定，已计入但数字可能变化" in left


def test_the_export_keeps_the_official_layout(client_for, supervisor, rolled):
    from openpyxl import load_workbook

    response = client_for(supervisor).get(URL, {"year": 2017, "export": "xlsx"})
    wb = load_workbook(io.BytesIO(response.content))
    found = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            if row and row[0] == "七、向图书馆、档案馆等查阅场所报送信息数":
                found["row"] = row
    assert found["row"][-1] == 7
    assert wb.worksheets[0]["A1"].value.startswith("测试区人民政府及所辖单位2017年")
