import pytest


@pytest.fixture(autouse=True)
def _agencies_have_codes(agency_a, agency_b):
    # A 索引号 needs the body's 统一社会信用代码 (gongkai.numbering); test bodies get valid ones.
    agency_a.uscc = "11370306999999998N"
    agency_a.save(update_fields=["uscc"])
    agency_b.uscc = "11370306999999971Y"
    agency_b.save(update_fields=["uscc"])
