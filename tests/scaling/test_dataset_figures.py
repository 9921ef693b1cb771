"""The province benchmark's reports balance as real ones do, except the few with a planted
mistyped cell: the self-check bench measures a province that looks like one."""

import importlib.util
import random
from pathlib import Path

from gongkai.reports.formats import get
from gongkai.reports.validate import validate

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _dataset():
    import sys

    sys.path.insert(0, str(BENCH))  # dataset.py imports its sibling common.py
    spec = importlib.util.spec_from_file_location("bench_dataset", BENCH / "dataset.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_reports_balance_except_the_planted_ones():
    dataset = _dataset()
    fmt = get("2021")
    keys = fmt.cell_keys()
    template = dataset.report_template("2021")
    assert template is not None
    assert validate(fmt, {k: template.get(k) for k in keys}) == []
    rng = random.Random(7)
    reports = [dataset.body_figures(rng, keys, template) for _ in range(2000)]
    assert {frozenset(r) for r in reports} == {frozenset(keys)}
    failing = sum(1 for r in reports if validate(fmt, r))
    expected = dataset.UNBALANCED * len(reports)
    # A planted cell that no rule reads leaves its report balanced, so somewhat fewer fail.
    assert 0.5 * expected <= failing <= 1.2 * expected
    # Scaled, not copied: bodies differ in size.
    busy = next(k for k in keys if template.get(k))
    assert len({r[busy] for r in reports}) > 1


def test_formats_without_a_template_get_random_figures():
    dataset = _dataset()
    assert dataset.report_template("2019") is None
    keys = get("2019").cell_keys()
    figures = dataset.body_figures(random.Random(1), keys, None)
    assert set(figures) == set(keys)
    assert all(0 <= v <= 30 for v in figures.values())
