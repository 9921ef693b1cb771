from datetime import date

import pytest

from gongkai.rules.indexno import (
    IndexNumberError,
    format_index_number,
    parse_index_number,
    period_for,
)


def test_the_default_pattern_is_code_slash_year_dash_five_digits():
    assert (
        format_index_number("11370303004937641D", date(2026, 3, 2), 7)
        == "11370303004937641D/2026-00007"
    )


def test_a_monthly_pattern_numbers_per_month():
    pattern = "{code}/{year}{month:02d}-{seq:05d}"
    assert period_for(date(2024, 6, 3), pattern) == "202406"
    assert period_for(date(2024, 6, 3)) == "2024"
    assert (
        format_index_number("11341703003249434A", date(2024, 6, 3), 42, pattern)
        == "11341703003249434A/202406-00042"
    )


def test_bad_patterns_and_inputs_are_rejected_in_chinese():
    with pytest.raises(IndexNumberError, match="索引号格式"):
        format_index_number("000014349", date(2026, 1, 1), 1, "{code}/{yr}")
    with pytest.raises(IndexNumberError, match="统一社会信用代码或组织机构代码"):
        format_index_number("", date(2026, 1, 1), 1)
    with pytest.raises(IndexNumberError, match="流水号"):
        format_index_number("000014349", date(2026, 1, 1), 0)


@pytest.mark.parametrize(
    ("raw", "code", "year", "month", "seq"),
    [
        ("000014349/2017-00110", "000014349", 2017, None, 110),
        ("014416330/2018-04736", "014416330", 2018, None, 4736),
        ("00000001/2018-00042", "00000001", 2018, None, 42),
        ("00835003X/2015-00018", "00835003X", 2015, None, 18),
        ("11341703003249434A/202406-00042", "11341703003249434A", 2024, 6, 42),
        ("1137078555222300XQ/2015-00020", "1137078555222300XQ", 2015, None, 20),
        ("01527918X-2020-153077", "01527918X", 2020, None, 153077),
        ("0142768-8/2022-00185", "01427688", 2022, None, 185),
        ("035210000/2019-00001", "035210000", 2019, None, 1),  # local code: checksum fails, kept
    ],
)
def test_it_parses_the_published_patterns(raw, code, year, month, seq):
    parsed = parse_index_number(raw)
    assert (parsed.code, parsed.year, parsed.month, parsed.seq) == (code, year, month, seq)
    assert parsed.parsed and parsed.raw == raw


def test_unknown_patterns_are_kept_raw():
    parsed = parse_index_number("330200-01-A1-001-20240105-0003")
    assert not parsed.parsed
    assert parsed.raw == "330200-01-A1-001-20240105-0003"
    assert not parse_index_number("11341703003249434A/202413-00042").parsed
