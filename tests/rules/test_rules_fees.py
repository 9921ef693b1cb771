from decimal import Decimal

import pytest

from gongkai.rules.fees import (
    FeeError,
    FeeMethod,
    check_single_method,
    compute,
    per_page,
    per_request,
)


@pytest.mark.parametrize(
    ("n", "total"),
    [
        (0, 0),
        (1, 0),
        (10, 0),
        (11, 100),
        (30, 2000),
        (31, 2200),
        (40, 4000),
        (41, 4300),
        (45, 5500),
        (50, 7000),
        (51, 7400),
    ],
)
def test_per_request_boundaries(n, total):
    assert per_request(n).total == Decimal(total)


@pytest.mark.parametrize(
    ("n", "total"),
    [(0, 0), (30, 0), (31, 10), (100, 700), (101, 720), (200, 2700), (201, 2740), (250, 4700)],
)
def test_per_page_boundaries(n, total):
    assert per_page(n).total == Decimal(total)


def test_45_requests_in_a_month_cost_5500_with_a_line_per_band():
    fee = per_request(45)
    assert fee.total == Decimal(5500)
    assert fee.breakdown() == [
        "第1–10件：免费（10件）",
        "第11–30件：20件 × 100元/件 = 2000元",
        "第31–40件：10件 × 200元/件 = 2000元",
        "第41–45件：5件 × 300元/件 = 1500元",
    ]


def test_250_pages_cost_4700_with_a_line_per_band():
    fee = per_page(250)
    assert fee.total == Decimal(4700)
    assert [(ln.first, ln.last, ln.unit_price, ln.amount) for ln in fee.lines] == [
        (1, 30, 0, 0),
        (31, 100, 10, 700),
        (101, 200, 20, 2000),
        (201, 250, 40, 2000),
    ]


def test_amounts_are_decimals():
    assert isinstance(per_page(31).total, Decimal)


def test_negative_counts_are_rejected():
    with pytest.raises(FeeError, match="不能为负数"):
        per_page(-1)
    with pytest.raises(FeeError, match="不能为负数"):
        per_request(-5)


def test_an_application_is_never_charged_both_ways():
    check_single_method([FeeMethod.PER_PAGE, "per_page"])
    with pytest.raises(FeeError, match="只能选择按件或按量一种方式"):
        check_single_method(["per_page", "per_request"])


def test_unknown_methods_are_rejected():
    with pytest.raises(FeeError, match="未知的计费方式"):
        compute("per_kilo", 3)
    assert compute("per_request", 11).total == Decimal(100)
