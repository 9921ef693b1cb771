"""The self-check run: every check over a subtree, chunk by chunk; a body's findings are
replaced by the new ones in one transaction, so the console never shows half a run."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db import connections, router, transaction
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.audit.services import record

from . import reportcheck, sitecheck
from .actions import CHECK_RUN
from .itemfacts import ItemFacts
from .models import REPORT_INDICATORS, BodySummary, CheckRun, Finding, Indicator

CHUNK = 2000


def findings_for(
    ids: list[int], year: int, now: dt.datetime, facts: ItemFacts | None = None
) -> list[sitecheck.Found]:
    """Every check for a chunk of bodies; `facts`: the run's item facts (see itemfacts)."""
    today = timezone.localdate(now)
    facts = facts or ItemFacts(ids)
    return [
        *sitecheck.home_and_columns(ids, now, facts),
        *sitecheck.guides(ids),
        *sitecheck.links(ids, facts),
        *sitecheck.messages(ids, today),
        *reportcheck.missing(ids, year, today, facts),
        *reportcheck.balance_and_jumps(ids, year),
    ]


STALE = (Indicator.COLUMN_STALE, Indicator.HOME_STALE)
COLUMNS = ("run_id", "agency_id", "indicator", "veto", "year", "subject", "detail", "url")


def _write(check: CheckRun, found: list[sitecheck.Found], now: dt.datetime) -> None:
    """The chunk's findings: COPY on PostgreSQL (a province has hundreds of thousands of
    them), bulk INSERTs elsewhere."""
    rows = (
        (
            check.pk,
            f.agency_id,
            f.indicator,
            f.veto,
            f.year,
            f.subject[:300],
            f.detail[:500],
            f.url[:300],
        )
        for f in found
    )
    connection = connections[router.db_for_write(Finding)]
    if connection.vendor == "postgresql":
        table = Finding._meta.db_table
        with (
            connection.cursor() as cur,
            cur.cursor.copy(f"COPY {table} ({', '.join(COLUMNS)}, checked_at) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row((*row, now))
        return
    Finding.objects.bulk_create(
        [Finding(**dict(zip(COLUMNS, row, strict=True)), checked_at=now) for row in rows],
        batch_size=1000,
    )


def summaries(
    ids: list[int], found: list[sitecheck.Found], year: int, now: dt.datetime
) -> list[BodySummary]:
    """The console's per-body counts of these findings (what it used to count per row)."""
    rows = {aid: BodySummary(agency_id=aid, year=year, checked_at=now) for aid in ids}
    for f in found:
        row = rows[f.agency_id]
        row.problems += f.indicator in REPORT_INDICATORS and f.year == year
        row.stale_columns += f.indicator in STALE
        row.veto_findings += f.veto
    return list(rows.values())


def run(
    root: Agency | None,
    year: int,
    *,
    actor,
    now: dt.datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> CheckRun:
    """Check every active body under `root` (all bodies when None). `actor` None means the
    worker's nightly run, which really is the system's work."""
    now = now or timezone.now()
    bodies = Agency.objects.filter(is_active=True)
    if root is not None:
        bodies = bodies.filter(pk__in=root.subtree().values("pk"))
    ids = list(bodies.order_by("path").values_list("pk", flat=True))
    check = CheckRun.objects.create(root=root, year=year, started_at=now, actor=actor)
    total = 0
    # One read of the item table for the whole run (a subquery, not the list of ids).
    facts = ItemFacts(bodies.values("pk"))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        found = findings_for(chunk, year, now, facts)
        with transaction.atomic():
            Finding.objects.filter(agency_id__in=chunk).delete()
            BodySummary.objects.filter(agency_id__in=chunk).delete()
            BodySummary.objects.bulk_create(summaries(chunk, found, year, now), batch_size=1000)
            _write(check, found, now)
        total += len(found)
        if progress:
            progress(min(start + CHUNK, len(ids)), len(ids))
    with transaction.atomic():
        CheckRun.objects.filter(pk=check.pk).update(
            finished_at=timezone.now(), bodies=len(ids), findings=total
        )
        check.refresh_from_db()
        record(
            CHECK_RUN,
            check,
            agency=root,
            after={"year": year, "bodies": len(ids), "findings": total},
            actor=actor,
        )
    return check
