"""Supervision at province scale: the console's first page for the root, the whole-province
roll-up next to one hand-written SQL aggregate of the same cells, the nightly self-check (a
first night that checks every report, and an ordinary night after 2 % of the year's reports
changed, which keeps the other reports' findings), and the same again on a dataset twice as
large. Both datasets stay loaded (two databases) and the rounds alternate between them, each in
a fresh process, so a machine that gets busier halfway weighs on both sizes alike; the figures
are medians over the rounds.

    .venv/bin/python bench/supervision.py            # the issue's sizes: 20,000 and 40,000
                                                     # bodies, in a throwaway PostgreSQL cluster
    .venv/bin/python bench/supervision.py --scale 0.1 --items-per-body 20   # quick look
    .venv/bin/python bench/supervision.py --here     # GONGKAI_DATABASE_URL (emptied) and a new
                                                     # <name>_x2 beside it; SQLite files if unset

Targets (PostgreSQL, 20,000 bodies): console p95 < 300 ms; roll-up < 3 s and within 1.5× of
the SQL aggregate; self-check < 10 minutes; doubling the data at most doubles each time.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

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
        "supervision_reportcheck",
        "reports_rollupcache",
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


def generate_here(scale: float, items: int, apps: int) -> dict:
    from dataset import generate
    from django.db import DatabaseError, connection

    _clear()
    counts = generate(scale, items_per_body=items, applications_per_body=apps, quiet=True)
    if connection.vendor == "postgresql":
        # Write the load out now: otherwise the checkpointer spreads gigabytes of it over the
        # next minutes, into the first round of the larger size (roll-up 2.9 s instead of 1.8).
        try:
            with connection.cursor() as cur:
                cur.execute("CHECKPOINT")
        except DatabaseError:
            print("（没有 CHECKPOINT 权限：第一轮可能偏慢）", file=sys.stderr)
    os.sync()
    return counts


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


RESHUFFLE = 50  # one report in 50 changes between the two nights of a round


def change_some_reports(year: int, one_in: int, share: int) -> int:
    """Raise one figure in every `one_in`-th report of `year` (those whose id leaves `share`):
    an ordinary write, so the figure trigger raises each report's revision."""
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(
            """UPDATE reports_figure SET value = value + 1 WHERE id IN (
                 SELECT MIN(f.id) FROM reports_figure f JOIN reports_report r
                   ON r.id = f.report_id AND r.year = %s AND r.id %% %s = %s
                 GROUP BY f.report_id)""",
            [year, one_in, share],
        )
        return cur.rowcount


def measure_loaded(runs: int, round_no: int, rollups: int = 5) -> dict:
    """One round on the dataset already loaded (bench/dataset.py): raw samples, and two nights of
    the self-check: a first night with no report's findings kept, then an ordinary night after
    some reports changed (each replaces the last night's findings, as the nightly job does)."""
    from dataset import NOW
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.db.models import F
    from django.test import Client

    from gongkai.agencies.models import Agency
    from gongkai.agencies.models.tree import path_upper_bound
    from gongkai.reports import services
    from gongkai.reports.formats import format_for_year
    from gongkai.reports.models import RollupCache, RollupGeneration
    from gongkai.supervision import selfcheck
    from gongkai.supervision.models import ReportCheck

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

    # Alternated, medians of several: neither side gets the other's warm cache. Each round
    # first sums the figures again (nothing kept: as after a bulk import or a change in the
    # tree), then reads the kept sums (as every later roll-up until something below changes).
    # The third case: something was written elsewhere since, so the kept sums are checked
    # against the reports below (rollup_cache's basis) before they are used.
    rollup_runs, basis_runs, rebuild_runs, sql_runs = [], [], [], []
    for _ in range(rollups):
        RollupCache.objects.all().delete()
        rebuild_runs.append(_timed(lambda: rolled.append(services.rollup(root, year, fid))))
        rollup_runs.append(_timed(lambda: rolled.append(services.rollup(root, year, fid))))
        RollupGeneration.objects.filter(pk=1).update(value=F("value") + 1)
        basis_runs.append(_timed(lambda: rolled.append(services.rollup(root, year, fid))))
        sql_runs.append(_timed(by_hand))
    load_rollup = _load()
    # Money (收费金额) sums in floating point on SQLite: equal to the cent, not to the last bit.
    for summed in rolled[-3:]:
        assert all(
            math.isclose(summed.figures.get(k) or 0, float(v or 0), abs_tol=0.005)
            for k, v in hand.items()
        ), "roll-up and SQL disagree"
    # The first request of a minute also counts the region roll-up (kept 60 s): measured apart.
    from django.core.cache import cache

    cold = []
    for _ in range(max(3, runs // 4)):
        cache.clear()
        t = time.perf_counter()
        client.get(url)
        cold.append((time.perf_counter() - t) * 1000)
    load_console = _load()
    # Two nights. The first checks every report (nothing kept, as after an upgrade of the
    # checks); then 2 % of the year's reports get a figure changed, as on a busy day of the
    # reporting season, and the ordinary night checks those again and keeps the rest.
    load_check = _load()
    ReportCheck.objects.all().delete()
    first: dict[str, float] = {}
    t = time.perf_counter()
    with phase_timer(first):
        selfcheck.run(None, year, actor=None)
    first_s = time.perf_counter() - t
    changed = change_some_reports(year, RESHUFFLE, round_no % RESHUFFLE)
    phases: dict[str, float] = {}
    t = time.perf_counter()
    with phase_timer(phases):
        run = selfcheck.run(None, year, actor=None)
    check_s = time.perf_counter() - t
    return {
        "load_console": f"{load_before} → {load_console}",
        "load_rollup": load_rollup,
        "load_check": f"{load_check} → {_load()}",
        "console_ms": samples,
        "console_cold_ms": cold,
        "console_last_ms": last_page,
        "rollup_s": rollup_runs,
        "rebuild_s": rebuild_runs,
        "basis_s": basis_runs,
        "sql_s": sql_runs,
        "selfcheck_s": check_s,
        "first_night_s": first_s,
        "changed_reports": changed,
        "findings": run.findings,
        "phases": phases,
        "first_phases": first,
    }


def _databases(url: str) -> list[str]:
    """One database per size on the same server: the given one, and a new one for twice the
    data (both stay loaded, so the rounds can alternate between them)."""
    if url.startswith("sqlite"):
        tmp = tempfile.mkdtemp(prefix="gongkai-bench-")
        return [f"sqlite:///{tmp}/x1.sqlite3", f"sqlite:///{tmp}/x2.sqlite3"]
    import psycopg

    parts = urlsplit(url)
    twice = parts.path.lstrip("/") + "_x2"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{twice}"')
        conn.execute(f'CREATE DATABASE "{twice}"')
    return [url, urlunsplit(parts._replace(path="/" + twice))]


def _child(url: str, *args: str) -> dict:
    """Run this script for one database in a fresh process; its last line is JSON."""
    out = subprocess.run(
        [sys.executable, __file__, "--here", *args],
        env={**os.environ, "GONGKAI_DATABASE_URL": url},
        stdout=subprocess.PIPE,
        text=True,
        check=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def _summary(rounds: list[dict]) -> dict:
    """Medians over the rounds (p95 over all console samples); the median night's phases."""
    pooled = {
        k: [x for r in rounds for x in r[k]] for k in rounds[0] if isinstance(rounds[0][k], list)
    }
    night = sorted(rounds, key=lambda r: r["selfcheck_s"])[len(rounds) // 2]
    first = sorted(rounds, key=lambda r: r["first_night_s"])[len(rounds) // 2]
    return {
        "console_p95_ms": round(_p95(pooled["console_ms"]), 1),
        "console_median_ms": round(statistics.median(pooled["console_ms"]), 1),
        "console_cold_ms": round(statistics.median(pooled["console_cold_ms"]), 1),
        "console_last_ms": round(statistics.median(pooled["console_last_ms"]), 1),
        "rollup_s": round(statistics.median(pooled["rollup_s"]), 4),
        "rollup_runs": [round(x, 4) for x in pooled["rollup_s"]],
        "rebuild_s": round(statistics.median(pooled["rebuild_s"]), 3),
        "basis_s": round(statistics.median(pooled["basis_s"]), 4),
        "basis_runs": [round(x, 4) for x in pooled["basis_s"]],
        "rebuild_runs": [round(x, 2) for x in pooled["rebuild_s"]],
        "sql_s": round(statistics.median(pooled["sql_s"]), 3),
        "sql_runs": [round(x, 2) for x in pooled["sql_s"]],
        "selfcheck_s": round(night["selfcheck_s"], 1),
        "selfcheck_runs": [round(r["selfcheck_s"], 1) for r in rounds],
        "findings": night["findings"],
        "phases": {k: round(v, 2) for k, v in night["phases"].items()},
        "first_night_s": round(first["first_night_s"], 1),
        "first_night_runs": [round(r["first_night_s"], 1) for r in rounds],
        "first_phases": {k: round(v, 2) for k, v in first["first_phases"].items()},
        "changed_reports": [r["changed_reports"] for r in rounds],
        "loads": [r["load_check"] for r in rounds],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = 20,000 bodies")
    parser.add_argument("--items-per-body", type=int, default=100)
    parser.add_argument("--applications-per-body", type=int, default=10)
    parser.add_argument("--runs", type=int, default=30, help="console requests per round")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds (medians)")
    parser.add_argument("--here", action="store_true", help="use GONGKAI_DATABASE_URL / SQLite")
    parser.add_argument("--child", choices=["generate", "measure"], help=argparse.SUPPRESS)
    parser.add_argument("--round", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # figures appear as they are measured
    if not args.here and not os.environ.get("GONGKAI_DATABASE_URL"):
        # The targets are PostgreSQL's: run again inside a throwaway cluster.
        script = [sys.executable, __file__, "--here", *sys.argv[1:]]
        raise SystemExit(subprocess.call([str(ROOT / "scripts" / "with-postgres"), *script]))
    if args.child:
        # The bench user signs in without an authenticator app (as in `make run`).
        os.environ["GONGKAI_2FA_REQUIRED"] = "0"
        setup_django()
        if args.child == "generate":
            result = generate_here(args.scale, args.items_per_body, args.applications_per_body)
        else:
            result = measure_loaded(args.runs, args.round)
        print(json.dumps(result))
        return
    url = os.environ.get("GONGKAI_DATABASE_URL") or "sqlite:///"
    print(f"数据库：{'postgresql' if url.startswith('postgres') else 'sqlite'}")
    urls = _databases(url)
    sizes = [args.scale, args.scale * 2]
    counts = []
    for size_url, scale in zip(urls, sizes, strict=True):
        common = ["--items-per-body", str(args.items_per_body)]
        common += ["--applications-per-body", str(args.applications_per_body)]
        c = _child(size_url, "--child", "generate", "--scale", str(scale), *common)
        counts.append(c)
        print(
            f"机关 {c['bodies']}，信息 {c['items']}，申请 {c['applications']}，统计数 {c['figures']}"
            f"（生成 {c['seconds']} 秒）"
        )
    # Rounds alternate between the sizes, so neither gets a quieter machine than the other.
    rounds: list[list[dict]] = [[], []]
    for n in range(args.rounds):
        for i, size_url in enumerate(urls):
            r = _child(size_url, "--child", "measure", "--runs", str(args.runs), "--round", str(n))
            rounds[i].append(r)
            print(
                f"第 {n + 1} 轮，机关 {counts[i]['bodies']}：监督首页中位数 "
                f"{statistics.median(r['console_ms']):.1f} ms，汇总 "
                f"{statistics.median(r['rollup_s']):.4f} s（核对依据 "
                f"{statistics.median(r['basis_s']):.3f} s，重新汇总 "
                f"{statistics.median(r['rebuild_s']):.3f} s），自查首夜 {r['first_night_s']:.1f} s，"
                f"平常一夜 {r['selfcheck_s']:.1f} s（{r['changed_reports']} 份年报有改动）"
                f"［{r['load_check']}］"
            )
    results = [_summary(rs) for rs in rounds]
    for c, r in zip(counts, results, strict=True):
        print(f"机关 {c['bodies']}（{args.rounds} 轮中位数）")
        print(
            f"  监督首页 p95 {r['console_p95_ms']} ms（中位数 {r['console_median_ms']} ms，"
            f"目标 < 300 ms）"
        )
        print(f"  监督首页（区域合计未缓存，每分钟第一次）中位数 {r['console_cold_ms']} ms")
        print(f"  各单位表末页（键集分页）中位数 {r['console_last_ms']} ms")
        ratio = r["rollup_s"] / r["sql_s"] if r["sql_s"] else float("inf")
        again = r["rebuild_s"] / r["sql_s"] if r["sql_s"] else float("inf")
        print(
            f"  全省汇总 {r['rollup_s']} s ｜ 他处有写入后（核对依据）{r['basis_s']} s ｜ "
            f"重新汇总（无保存的合计）{r['rebuild_s']} s ｜ 手写 SQL 聚合 {r['sql_s']} s ｜ "
            f"比值 {ratio:.2f}、{again:.2f}（目标 < 3 s，≤ 1.5×）"
        )
        print(
            f"    各次：汇总 {r['rollup_runs']} ｜ 核对依据 {r['basis_runs']} ｜ "
            f"重新汇总 {r['rebuild_runs']} ｜ SQL {r['sql_runs']}"
        )
        print(
            f"  网站自查首夜（全部年报重查）{r['first_night_s']} s（各轮 {r['first_night_runs']}）"
        )
        print("    各部分（秒）：" + "，".join(f"{k} {v}" for k, v in r["first_phases"].items()))
        print(
            f"  网站自查平常一夜（{r['changed_reports']} 份年报有改动）{r['selfcheck_s']} s"
            f"（各轮 {r['selfcheck_runs']}），发现 {r['findings']} 个问题（目标 < 600 s @20,000）"
        )
        print("    各部分（秒）：" + "，".join(f"{k} {v}" for k, v in r["phases"].items()))
        print(
            f"    每千个机关 {r['selfcheck_s'] / c['bodies'] * 1000:.2f} s"
            f"（首夜 {r['first_night_s'] / c['bodies'] * 1000:.2f} s）"
        )
    a, b = results
    for key, name in (
        ("console_p95_ms", "监督首页"),
        ("console_cold_ms", "监督首页（未缓存）"),
        ("console_last_ms", "末页"),
        ("rollup_s", "汇总"),
        ("basis_s", "汇总（核对依据）"),
        ("rebuild_s", "重新汇总"),
        ("first_night_s", "自查首夜"),
        ("selfcheck_s", "自查平常一夜"),
    ):
        print(f"数据翻倍：{name} {a[key]} → {b[key]}（×{b[key] / a[key]:.2f}，目标 ≤ ×2）")
    for night, key in (("首夜", "first_phases"), ("平常一夜", "phases")):
        for name, before in a[key].items():
            after = b[key].get(name, 0.0)
            ratio = f"×{after / before:.2f}" if before else "—"
            print(f"数据翻倍：自查{night} {name} {before} → {after}（{ratio}）")


if __name__ == "__main__":
    main()
