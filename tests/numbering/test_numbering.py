import os
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from django.db import connection, transaction

from gongkai.numbering.models import Sequence
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


def _database_url(tmp_path: Path) -> str:
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        url = f"sqlite:///{tmp_path / 'numbers.sqlite3'}"
        subprocess.run(
            [sys.executable, str(WORKER), "--migrate"],
            env={**os.environ, "GONGKAI_DATABASE_URL": url},
            check=True,
        )
        return url
    # PostgreSQL: the workers use the test database itself (this test commits for real).
    auth = settings["USER"] + (f":{settings['PASSWORD']}" if settings["PASSWORD"] else "")
    host = settings["HOST"] or "localhost"
    port = f":{settings['PORT']}" if settings["PORT"] else ""
    return f"postgres://{auth}@{host}{port}/{settings['NAME']}"


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_8_processes_taking_500_numbers_each_get_4000_distinct_gap_free_numbers(tmp_path):
    url = _database_url(tmp_path)
    env = {**os.environ, "GONGKAI_DATABASE_URL": url}
    processes = [
        subprocess.Popen(
            [sys.executable, str(WORKER), "race", "500", "2026", "2027"],
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(8)
    ]
    lines = []
    for p in processes:
        out, _ = p.communicate(timeout=600)
        assert p.returncode == 0
        lines += out.split()
    pairs = list(zip(lines[::2], (int(n) for n in lines[1::2]), strict=True))
    assert len(pairs) == 4000
    assert len(set(pairs)) == 4000
    per_period = Counter(period for period, _ in pairs)
    assert per_period == {"2026": 2000, "2027": 2000}
    for period in ("2026", "2027"):
        assert sorted(n for p, n in pairs if p == period) == list(range(1, 2001))
    if connection.vendor != "sqlite":
        assert Sequence.objects.get(scope="race", period="2026").last == 2000
