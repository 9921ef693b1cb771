"""`gongkai report parse|validate|compare` on files: exit codes, JSON with real Chinese."""

import json
from pathlib import Path

import pytest

from gongkai.cli import main

DATA = Path(__file__).parent / "data"
SEED = str(DATA / "seed_2017.txt")


def run(capsys, *args):
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    out, err = capsys.readouterr()
    return exc.value.code, out, err


def test_parse_json_prints_the_contract_shape_with_real_chinese(capsys):
    code, out, _ = run(capsys, "report", "parse", SEED, "--json")
    assert code == 0
    assert "周村区政务服务中心管理办公室" in out and "\\u" not in out
    data = json.loads(out)
    assert list(data) == ["format", "year", "agency", "figures", "cells", "problems", "missing"]
    assert data["cells"]["pub.total"] == {
        "value": 204,
        "status": "read",
        "source": data["cells"]["pub.total"]["source"],
    }
    assert data["cells"]["org.visitors"]["status"] == "blank"
    assert (data["format"], data["year"]) == ("2014", 2017)
    assert data["figures"]["pub.total"] == 204 and data["figures"]["org.visitors"] is None
    assert data["problems"] == []


def test_validate_exits_1_and_lists_error_rules(capsys, tmp_path):
    broken = tmp_path / "broken.txt"
    text = (DATA / "layout_2014_broken.txt").read_text()
    broken.write_text(
        text.replace(
            "（一）收到申请数                                              件            3",
            "（一）收到申请数                                              件            4",
        )
    )
    code, out, _ = run(capsys, "report", "validate", str(broken))
    assert code == 1
    assert "R2014.1" in out and "差 1" in out


def test_validate_exits_0_on_a_balanced_report(capsys):
    code, out, _ = run(capsys, "report", "validate", SEED)
    assert code == 0 and "校验通过" in out


@pytest.mark.parametrize(
    "content,name,message",
    [
        (b"hello", "x.pdf", "不是有效的 PDF"),
        ("随便写的一段话。".encode(), "x.txt", "不是政府信息公开年度报告"),
    ],
)
def test_bad_input_exits_2_with_one_chinese_line(capsys, tmp_path, content, name, message):
    p = tmp_path / name
    p.write_bytes(content)
    code, out, err = run(capsys, "report", "parse", str(p))
    assert code == 2
    assert message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_an_unknown_format_is_bad_input(capsys):
    code, _, err = run(capsys, "report", "parse", SEED, "--format", "2030")
    assert code == 2 and "未知的年报格式" in err


def test_compare_two_files_reports_differences_and_jumps(capsys):
    code, out, _ = run(
        capsys, "report", "compare", SEED, str(DATA / "layout_2014_broken.txt"), "--json"
    )
    assert code == 0
    keys = {d["key"]: d for d in json.loads(out)["keys"]}
    assert keys["pub.total"]["diff"] == 120 - 204
    assert keys["resp.total"]["flag"] == "jump"
    assert keys["pub.other"]["flag"] == "blank"


def test_parse_json_reports_conversions_on_stderr(capsys):
    code, out, err = run(capsys, "report", "parse", str(DATA / "layout_2014_broken.txt"), "--json")
    assert code == 0
    assert json.loads(out)["figures"]["org.budget"] == 2.5
    assert "换算为万元" in err


def _report_file(tmp_path, year: int, figures: dict, agency: str = "测试局") -> str:
    from gongkai.reports.document import ReportData
    from gongkai.reports.formats import get
    from gongkai.reports.render import render

    cells = {k: None for k in get("2021").cell_keys()} | figures
    path = tmp_path / f"{year}.json"
    path.write_bytes(render(ReportData("2021", year, agency, cells), "json"))
    return str(path)


CARRIED_2 = {
    "req.carried.person": 2,
    "req.carried.total": 2,
    "req.total.person": 2,
    "req.total.total": 2,
    "req.granted.person": 2,
    "req.granted.total": 2,
}


def test_validate_with_last_years_file_checks_the_carry_over(capsys, tmp_path):
    this = _report_file(tmp_path, 2024, CARRIED_2)
    code, out, _ = run(capsys, "report", "validate", this)
    assert code == 0 and "校验通过" in out  # alone, nothing to compare with
    wrong = _report_file(
        tmp_path, 2023, {"req.carry_forward.person": 3, "req.carry_forward.total": 3}
    )
    code, out, _ = run(capsys, "report", "validate", this, "--previous", wrong)
    assert code == 0  # a warning, not an error
    assert "R2021.5" in out and "差 1" in out
    right = _report_file(
        tmp_path, 2023, {"req.carry_forward.person": 2, "req.carry_forward.total": 2}
    )
    code, out, _ = run(capsys, "report", "validate", this, "--previous", right)
    assert code == 0 and "校验通过" in out


def test_validate_refuses_a_previous_report_of_another_year(capsys, tmp_path):
    this = _report_file(tmp_path, 2024, CARRIED_2)
    older = _report_file(tmp_path, 2022, {})
    code, _, err = run(capsys, "report", "validate", this, "--previous", older)
    assert code == 2 and "上年报告应为 2023 年的" in err
