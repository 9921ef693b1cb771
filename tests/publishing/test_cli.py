from decimal import Decimal

import pytest
from openpyxl import Workbook

from gongkai.cli import main
from gongkai.publishing import figures
from tests.publishing.helpers import published

pytestmark = pytest.mark.django_db


def run(args):
    with pytest.raises(SystemExit) as info:
        main(args)
    return info.value.code


def _xlsx(tmp_path, rows):
    book = Workbook()
    sheet = book.active
    sheet.append(["年度", "月份", "指标", "数值"])
    for row in rows:
        sheet.append(row)
    path = tmp_path / "第二部分.xlsx"
    book.save(path)
    return path


def test_import_section2_from_a_spreadsheet(tmp_path, agency_a, officer_a, capsys):
    path = _xlsx(tmp_path, [[2021, 1, "行政许可处理决定数量", 5], [2021, 2, "license.decisions", 7],
                            [2021, 0, "fees.amount", "1.5"]])  # fmt: skip
    assert run(["publishing", "import-section2", str(path), "--agency", agency_a.code,
                "--user", officer_a.username]) == 0  # fmt: skip
    f = figures.contribute([agency_a.pk], 2021, "2021")
    assert f["pub.license.decisions"] == 12 and f["pub.fees.amount"] == Decimal("1.5")


def test_a_bad_row_rejects_the_whole_file_with_one_chinese_line(
    tmp_path, agency_a, officer_a, capsys
):
    path = _xlsx(tmp_path, [[2021, 1, "license.decisions", 5], [2021, 2, "不存在的指标", 7]])
    assert run(["publishing", "import-section2", str(path), "--agency", agency_a.code,
                "--user", officer_a.username]) == 2  # fmt: skip
    err = capsys.readouterr().err.strip()
    assert "第 3 行" in err and "\n" not in err
    assert figures.contribute([agency_a.pk], 2021, "2021") == {}


def test_import_refuses_a_user_without_the_edit_capability(tmp_path, agency_a, leader_a, capsys):
    path = _xlsx(tmp_path, [[2021, 1, "license.decisions", 5]])
    assert run(["publishing", "import-section2", str(path), "--agency", agency_a.code,
                "--user", leader_a.username]) == 2  # fmt: skip
    assert "权限" in capsys.readouterr().err


def test_reindex_rebuilds_the_search_index(agency_a, officer_a, leader_a, capsys):
    from gongkai.publishing import search
    from gongkai.publishing.models import SearchEntry

    published(agency_a, officer_a, leader_a, title="政务公开重建索引")
    SearchEntry.objects.all().delete()
    assert search.search("政务").total == 0
    assert run(["publishing", "reindex"]) == 0
    assert search.search("政务").total == 1
