"""Formats as data: keys exactly as in report-keys.md, layouts consistent."""

import pytest

from gongkai.reports.formats import FORMATS, format_for_year, get
from gongkai.reports.layout import build_grid

REQ_ROWS_2021 = [
    "new",
    "carried",
    "granted",
    "partial",
    "withheld.state_secret",
    "withheld.law_prohibited",
    "withheld.security",
    "withheld.third_party",
    "withheld.internal",
    "withheld.process",
    "withheld.enforcement",
    "withheld.inquiry",
    "unavailable.not_held",
    "unavailable.needs_creation",
    "unavailable.unclear",
    "declined.petition",
    "declined.repeat",
    "declined.publication",
    "declined.abusive",
    "declined.confirmation",
    "other.no_supplement",
    "other.unpaid",
    "other.other",
    "total",
    "carry_forward",
]
COLS = ["person", "business", "research", "nonprofit", "legal", "other_org", "total"]
APPEAL = [
    f"appeal.{b}.{c}"
    for b in ("review", "suit_direct", "suit_after_review")
    for c in ("upheld", "corrected", "other", "pending", "total")
]


def test_the_2021_format_has_exactly_the_contract_keys():
    pub = [
        "pub.rules.issued", "pub.rules.repealed", "pub.rules.in_force",
        "pub.normative.issued", "pub.normative.repealed", "pub.normative.in_force",
        "pub.license.decisions", "pub.penalty.decisions", "pub.coercion.decisions",
        "pub.fees.amount",
    ]  # fmt: skip
    req = [f"req.{r}.{c}" for r in REQ_ROWS_2021 for c in COLS]
    assert get("2021").cell_keys() == pub + req + APPEAL


def test_the_2019_format_has_other_as_one_row():
    keys = get("2019").cell_keys()
    assert "req.other.person" in keys and "req.other.total" in keys
    assert "req.other.other.person" not in keys and "req.other.no_supplement.total" not in keys
    assert len(keys) == 22 + 23 * 7 + 15
    assert "pub.procurement.amount" in keys and "pub.license.change" in keys


def test_the_2014_format_has_64_keys_in_table_order():
    keys = get("2014").cell_keys()
    assert len(keys) == 64
    assert keys[0] == "pub.total" and keys[-1] == "train.trainees"
    assert "req.refused.other_law" in keys and "org.budget" in keys


@pytest.mark.parametrize(
    "year,fid",
    [
        (2015, "2014"),
        (2018, "2014"),
        (2019, "2019"),
        (2020, "2019"),
        (2021, "2021"),
        (2025, "2021"),
    ],
)
def test_the_format_defaults_by_year(year, fid):
    assert format_for_year(year).id == fid


def test_the_request_table_merges_its_result_group_over_22_rows():
    fmt = get("2021")
    grid = build_grid(fmt, fmt.table("req"), {})
    group = next(c for c in grid.cells if c.text == "三、本年度办理结果")
    assert group.rowspan == 22
    header = next(c for c in grid.cells if c.text == "法人或其他组织")
    assert header.colspan == 5


@pytest.mark.parametrize("fid", sorted(FORMATS))
def test_every_rule_names_only_keys_of_its_format(fid):
    fmt = get(fid)
    keys = set(fmt.cell_keys())
    for rule in fmt.rules:
        for check in rule.checks:
            for term in (*check.left, *check.right):
                assert term.key in keys, (rule.id, term.key)
