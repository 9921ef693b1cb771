"""`gongkai supervision status|check`."""

import datetime as dt
import json

import pytest

from gongkai.cli import main
from gongkai.reports.models import ReportStatus

from .world import report


def run(capsys, *args):
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    out, err = capsys.readouterr()
    return exc.value.code, out, err


def test_status_prints_one_entry_per_body(capsys, agency_parent, agency_a, agency_b):
    report(agency_a, 2024, ReportStatus.PUBLISHED, published=dt.date(2025, 1, 20))
    code, out, _ = run(
        capsys, "supervision", "status", "--under", "测试区人民政府", "--year", "2024", "--json"
    )
    assert code == 0
    data = {d["code"]: d for d in json.loads(out)}
    assert set(data) == {"parent", "body-a", "body-b"}
    assert list(data["body-a"]) == [
        "code",
        "name",
        "level",
        "report_status",
        "deadline",
        "days_late",
        "problems",
        "overdue_applications",
        "stale_columns",
    ]
    assert (data["body-a"]["report_status"], data["body-a"]["days_late"]) == ("已发布", 0)
    assert data["body-b"]["report_status"] == "未开始" and data["body-b"]["days_late"] > 0
    code, out, _ = run(capsys, "supervision", "status", "--under", "parent", "--year", "2024")
    assert out.splitlines()[0].startswith("code,name,level") and len(out.splitlines()) == 4


def test_bad_input_is_one_chinese_line(capsys, agency_parent):
    code, _, err = run(capsys, "supervision", "status", "--under", "nowhere", "--year", "2024")
    assert code == 2 and "找不到机关" in err
    code, _, err = run(capsys, "supervision", "status", "--under", "parent", "--year", "1999")
    assert code == 2 and "年度无效" in err


def test_check_reports_findings_with_exit_code_1(capsys, agency_parent):
    code, out, _ = run(capsys, "supervision", "check", "--under", "parent", "--year", "2024")
    assert code == 1 and "自查完成：检查 1 个机关" in out
