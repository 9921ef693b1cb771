"""Report checks over many bodies: last year's report missing, balance rules, jumps.

Figures of a chunk of bodies come in one query per year; the balance rules are the report
module's own validator (pure Python), so the console and the report page agree.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.conf import settings

from gongkai.agencies.models import Agency
from gongkai.reports.formats import get
from gongkai.reports.models import Figure, Report, ReportStatus
from gongkai.reports.validate import validate

from .deadlines import deadline_expression
from .itemfacts import ItemFacts
from .models import Indicator
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


def _figures(ids: list[int], year: int) -> tuple[dict[int, str], dict[int, dict]]:
    formats = dict(
        Report.objects.filter(agency_id__in=ids, year=year).values_list("agency_id", "format")
    )
    figures: dict[int, dict] = defaultdict(dict)
    for aid, key, value in Figure.objects.filter(
        report__agency_id__in=ids, report__year=year
    ).values_list("report__agency_id", "key", "value"):
        figures[aid][key] = float(value) if isinstance(value, Decimal) else value
    return formats, figures


def balance_and_jumps(ids: list[int], year: int) -> list[Found]:
    formats, now = _figures(ids, year)
    if not formats:
        return []
    _, before = _figures(list(formats), year - 1)
    factor = settings.GONGKAI_SUPERVISION_JUMP_FACTOR
    minimum = settings.GONGKAI_SUPERVISION_JUMP_MINIMUM
    out: list[Found] = []
    keys = {fid: get(fid).cell_keys() for fid in set(formats.values())}
    known = {fid: set(k) for fid, k in keys.items()}
    for aid, fid in formats.items():
        fmt = get(fid)
        figures = {k: fmt.coerce(k, v) for k, v in now[aid].items() if k in known[fid]}
        if not figures:
            continue
        full = {k: figures.get(k) for k in keys[fid]}
        last = before.get(aid) or None
        for p in validate(fmt, full, last):
            out.append(
                Found(aid, Indicator.REPORT_BALANCE, p.message[:480], subject=p.rule, year=year)
            )
        for key, value in figures.items():
            prev = (last or {}).get(key)
            if value is None or prev is None or key in fmt.signed_keys:
                continue
            high, low = max(value, prev), min(value, prev)
            if high >= minimum and (low == 0 or high / low > factor):
                out.append(
                    Found(
                        aid,
                        Indicator.REPORT_JUMP,
                        f"{fmt.label_of(key)[:200]}：上年 {prev:g}，本年 {value:g}",
                        subject=key,
                        year=year,
                    )
                )
    return out
