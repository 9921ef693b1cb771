"""Every body's report deadline as one SQL expression, so a whole subtree can be filtered and
sorted by lateness without asking reports.services.deadline_for once per body."""

from __future__ import annotations

import datetime as dt

from django.db.models import Case, DateField, Q, Value, When

from gongkai.agencies.models import Agency
from gongkai.agencies.models.tree import path_upper_bound
from gongkai.reports.models import DeadlineRule
from gongkai.reports.services import DEFAULT_DEADLINE, STATUTORY


def deadline_expression(year: int) -> Case:
    """The nearest jurisdiction rule above a body wins (a kind-specific rule before one for all
    kinds at the same body); without a rule the statutory date (条例 Art. 49) applies. Same
    answer as reports.services.deadline_for, which the tests compare it with."""
    rules = list(
        DeadlineRule.objects.select_related("agency").only("agency__path", "kind", "month", "day")
    )
    # Case takes the first matching When: deeper jurisdictions first, kind-specific first.
    rules.sort(key=lambda r: (-len(r.agency.path), r.kind == ""))
    whens = []
    for r in rules:
        path = r.agency.path
        condition = Q(path__gte=path, path__lt=path_upper_bound(path))
        if r.kind:
            condition &= Q(kind=r.kind)
        whens.append(When(condition, then=Value(dt.date(year + 1, r.month, r.day))))
    for kind, (month, day) in STATUTORY.items():
        whens.append(When(kind=kind, then=Value(dt.date(year + 1, month, day))))
    month, day = DEFAULT_DEADLINE
    return Case(*whens, default=Value(dt.date(year + 1, month, day)), output_field=DateField())


def deadline_of(agency: Agency, year: int) -> dt.date:
    return (
        Agency.objects.filter(pk=agency.pk)
        .annotate(d=deadline_expression(year))
        .values_list("d", flat=True)[0]
    )
