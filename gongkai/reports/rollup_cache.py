"""The figure sums of a subtree, kept per (body, year, format) so that a roll-up of a province
reads one row instead of aggregating millions of figures.

Two checks keep a kept sum from ever being stale:

- The generation (`RollupGeneration`): database triggers raise it in every transaction that
  writes bodies, reports or figures, whatever wrote them (migration 0007). A sum kept at the
  current generation is used as it is: one row read, however large the subtree.
- The basis, when the generation moved on (a write somewhere, most often outside this subtree):
  how many reports of this year and format lie below, the sum of their ids, a hash of their
  ids, and the sum of their revisions. Every write of a report's figures raises its revision
  (a trigger too); a body that joins, leaves, moves or is deactivated, a report
  created, deleted or made in another format changes which reports are counted. If the basis
  still matches, the kept sums are still right and are stamped with the new generation; if not,
  the figures are summed again. The basis is one aggregate over the subtree's reports (tens of
  thousands of rows for a province), not over their figures.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import IntegrityError, connections, router, transaction
from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import Mod

from gongkai.agencies.models import Agency
from gongkai.core.replicas import PRIMARY

from .models import Figure, RollupCache, RollupGeneration

# The databases whose migration installs the triggers; elsewhere nothing is kept.
SUPPORTED = ("postgresql", "sqlite")

# Below this many reports the figures are summed directly (a few thousand rows, milliseconds)
# and nothing is kept: caching every small subtree would only fill the table.
MIN_REPORTS = 200

# The mixed hash is quadratic: with a linear one, one body moved out and two moved in could keep
# count, id sum and hash alike. Both factors are below 2**31, so no product overflows 64 bits.
_MIX, _MOD = 1_103_515_245, 2_147_483_629


def basis(reports: QuerySet, format_id: str) -> tuple[int, int, str]:
    """(number of reports, number in this format, the basis text a kept sum must match), in
    one aggregate over `reports`."""
    same = Q(format=format_id)
    b = reports.aggregate(
        reported=Count("pk"),
        n=Count("pk", filter=same),
        ids=Sum("pk", filter=same),
        mix=Sum(Mod(Mod(F("pk") * F("pk"), _MOD) * _MIX + F("pk"), _MOD), filter=same),
        rev=Sum("revision", filter=same),
    )
    text = f"{b['n']}:{b['ids'] or 0}:{b['mix'] or 0}:{b['rev'] or 0}"
    return b["reported"], b["n"], text


def summed(reports: QuerySet) -> dict[str, Decimal | None]:
    """{key: sum of the stored values, or None when every report leaves the cell blank}."""
    # The subtree's reports first (tens of thousands of rows), then one semi-join probe per
    # figure (millions of rows), instead of two hash joins per figure: ~20 % less at a
    # province's 4 million figures.
    rows = (
        Figure.objects.filter(report__in=reports.values("pk"))
        .values("key")
        .annotate(total=Sum("value"), n=Count("value"))
    )
    return {r["key"]: (r["total"] if r["n"] else None) for r in rows}


def generation() -> int | None:
    """The current write generation, or None when it cannot vouch for anything: no triggers
    installed, or (PostgreSQL) this transaction wrote and its bump waits for COMMIT."""
    db = router.db_for_read(RollupGeneration)
    connection = connections[db]
    table = connection.ops.quote_name(RollupGeneration._meta.db_table)
    if connection.vendor == "postgresql":
        sql = (
            f"SELECT value, current_setting('gongkai.rollup_written', true) = 'y' FROM {table} "
            "WHERE id = 1"
        )
    else:
        sql = f"SELECT value, 0 FROM {table} WHERE id = 1"
    with connection.cursor() as cursor:
        cursor.execute(sql)
        row = cursor.fetchone()
    return None if row is None or row[1] else row[0]


def _decoded(totals: dict) -> dict:
    return {k: (None if v is None else Decimal(v)) for k, v in totals.items()}


def sums(
    agency: Agency, year: int, format_id: str, subtree: QuerySet, reports: QuerySet
) -> tuple[int, int, dict]:
    """(number of bodies in `subtree`, number of `reports`, the figure sums of those in this
    format). `reports` are the subtree's reports of the year."""
    if connections[router.db_for_read(Figure)].vendor not in SUPPORTED:
        return subtree.count(), reports.count(), summed(reports.filter(format=format_id))
    # Read first, before anything it vouches for: a write committed after this read raises the
    # generation past what is kept, so the next roll-up checks the basis again.
    gen = generation()
    kept = (
        RollupCache.objects.filter(agency=agency, year=year, format=format_id)
        .values_list("generation", "basis", "totals", "bodies", "reported")
        .first()
    )
    if gen is not None and kept and kept[0] == gen:
        return kept[3], kept[4], _decoded(kept[2])
    # The basis is read before the figures, for the same reason.
    reported, n, text = basis(reports, format_id)
    bodies = subtree.count()
    if n < MIN_REPORTS:
        return bodies, reported, summed(reports.filter(format=format_id))
    if kept and kept[1] == text:
        totals = _decoded(kept[2])
    else:
        totals = summed(reports.filter(format=format_id))
    _keep(agency, year, format_id, gen, text, totals, bodies, reported)
    return bodies, reported, totals


def _keep(
    agency: Agency,
    year: int,
    format_id: str,
    gen: int | None,
    text: str,
    totals: dict,
    bodies: int,
    reported: int,
) -> None:
    values = {
        "generation": -1 if gen is None else gen,
        "basis": text,
        "totals": {k: (None if v is None else str(v)) for k, v in totals.items()},
        "bodies": bodies,
        "reported": reported,
    }
    # Straight to the primary without the router: keeping a sum is not the user's write, so it
    # must not pin their browser to the primary (core.replicas).
    try:
        with transaction.atomic(using=PRIMARY):
            RollupCache.objects.using(PRIMARY).update_or_create(
                agency=agency, year=year, format=format_id, defaults=values
            )
    except IntegrityError:
        pass  # a roll-up running at the same moment kept the same sums first
