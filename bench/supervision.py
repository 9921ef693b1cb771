"""Supervision at province scale: the console's first page for the root, the whole-province
roll-up next to one hand-written SQL aggregate of the same cells, the nightly self-check, and
the same again on a dataset twice as large.

    .venv/bin/python bench/supervision.py            # the issue's sizes: 20,000 then 40,000
                                                     # bodies, in a throwaway PostgreSQL cluster
    .venv/bin/python bench/supervision.py --scale 0.1 --items-per-body 20   # quick look
    .venv/bin/python bench/supervision.py --here     # the current database (SQLite if unset)

Targets (PostgreSQL, 20,000 bodies): console p95 < 300 ms; roll-up < 3 s and within 1.5× of
the SQL aggregate; self-check < 10 minutes; doubling the data at most doubles each time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, setup_django  # noqa: E402

HAND_SQL = """
SELECT f.key, SUM(f.value), COUNT(f.value)
FROM reports_figure f
JOIN reports_report r ON r.id = f.report_id
JOIN agencies_agency a ON a.id = r.agency_id
WHERE a.path >= %s AND a.path < %s AND a.is_active AND r.year = %s AND r.format = %s
GROUP BY f.key
"""


def _clear() -> None:
    from django.db import connection

    tables = [
        "supervision_finding",
        "supervision_bodysummary",
        "supervision_checkrun",
        "reports_figure",
        "reports_report",
        "applications_application",
        "publishing_item",
        "agencies_agency",
    ]
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute(f"TRUNCATE {', '.join(tables)} CASCADE")
        else:
            for t in tables:
                cur.execute(f"DELETE FROM {t}")


def _p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1] if len(samples) >= 2 else samples[0]


def _load() -> str:
    return "负载 " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def measure(scale: float, items: int, apps: int, runs: int) -> dict:
    from dataset import generate

    _clear()
    counts = generate(scale, items_per_body=items, applications_per_body=apps, quiet=True)
    return {**counts, **measure_loaded(runs)}


def _timed(func) -> float:
    t = time.perf_counter()
    func()
    return time.perf_counter() - t


@contextmanager
def phase_timer(spent: dict[str, float]):
    """Time each part of the self-check (summed over its chunks) by wrapping the module
    functions it calls: the one that grows faster than the data is the one to look at."""
    from gongkai.supervision import reportcheck, selfcheck, sitecheck

    targets = [
        (sitecheck, "home_and_columns"),
        (sitecheck, "guides"),
        (sitecheck, "links"),
        (sitecheck, "messages"),
        (reportcheck, "missing"),
        (reportcheck, "balance_and_jumps"),
        (selfcheck, "summaries"),
        (selfcheck, "_write"),
    ]
    saved = [(module, name, getattr(module, name)) for module, name in targets]

    def timed(name, func):
        def wrapper(*args, **kwargs):
            t = time.perf_counter()
            try:
                return func(*args, **kwargs)
            finally:
                spent[name] = spent.get(name, 0.0) + time.perf_counter() - t

        return wrapper

    for module, name, func in saved:
        setattr(module, name, timed(name, func))
    try:
        yield spent
    finally:
        for module, name, func in saved:
            setattr(module, name, func)


def measure_loaded(runs: int, rollups: int = 5) -> dict:
    """The figures on the dataset already loaded (bench/dataset.py)."""
    from dataset import NOW
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    from gongkai.agencies.models import Agency
    from gongkai.agencies.models.tree import path_upper_bound
    from gongkai.reports import services
    from gongkai.reports.formats import format_for_year
    from gongkai.supervision import selfcheck

    year = NOW.year - 1
    root = Agency.objects.get(parent__isnull=True)
    user = get_user_model().objects.filter(username="bench").first() or (
        get_user_model().objects.create_superuser("bench", "bench@example.gov.cn", "x")
    )
    client = Client()
    client.force_login(user)
    url = f"/manage/supervision/?year={year}"
    assert client.get(url).status_code == 200
    load_before = _load()
    samples = []
    for _ in range(runs):
        t = time.perf_counter()
        client.get(url)
        samples.append((time.perf_counter() - t) * 1000)
    # The last page of the body table (keyset paging reads it backwards from the end).
    last_page = []
    for _ in range(max(3, runs // 4)):
        last_page.append(_timed(lambda: client.get(url + "&last=1")) * 1000)
    fid = format_for_year(year).id
    hand: dict = {}
    rolled: list = []

    def by_hand() -> None:
        with connection.cursor() as cur:
            cur.execute(HAND_SQL, [root.path, path_upper_bound(root.path), year, fid])
            hand.update({k: (s if n else None) for k, s, n in cur.fetchall()})

    # Alternated, medians of several: neither side gets the other's warm cache.
    rollup_runs, sql_runs = [], []
    for _ in range(rollups):
        rollup_runs.append(_timed(lambda: rolled.append(services.rollup(root, year, fid))))
        sql_runs.append(_timed(by_hand))
    load_rollup = _load()
    assert all((rolled[-1].figures.get(k) or 0) == float(v or 0) for k, v in hand.items()), (
        "roll-up and SQL disagree"
    )
    # The first request of a minute also counts the region roll-up (kept 60 s): measured apart.
    from django.core.cache import cache

    cold = []
    for _ in range(max(3, runs // 4)):
        cache.clear()
        t = time.perf_counter()
        client.get(url)
        cold.append((time.perf_counter() - t) * 1000)
    load_console = _load()
    load_check = _load()
    phases: dict[str, float] = {}
    t = time.perf_counter()
    with phase_timer(phases):
        run = selfcheck.run(None, year, actor=None)
    check_s = time.perf_counter() - t
    return {
        "load_console": f"{load_before} → {load_console}",
        "load_rollup": load_rollup,
        "load_check": f"{load_check} → {_load()}",
        "console_p95_ms": round(_p95(samples), 1),
        "console_median_ms": round(statistics.median(samples), 1),
        "console_cold_ms": round(statistics.median(cold), 1),
        "console_last_ms": round(statistics.median(last_page), 1),
        "rollup_s": round(statistics.median(rollup_runs), 3),
        "rollup_runs": [round(x, 2) for x in rollup_runs],
        "sql_s": round(statistics.median(sql_runs), 3),
        "sql_runs": [round(x, 2) for x in sql_runs],
        "selfcheck_s": round(check_s, 1),
        "findings": run.findings,
        "phases": {k: round(v, 2) for k, v in phases.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = 20,000 bodies")
    parser.add_argument("--items-per-body", type=int, default=100)
    parser.add_argument("--applications-per-body", type=int, default=10)
    parser.add_argument("--runs", type=int, default=60, help="console requests (p95)")
    parser.add_argument("--here", action="store_true", help="use GONGKAI_DATABASE_URL / SQLite")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # figures appear as they are measured
    if not args.here and not os.environ.get("GONGKAI_DATABASE_URL"):
        # The targets are PostgreSQL's: run again inside a throwaway cluster.
        script = [sys.executable, __file__, "--here", *sys.argv[1:]]
        raise SystemExit(subprocess.call([str(ROOT / "scripts" / "with-postgres"), *script]))
    # The bench user signs in without an authenticator app (as in `make run`).
    os.environ["GONGKAI_2FA_REQUIRED"] = "0"
    setup_django()
    from django.db import connection

    print(f"数据库：{connection.vendor}")
    results = []
    for scale in (args.scale, args.scale * 2):
        r = measure(scale, args.items_per_body, args.applications_per_body, args.runs)
        results.append(r)
        print(
            f"机关 {r['bodies']}，信息 {r['items']}，申请 {r['applications']}，统计数 {r['figures']}"
            f"（生成 {r['seconds']} 秒）"
        )
        print(
            f"  监督首页 p95 {r['console_p95_ms']} ms（中位数 {r['console_median_ms']} ms，目标 < 300 ms）"
            f"［{r['load_console']}］"
        )
        print(f"  监督首页（区域合计未缓存，每分钟第一次）中位数 {r['console_cold_ms']} ms")
        print(f"  各单位表末页（键集分页）中位数 {r['console_last_ms']} ms")
        ratio = r["rollup_s"] / r["sql_s"] if r["sql_s"] else float("inf")
        print(
            f"  全省汇总 {r['rollup_s']} s ｜ 手写 SQL 聚合 {r['sql_s']} s ｜ 比值 {ratio:.2f}"
            f"（目标 < 3 s，≤ 1.5×；中位数，各次 {r['rollup_runs']} ｜ {r['sql_runs']}）"
            f"［{r['load_rollup']}］"
        )
        print(
            f"  网站自查 {r['selfcheck_s']} s，发现 {r['findings']} 个问题（目标 < 600 s @20,000）"
            f"［{r['load_check']}］"
        )
        print("  自查各部分（秒）：" + "，".join(f"{k} {v}" for k, v in r["phases"].items()))
    a, b = results
    for key, name in (
        ("console_p95_ms", "监督首页"),
        ("console_cold_ms", "监督首页（未缓存）"),
        ("console_last_ms", "末页"),
        ("rollup_s", "汇总"),
        ("selfcheck_s", "自查"),
    ):
        print(f"数据翻倍：{name} {a[key]} → {b[key]}（×{b[key] / a[key]:.2f}，目标 ≤ ×2）")
    for name, before in a["phases"].items():
        after = b["phases"].get(name, 0.0)
        ratio = f"×{after / before:.2f}" if before else "—"
        print(f"数据翻倍：自查 {name} {before} → {after}（{ratio}）")


if __name__ == "__main__":
    main()
