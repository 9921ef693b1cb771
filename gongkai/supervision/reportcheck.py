"""Report checks over many bodies: last year's report missing, balance rules, jumps.

The balance rules are the report module's own validator (pure Python), so the console and the
report page agree. Each report's findings are kept with what they were computed from
(`ReportCheck`): a night checks again only the reports whose figures, format, last year's
report or rules changed, and reads the figures of those alone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from django.conf import settings

from gongkai.agencies.models import Agency
from gongkai.reports import formats
from gongkai.reports import validate as validate_module
from gongkai.reports.formats import get
from gongkai.reports.models import Figure, Report, ReportStatus
from gongkai.reports.validate import validate

from .deadlines import deadline_expression
from .itemfacts import ItemFacts
from .models import Indicator, ReportCheck
from .sitecheck import Found


def missing(
    ids: list[int], year: int, today: dt.date, facts: ItemFacts | None = None
) -> list[Found]:
    """Bodies whose deadline for `year` has passed without a published report (neither through
    gongkai nor as an annual-report item published by hand)."""
    facts = facts or ItemFacts(ids)
    published = set(
        Report.objects.filter(
            agency_id__in=ids, year=year, status=ReportStatus.PUBLISHED
        ).values_list("agency_id", flat=True)
    )
    published |= facts.annual_reports_for(year)
    due = (
        Agency.objects.filter(pk__in=ids)
        .annotate(deadline=deadline_expression(year))
        .filter(deadline__lt=today)
        .values_list("pk", "deadline")
    )
    return [
        Found(
            aid,
            Indicator.REPORT_MISSING,
            f"{year}年度报告应于{deadline:%Y年%m月%d日}前发布，至今未发布",
            year=year,
        )
        for aid, deadline in due
        if aid not in published
    ]


def _figures(report_ids: list[int]) -> dict[int, dict]:
    figures: dict[int, dict] = defaultdict(dict)
    rows = Figure.objects.filter(report_id__in=report_ids).values_list("report_id", "key", "value")
    for rid, key, value in rows:
        figures[rid][key] = float(value) if isinstance(value, Decimal) else value
    return figures


@lru_cache(maxsize=1)
def _code() -> str:
    """The source of the checks: after an upgrade that changes a rule or a label, every
    report is checked again instead of keeping findings the new code would not give."""
    sources = sorted(Path(formats.__file__).parent.glob("*.py"))
    sources += [Path(validate_module.__file__), Path(__file__)]
    digest = hashlib.sha256()
    for path in sources:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _rules() -> str:
    factor = settings.GONGKAI_SUPERVISION_JUMP_FACTOR
    minimum = settings.GONGKAI_SUPERVISION_JUMP_MINIMUM
    return f"{_code()}:{factor}:{minimum}"


def _check(report_figures: dict, fid: str, last: dict | None) -> list[list[str]]:
    """[indicator, subject, detail] of one report's balance problems and year-over-year jumps
    (`last`: last year's figures, of whatever format)."""
    fmt = get(fid)
    keys = fmt.cell_keys()
    known = set(keys)
    figures = {k: fmt.coerce(k, v) for k, v in report_figures.items() if k in known}
    if not figures:
        return []
    full = {k: figures.get(k) for k in keys}
    out = [[Indicator.REPORT_BALANCE, p.rule, p.message[:480]] for p in validate(fmt, full, last)]
    factor = settings.GONGKAI_SUPERVISION_JUMP_FACTOR
    minimum = settings.GONGKAI_SUPERVISION_JUMP_MINIMUM
    for key, value in figures.items():
        prev = (last or {}).get(key)
        if value is None or prev is None or key in fmt.signed_keys:
            continue
        high, low = max(value, prev), min(value, prev)
        if high >= minimum and (low == 0 or high / low > factor):
            detail = f"{fmt.label_of(key)[:200]}：上年 {prev:g}，本年 {value:g}"
            out.append([Indicator.REPORT_JUMP, key, detail])
    return out


def balance_and_jumps(ids: list[int], year: int) -> list[Found]:
    """Balance rules and jumps of the bodies' reports of `year`. A report whose figures, format
    and last year's report are as they were at its last check (`Report.revision` is raised by a
    database trigger on every figure write) keeps that check's findings, so a night reads the
    figures of the reports that changed, not of every report."""
    reports = Report.objects.filter(agency_id__in=ids, year__in=(year, year - 1))
    now: dict[int, tuple] = {}
    before: dict[int, tuple] = {}
    for pk, aid, y, fid, revision in reports.values_list(
        "pk", "agency_id", "year", "format", "revision"
    ):
        (now if y == year else before)[aid] = (pk, fid, revision)
    if not now:
        return []
    rules = _rules()
    basis = {
        pk: f"{fid}:{rev}|{':'.join(map(str, before.get(aid, ())))}|{rules}"
        for aid, (pk, fid, rev) in now.items()
    }
    kept = {
        pk: findings
        for pk, b, findings in ReportCheck.objects.filter(report_id__in=basis).values_list(
            "report_id", "basis", "findings"
        )
        if b == basis[pk]
    }
    redo = {aid: row for aid, row in now.items() if row[0] not in kept}
    if redo:
        lasts = {aid: before[aid][0] for aid in redo if aid in before}
        figures = _figures([pk for pk, _, _ in redo.values()] + list(lasts.values()))
        checked = [
            ReportCheck(
                report_id=pk,
                basis=basis[pk],
                findings=_check(figures.get(pk, {}), fid, figures.get(lasts.get(aid)) or None),
            )
            for aid, (pk, fid, _) in redo.items()
        ]
        # In key order: two runs over overlapping subtrees then lock the rows in the same order.
        checked.sort(key=lambda c: c.report_id)
        ReportCheck.objects.bulk_create(
            checked,
            update_conflicts=True,
            unique_fields=["report"],
            update_fields=["basis", "findings"],
            batch_size=1000,
        )
        kept.update({c.report_id: c.findings for c in checked})
    return [
        Found(aid, indicator, detail, subject=subject, year=year)
        for aid, (pk, _, _) in now.items()
        for indicator, subject, detail in kept[pk]
    ]
