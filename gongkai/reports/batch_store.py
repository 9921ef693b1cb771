"""Writing the figures of a chunk of parsed reports in bulk: the reports of the chunk in one
query, their stored figures in one, new rows in one statement, changed rows in one, the ledger
events in one append. The caller holds the transaction (one per chunk), so a killed import
leaves whole chunks or nothing of a chunk — never half a report — and re-running redoes it.

Same rules as before for every file: a cell not found never overwrites anything, a figure the
platform computed or a person entered is never overwritten, a report approved is frozen, a
report made in another format is left alone, and a cell is written only when its value or
source differs (so re-importing the same files changes nothing and records nothing).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import connection
from django.utils import timezone

from gongkai.audit.services import Entry, record_many

from .actions import FIGURES_IMPORT
from .formats import get
from .models import Figure, Provenance, Report
from .parse import ParseResult

SKIPPED = "skipped"
_IMPORTED = Provenance.IMPORTED.value


@dataclass
class Item:
    """One parsed file whose body and year are certain, waiting to be stored."""

    outcome: object  # batch.Outcome (changed/status/reason are set here)
    agency_id: int
    year: int
    result: ParseResult
    file_name: str


class _Cell:
    __slots__ = ("pk", "value", "provenance", "source", "row")

    def __init__(self, pk, value, provenance, source, row=None):
        self.pk, self.value, self.provenance, self.source, self.row = (
            pk,
            value,
            provenance,
            source,
            row,
        )


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def store_chunk(items: list[Item], actor) -> None:
    """Store every item, in file order (a later file of the same body and year sees the
    earlier one's cells). Sets each outcome's `changed`, or SKIPPED with the reason."""
    if not items:
        return
    reports = {
        (r.agency_id, r.year): r
        for r in Report.objects.filter(
            agency_id__in={i.agency_id for i in items}, year__in={i.year for i in items}
        ).only("id", "agency_id", "year", "format", "status")
    }
    existing_ids = [r.pk for r in reports.values()]
    fresh: dict[tuple[int, int], Report] = {}
    for i in items:
        key = (i.agency_id, i.year)
        if key not in reports and key not in fresh:
            fresh[key] = Report(agency_id=i.agency_id, year=i.year, format=i.result.format)
    if fresh:
        made = Report.objects.bulk_create(list(fresh.values()))
        if any(r.pk is None for r in made):  # a backend without RETURNING from bulk inserts
            ids = Report.objects.filter(
                agency_id__in={k[0] for k in fresh}, year__in={k[1] for k in fresh}
            ).values_list("agency_id", "year", "pk")
            for agency_id, year, pk in ids:
                if (agency_id, year) in fresh:
                    fresh[(agency_id, year)].pk = pk
        reports.update(fresh)
    state: dict[int, dict[str, _Cell]] = {r.pk: {} for r in reports.values()}
    for pk, rid, key, value, prov, src in Figure.objects.filter(
        report_id__in=existing_ids
    ).values_list("pk", "report_id", "key", "value", "provenance", "source"):
        state[rid][key] = _Cell(pk, value, prov, src)
    new_rows: list[list] = []
    updates: dict[int, _Cell] = {}
    events: list[Entry] = []
    announced: set[int] = set()
    for item in items:
        report = reports[(item.agency_id, item.year)]
        out, r = item.outcome, item.result
        if report.format != r.format:
            out.status = SKIPPED
            out.reason = (
                f"该机关 {item.year} 年的年报已按格式 {report.format} 编制，文件是格式 {r.format}"
            )
            continue
        if report.is_frozen:
            out.status, out.reason = SKIPPED, "该年报已审定，统计数已冻结"
            continue
        n = _apply(report.pk, r, item.file_name, state[report.pk], new_rows, updates)
        out.changed = n
        created = report.pk not in announced and any(report is f for f in fresh.values())
        if n or created:
            source = f"解析自 {item.file_name}"[:300]
            after = {"source": source, "changed": n, "format": r.format}
            if created:
                after["created"] = True
            announced.add(report.pk)
            events.append(
                Entry(
                    FIGURES_IMPORT,
                    "reports.report",
                    report.pk,
                    created_at=timezone.now(),
                    agency_id=item.agency_id,
                    after=after,
                )
            )
    now = timezone.now()
    if new_rows:
        _insert(new_rows, now)
    if updates:
        _update(updates, now)
    record_many(events, by_user=actor)


def _apply(
    report_id: int,
    r: ParseResult,
    file_name: str,
    cells: dict[str, _Cell],
    new_rows: list[list],
    updates: dict[int, _Cell],
) -> int:
    """Plan the writes of one file; returns the number of cells that change."""
    fmt = get(r.format)
    source = f"解析自 {file_name}"[:300]
    inferred = f"{source}（由勾稽关系推算）"[:300]
    n = 0
    for key, cell in r.cells.items():
        if cell.status == "missing":
            continue  # never overwrite a stored figure with "not found"
        value = _decimal(fmt.coerce(key, cell.value))
        src = inferred if cell.status == "inferred" else source
        c = cells.get(key)
        if c is None:
            row = [report_id, key, value, _IMPORTED, src]
            new_rows.append(row)
            cells[key] = _Cell(None, value, _IMPORTED, src, row)
            n += 1
        elif c.provenance == _IMPORTED and (c.value != value or c.source != src):
            c.value, c.source = value, src
            if c.pk is None:  # written by an earlier file of this chunk: still to insert
                c.row[2], c.row[4] = value, src
            else:
                updates[c.pk] = c
            n += 1
    return n


def _adapt(value: Decimal | None):
    field = Figure._meta.get_field("value")
    return connection.ops.adapt_decimalfield_value(value, field.max_digits, field.decimal_places)


def _insert(rows: list[list], now) -> None:
    """Many figure rows in one statement: the ORM's per-field preparation of bulk_create costs
    more than the database does."""
    q = connection.ops.quote_name
    table = q(Figure._meta.db_table)
    stamp = connection.ops.adapt_datetimefield_value(now)
    columns = ", ".join(
        q(c) for c in ("report_id", "key", "value", "provenance", "source", "updated_at")
    )
    sql = f"INSERT INTO {table} ({columns}) VALUES (%s, %s, %s, %s, %s, %s)"
    with connection.cursor() as cursor:
        cursor.executemany(
            sql, [(rid, key, _adapt(v), prov, src, stamp) for rid, key, v, prov, src in rows]
        )


def _update(cells: dict[int, _Cell], now) -> None:
    q = connection.ops.quote_name
    table = q(Figure._meta.db_table)
    stamp = connection.ops.adapt_datetimefield_value(now)
    sql = (
        f"UPDATE {table} SET {q('value')} = %s, {q('source')} = %s, {q('updated_at')} = %s "
        f"WHERE {q('id')} = %s"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, [(_adapt(c.value), c.source, stamp, pk) for pk, c in cells.items()])
