"""Gap-free numbering under real concurrency: processes that commit for real.

Kept apart from test_numbering.py: a transactional test empties the database when it ends
(migration data included), so its file must hold no other database tests (tests/conftest.py).
"""

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from django.db import connection

from gongkai.numbering.models import Sequence

WORKER = Path(__file__).with_name("worker.py")


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
