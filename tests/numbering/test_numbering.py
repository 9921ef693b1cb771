from datetime import date
from pathlib import Path

import pytest
from django.db import transaction

from gongkai.numbering.services import allocate_index_number, next_number
from gongkai.rules.indexno import IndexNumberError
from tests.factories import AgencyFactory

WORKER = Path(__file__).with_name("worker.py")


def test_numbers_start_at_one_and_follow_each_other_per_period(db):
    assert [next_number("x", "2026") for _ in range(3)] == [1, 2, 3]
    assert next_number("x", "2027") == 1
    assert next_number("y", "2026") == 1


def test_a_rolled_back_caller_leaves_no_gap(db):
    assert next_number("x", "2026") == 1
    with pytest.raises(RuntimeError), transaction.atomic():
        assert next_number("x", "2026") == 2
        raise RuntimeError("the caller failed after taking its number")
    assert next_number("x", "2026") == 2


def test_index_numbers_use_the_uscc_and_the_year(db):
    agency = AgencyFactory(uscc="11370303004937641D", org_code="")
    assert allocate_index_number(agency, date(2026, 3, 2)) == "11370303004937641D/2026-00001"
    assert allocate_index_number(agency, date(2026, 12, 31)) == "11370303004937641D/2026-00002"
    assert allocate_index_number(agency, date(2027, 1, 1)) == "11370303004937641D/2027-00001"


def test_index_numbers_fall_back_to_the_org_code_and_follow_the_pattern(db):
    agency = AgencyFactory(uscc="", org_code="000014349")
    pattern = "{code}/{year}{month:02d}-{seq:05d}"
    assert allocate_index_number(agency, date(2024, 6, 3), pattern) == "000014349/202406-00001"
    assert allocate_index_number(agency, date(2024, 7, 1), pattern) == "000014349/202407-00001"


def test_a_body_without_a_code_gets_a_clear_error(db):
    agency = AgencyFactory(uscc="", org_code="", name="某某办公室")
    with pytest.raises(IndexNumberError, match="某某办公室没有登记统一社会信用代码或组织机构代码"):
        allocate_index_number(agency, date(2026, 1, 1))
