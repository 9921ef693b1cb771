"""Shared bits of the benchmarks: Django on a throwaway database, medians, both databases."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django() -> None:
    """Django on GONGKAI_DATABASE_URL if set (PostgreSQL run), else on a temporary SQLite file."""
    sys.path.insert(0, str(ROOT))
    if not os.environ.get("GONGKAI_DATABASE_URL"):
        tmp = tempfile.mkdtemp(prefix="gongkai-bench-")
        os.environ["GONGKAI_DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    os.environ.setdefault("GONGKAI_VAR_DIR", tempfile.mkdtemp(prefix="gongkai-bench-var-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)


def median_ms(
    func: Callable[[], object], runs: int = 15, warmup: int = 2
) -> tuple[float, list[float]]:
    for _ in range(warmup):
        func()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), samples


def run_on_both_databases(script: str, extra: list[str] | None = None) -> int:
    """Run `script --here` on SQLite, then again inside a throwaway PostgreSQL cluster."""
    extra = extra or []
    code = subprocess.call(
        [sys.executable, script, "--here", *extra], env={**os.environ, "GONGKAI_DATABASE_URL": ""}
    )
    code |= subprocess.call(
        [str(ROOT / "scripts" / "with-postgres"), sys.executable, script, "--here", *extra]
    )
    return code
