"""A report in the contract's JSON shape reads back like any other file."""

import json
from pathlib import Path

import pytest

from gongkai.reports.parse import ParseError, parse_bytes, parse_file

SEED = (
    Path(__file__).parent / "data" / "seed_2017.txt"
)  # a copy of shared/seed, so the tests stand alone


def test_the_json_of_a_parsed_report_parses_back_to_the_same_figures(tmp_path):
    seed = parse_file(SEED)
    doc = {
        "format": seed.format,
        "year": seed.year,
        "agency": seed.agency,
        "figures": seed.figures,
        "problems": [],
    }
    path = tmp_path / "seed.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    again = parse_file(path)
    assert (again.format, again.year, again.agency) == (seed.format, seed.year, seed.agency)
    assert again.figures == seed.figures
    assert again.problems == []


def test_a_broken_balance_in_json_gets_its_rule_id(tmp_path):
    seed = parse_file(SEED)
    figures = {**seed.figures, "req.in_person": 4}
    data = json.dumps({"format": "2014", "year": 2017, "figures": figures}).encode()
    result = parse_bytes(data, "broken.json")
    assert "R2014.1" in {p.rule for p in result.problems}


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        ({"format": "2030", "figures": {}}, "未知"),
        ({"format": "2014"}, "缺少 figures"),
        ({"format": "2014", "figures": {"no.such.key": 1}}, "没有的键"),
        ({"format": "2014", "figures": {"pub.total": "many"}}, "不是数字"),
    ],
)
def test_bad_json_reports_say_what_is_wrong(doc, message):
    with pytest.raises(ParseError) as info:
        parse_bytes(json.dumps(doc).encode(), "x.json")
    assert message in str(info.value)


def test_text_that_is_not_json_is_explained():
    with pytest.raises(ParseError) as info:
        parse_bytes(b"{not json", "x.json")
    assert "不是有效的 JSON" in str(info.value)
