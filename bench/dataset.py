"""A province, generated deterministically: bodies over 5 levels, items, applications with the
outcome mix of real reports, 5 years of annual reports (figures for the latest years, scaled from a
real report whose tables balance).

    python bench/dataset.py --scale 0.1            # ~2,000 bodies, on a throwaway SQLite
    scripts/with-postgres python bench/dataset.py  # full size (20,000 bodies) into PostgreSQL

Scale 1.0 = 20,000 bodies, 2,000,000 items, 200,000 applications. PostgreSQL is loaded with
COPY, SQLite with executemany; both with a progress bar. Used by bench/supervision.py.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, setup_django  # noqa: E402

SEED = 20261201
ITEMS_PER_BODY = 100
APPLICATIONS_PER_BODY = 10
YEARS = 5
# Share of closed applications by outcome, roughly as in published 2021-format reports.
OUTCOME_MIX = [
    ("granted", 38),
    ("partial", 9),
    ("withheld.third_party", 2),
    ("withheld.process", 2),
    ("withheld.internal", 1),
    ("unavailable.not_held", 24),
    ("unavailable.unclear", 4),
    ("declined.petition", 6),
    ("declined.repeat", 3),
    ("declined.confirmation", 2),
    ("other.no_supplement", 5),
    ("other.other", 4),
]


# A real published report whose tables balance (淮安市人民政府 2024, 2021 format, checked by
# hand): each body's figures are it times a small factor, so reports balance as real ones do.
# Uniform random figures made every report break about 40 balance rules, which no province
# looks like, and the self-check then measured formatting 40 messages per body.
TEMPLATES = {"2021": ROOT / "tests/reports/data/reports-dev/dev-01.keys.json"}
# Share of reports with a planted imbalance (a mistyped cell), so the self-check has findings.
UNBALANCED = 0.05


def report_template(format_id: str) -> dict[str, float] | None:
    path = TEMPLATES.get(format_id)
    return json.loads(path.read_text())["figures"] if path else None


def body_figures(rng: random.Random, keys: list[str], template: dict | None) -> dict[str, float]:
    """One report's figures: the template scaled (1–4×), a few cells mistyped in some reports;
    random figures where the format has no template."""
    if template is None:
        return {key: rng.randint(0, 30) for key in keys}
    factor = rng.randint(1, 4)
    figures = {key: (template.get(key) or 0) * factor for key in keys}
    if rng.random() < UNBALANCED:
        for key in rng.sample(keys, rng.randint(1, 3)):
            figures[key] += rng.randint(1, 5)
    return figures


def tree_shape(scale: float) -> list[tuple]:
    """(id, parent id, level, kind, name) for the whole province, depth-first."""
    rng = random.Random(SEED)
    cities = max(1, round(10 * scale))
    rows: list[tuple] = []

    def add(parent, level, kind, name):
        rows.append((len(rows) + 1, parent, level, kind, name))
        return len(rows)

    province = add(None, "province", "government", "示例省人民政府")
    for _ in range(20):
        add(province, "province", "department", f"示例省第{len(rows)}厅")
    for c in range(cities):
        city = add(province, "city", "government", f"第{c + 1}市人民政府")
        for d in range(20):
            add(city, "city", "department", f"第{c + 1}市第{d + 1}局")
        for k in range(10):
            county = add(city, "county", "government", f"第{c + 1}市第{k + 1}区县人民政府")
            for d in range(30):
                add(county, "county", "department", f"{c + 1}-{k + 1}区县第{d + 1}局")
            for t in range(15):
                town = add(county, "township", "government", f"{c + 1}-{k + 1}-{t + 1}镇街")
                for v in range(rng.randint(8, 12)):
                    add(town, "village", "other", f"{c + 1}-{k + 1}-{t + 1}镇第{v + 1}村居")
    return rows


def _template(model, given: frozenset) -> tuple[list[str], list]:
    """The model's concrete columns: (names, [(attname, default), …]); `given` are the
    attnames the generator supplies (their default slot is None, or the conversion to apply:
    encryption of a personal field, the search hash computed from its source)."""
    from gongkai.core import crypto
    from gongkai.core.encrypted import EncryptedMixin, SearchHash

    cols, slots = [], []
    for f in model._meta.concrete_fields:
        if isinstance(f, EncryptedMixin) and f.attname in given:
            # What the ORM would store: ciphertext (the real per-row cost is part of the load).
            slots.append((f.attname, crypto.encrypt))
        elif isinstance(f, SearchHash) and f.source in given:
            slots.append((f.source, lambda v, kind=f.kind: crypto.search_hash(kind, v)))
        elif f.attname in given:
            slots.append((f.attname, None))
        elif f.primary_key:
            continue
        elif getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            slots.append((None, NOW))
        elif f.has_default() or not f.null:
            v = f.get_default()
            slots.append(
                (None, json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else v)
            )
        else:
            slots.append((None, None))
        cols.append(f.column)
    return cols, slots


def _row(slots: list, values: dict) -> list:
    """Every concrete column of the model: the given value or the field's default (computed
    once per model by _template, not per row: millions of rows)."""
    out = []
    for attname, default in slots:
        v = values[attname] if attname is not None else default
        if attname is not None and default is not None:  # a conversion (see _template)
            v = default(v)
        if isinstance(v, dict | list):
            v = json.dumps(v, ensure_ascii=False)
        out.append(v)
    return out


NOW = dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC)


class Loader:
    def __init__(self, bar):
        from django.db import connection

        self.connection = connection
        self.pg = connection.vendor == "postgresql"
        self.bar = bar

    def load(self, model, rows, task=None) -> int:
        """rows: iterable of dicts; written in batches (COPY on PostgreSQL)."""
        n = 0
        batch: list[list] = []
        cols: list[str] = []
        slots: list = []
        for values in rows:
            if not slots:
                cols, slots = _template(model, frozenset(values))
            batch.append(_row(slots, values))
            if len(batch) >= 20000:
                n += self._write(model, cols, batch, task)
                batch = []
        if batch:
            n += self._write(model, cols, batch, task)
        return n

    def _write(self, model, cols, batch, task) -> int:
        table = model._meta.db_table
        with self.connection.cursor() as cur:
            if self.pg:
                raw = cur.cursor
                with raw.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as copy:
                    for row in batch:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(cols))
                cur.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({marks})", batch)
        if task is not None:
            self.bar.update(task, advance=len(batch))
        return len(batch)

    def reset_sequences(self, *models) -> None:
        if not self.pg:
            return
        from django.core.management.color import no_style

        with self.connection.cursor() as cur:
            for sql in self.connection.ops.sequence_reset_sql(no_style(), list(models)):
                cur.execute(sql)


def generate(
    scale: float = 1.0,
    figure_years: int = 1,
    quiet: bool = False,
    items_per_body: int = ITEMS_PER_BODY,
    applications_per_body: int = APPLICATIONS_PER_BODY,
) -> dict:
    """Load the province into the current (empty, migrated) database; returns the counts."""
    from django.db import transaction
    from rich.progress import Progress

    from gongkai.agencies.models import Agency
    from gongkai.agencies.models.tree import SEGMENT
    from gongkai.applications.models import Application
    from gongkai.publishing.models import Item, Scheme, Term
    from gongkai.reports.formats import format_for_year, get
    from gongkai.reports.models import Figure, Report

    rng = random.Random(SEED)
    shape = tree_shape(scale)
    bodies = len(shape)
    terms = list(Term.objects.filter(scheme=Scheme.CATEGORY).values_list("pk", flat=True))
    counts: dict[str, int] = {}
    start = time.perf_counter()
    with Progress(disable=quiet, transient=False) as bar, transaction.atomic():
        loader = Loader(bar)
        if loader.pg:
            # The generator's keys are consistent by construction; checking millions of deferred
            # foreign keys at COMMIT took longer than loading the rows (bench-only, superuser).
            with loader.connection.cursor() as cur:
                cur.execute("SET LOCAL session_replication_role = replica")
        paths: dict[int, str] = {}

        def agencies():
            for pk, parent, level, kind, name in shape:
                path = (paths[parent] if parent else "") + str(pk).zfill(SEGMENT)
                paths[pk] = path
                yield {
                    "id": pk,
                    "code": f"b{pk}",
                    "name": name,
                    "level": level,
                    "kind": kind,
                    "parent_id": parent,
                    "path": path,
                    "depth": len(path) // SEGMENT - 1,
                }

        counts["bodies"] = loader.load(Agency, agencies(), bar.add_task("机关", total=bodies))
        n_items = int(bodies * items_per_body)

        def items():
            for i in range(n_items):
                aid = rng.randint(1, bodies)
                published = NOW - dt.timedelta(days=rng.expovariate(1 / 200) % (365 * YEARS))
                withdrawn = rng.random() < 0.01
                yield {
                    "id": i + 1,
                    "agency_id": aid,
                    "kind": "general",
                    "title": f"示例信息{i + 1}",
                    "formed_on": published.date(),
                    "published_at": None if withdrawn else published,
                    "status": "withdrawn" if withdrawn else "published",
                    "category_id": rng.choice(terms) if terms else None,
                    "created_at": published,
                    "updated_at": published,
                }

        counts["items"] = loader.load(Item, items(), bar.add_task("公开信息", total=n_items))
        n_apps = int(bodies * applications_per_body)
        outcomes, weights = zip(*OUTCOME_MIX, strict=True)

        def applications():
            for i in range(n_apps):
                received = NOW.date() - dt.timedelta(days=rng.randint(1, 365 * YEARS))
                still_open = received > NOW.date() - dt.timedelta(days=60) and rng.random() < 0.5
                arrived = dt.datetime.combine(received, dt.time(9), tzinfo=dt.UTC)
                yield {
                    "id": i + 1,
                    "agency_id": rng.randint(1, bodies),
                    "receipt_no": f"B{i + 1:09d}",
                    "code_hash": "x" * 64,
                    "applicant_type": "person",
                    "name": "申请人",
                    "id_type": "id_card",
                    "id_number": "",
                    "phone": "",
                    "description": "示例申请",
                    "info_form": "paper",
                    "delivery": "mail",
                    "channel": "online",
                    "arrived_at": arrived,
                    "received_on": received,
                    "status": "open" if still_open else "closed",
                    "outcome": "" if still_open else rng.choices(outcomes, weights)[0],
                    "closed_on": None if still_open else received + dt.timedelta(days=15),
                    "due_on": received + dt.timedelta(days=28),
                    "created_at": arrived,
                    "updated_at": arrived,
                }

        counts["applications"] = loader.load(
            Application, applications(), bar.add_task("依申请公开", total=n_apps)
        )
        years = list(range(NOW.year - YEARS, NOW.year))

        def reports():
            rid = 0
            for year in years:
                for pk in range(1, bodies + 1):
                    if rng.random() < 0.03 and year == years[-1]:
                        continue  # a few bodies have not started
                    rid += 1
                    late = year == years[-1] and rng.random() < 0.1
                    published = dt.datetime(year + 1, 1, 20, tzinfo=dt.UTC)
                    yield {
                        "id": rid,
                        "agency_id": pk,
                        "year": year,
                        "format": format_for_year(year).id,
                        "status": "draft" if late else "published",
                        "published_at": None if late else published,
                        "sections": [],
                        "created_at": published,
                        "updated_at": published,
                    }

        report_ids: dict[tuple[int, int], int] = {}

        def reports_noted():
            for r in reports():
                report_ids[(r["agency_id"], r["year"])] = r["id"]
                yield r

        counts["reports"] = loader.load(
            Report, reports_noted(), bar.add_task("年报", total=bodies * YEARS)
        )

        def figures():
            fid = 0
            for year in years[-figure_years:]:
                fmt = format_for_year(year).id
                keys = get(fmt).cell_keys()
                template = report_template(fmt)
                for pk in range(1, bodies + 1):
                    rid = report_ids.get((pk, year))
                    if rid is None:
                        continue
                    for key, value in body_figures(rng, keys, template).items():
                        fid += 1
                        yield {
                            "id": fid,
                            "report_id": rid,
                            "key": key,
                            "value": value,
                            "provenance": "computed",
                            "source": "bench",
                            "updated_at": NOW,
                        }

        n_fig = (
            sum(len(get(format_for_year(y).id).cell_keys()) for y in years[-figure_years:]) * bodies
        )
        counts["figures"] = loader.load(Figure, figures(), bar.add_task("统计数", total=n_fig))
        loader.reset_sequences(Agency, Item, Application, Report, Figure)
        if loader.pg:
            # The load ran without triggers: what they would have done, once for all of it.
            from django.db.models import F

            from gongkai.reports.models import RollupCache, RollupGeneration
            from gongkai.supervision.models import ReportCheck

            RollupCache.objects.all().delete()
            ReportCheck.objects.all().delete()
            RollupGeneration.objects.filter(pk=1).update(value=F("value") + 1)
    if loader.pg:
        from django.db import connection

        # VACUUM too, as autovacuum would long since have done on a database in use: without
        # it autovacuum starts on the fresh tables during the measurements (a minute or more
        # at 40,000 bodies) and the first query to read a table sets every row's hint bits.
        with connection.cursor() as cur:
            cur.execute("VACUUM ANALYZE")
    counts["seconds"] = round(time.perf_counter() - start, 1)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=0.05, help="1.0 = 20,000 bodies")
    parser.add_argument("--figure-years", type=int, default=1)
    parser.add_argument("--items-per-body", type=int, default=ITEMS_PER_BODY)
    parser.add_argument("--applications-per-body", type=int, default=APPLICATIONS_PER_BODY)
    args = parser.parse_args()
    setup_django()
    counts = generate(
        args.scale,
        args.figure_years,
        items_per_body=args.items_per_body,
        applications_per_body=args.applications_per_body,
    )
    print("已生成：" + "，".join(f"{k} {v}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
