"""Gap-free numbers per (scope, period), safe when several processes ask at once.

The number is taken with `UPDATE … SET last = last + 1`, which locks the row (PostgreSQL) or
the database (SQLite, IMMEDIATE transactions) until the caller's transaction ends. Concurrent
callers therefore queue, and a caller that rolls back gives its number back: no gaps, no
duplicates. Call these inside the transaction that stores the numbered record.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import IntegrityError, connections, router, transaction
from django.db.models import F

from gongkai.numbering.models import Sequence
from gongkai.rules.indexno import (
    DEFAULT_PATTERN,
    IndexNumberError,
    format_index_number,
    period_for,
)


def _take(scope: str, period: str) -> int | None:
    """`last + 1` stored and returned in one statement (UPDATE … RETURNING: PostgreSQL, SQLite
    3.35+); None when the sequence has no row yet."""
    connection = connections[router.db_for_write(Sequence)]
    table, last, scope_col, period_col = (
        connection.ops.quote_name(name)
        for name in (Sequence._meta.db_table, "last", "scope", "period")
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {last} = {last} + 1 "
            f"WHERE {scope_col} = %s AND {period_col} = %s RETURNING {last}",
            [scope, period],
        )
        row = cursor.fetchone()
    return row[0] if row else None


def next_number(scope: str, period: str) -> int:
    if not scope or not period:
        raise ValueError("scope and period are required")
    # No savepoint of its own: the number belongs to the caller's transaction (it is rolled
    # back with it), and a failure here fails that transaction anyway.
    with transaction.atomic(using=router.db_for_write(Sequence), savepoint=False):
        taken = _take(scope, period)
        if taken is not None:
            return taken
        try:
            with transaction.atomic():  # savepoint: a concurrent first insert may win
                Sequence.objects.create(scope=scope, period=period, last=1)
            return 1
        except IntegrityError:
            return _take(scope, period)


def next_numbers(scope: str, period: str, count: int) -> range:
    """`count` consecutive numbers at once (bulk loads), with the same guarantees as
    next_number: one row update, rolled back with the caller's transaction."""
    if count < 1:
        raise ValueError("count must be positive")
    first = next_number(scope, period)
    if count > 1:
        Sequence.objects.filter(scope=scope, period=period).update(last=F("last") + count - 1)
    return range(first, first + count)


def index_pattern() -> str:
    """Setting GONGKAI_INDEX_PATTERN, else the default pattern."""
    return settings.GONGKAI_INDEX_PATTERN or DEFAULT_PATTERN


def allocate_index_number(agency, on_date: date, pattern: str | None = None) -> str:
    """The next 索引号 of `agency` for the period of `on_date` (default `<USCC>/<YYYY>-<NNNNN>`;
    the 组织机构代码 is used when the body has no USCC)."""
    pattern = pattern or index_pattern()
    code = (agency.uscc or agency.org_code or "").strip()
    if not code:
        raise IndexNumberError(
            f"{agency.name}没有登记统一社会信用代码或组织机构代码，无法生成索引号"
        )
    period = period_for(on_date, pattern)
    seq = next_number(f"indexno:{agency.pk}", period)
    return format_index_number(code, on_date, seq, pattern)
