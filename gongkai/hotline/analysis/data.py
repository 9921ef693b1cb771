"""The figures of one month's analysis report, all from aggregate queries.

Everything counted comes from gongkai.hotline.stats (the same definitions as the annual
figures and `gongkai hotline stats`); this module adds the comparisons (环比 with last month,
同比 with the same month last year), the breakdown by body and by sub-category, and the bodies
under the thresholds, each one grouped query.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db.models import Count, Q

from gongkai.hotline.channels.cti import connect_rate
from gongkai.hotline.choices import CallbackResult, TicketChannel, TicketType
from gongkai.hotline.models import Category
from gongkai.hotline.stats import RATES, period, population, stats

RATE_LABELS = {
    "direct_rate": "直办率",
    "on_time_sign_rate": "按时签收率",
    "on_time_close_rate": "按时办结率",
    "reply_rate": "回复率",
    "satisfaction_rate": "满意率",
    "rework_rate": "重办率",
}
HOT_SPOTS = 5


@dataclass
class BodyRow:
    name: str
    dispatched: int
    replied: int
    on_time: int
    due: int
    called: int
    satisfied: int

    @property
    def reply_rate(self) -> float | None:
        return _rate(self.replied, self.dispatched)

    @property
    def on_time_close_rate(self) -> float | None:
        return _rate(self.on_time, self.due)

    @property
    def satisfaction_rate(self) -> float | None:
        return _rate(self.satisfied, self.called)


@dataclass
class Analysis:
    agency_name: str
    year: int
    month: int
    current: dict
    last_month: dict
    last_year: dict
    calls: dict
    bodies: list[BodyRow] = field(default_factory=list)
    hot_spots: list[dict] = field(default_factory=list)
    flagged: list[tuple[BodyRow, list[str]]] = field(default_factory=list)
    thresholds: dict = field(default_factory=dict)

    @property
    def title(self) -> str:
        return f"{self.agency_name}民生热线运行分析报告（{self.year}年{self.month}月）"

    @property
    def mom(self) -> float | None:
        return _change(self.current["received"], self.last_month["received"])

    @property
    def yoy(self) -> float | None:
        return _change(self.current["received"], self.last_year["received"])

    def channel_rows(self) -> list[tuple[str, int, float | None]]:
        return _shares(
            self.current["by_channel"], dict(TicketChannel.choices), self.current["received"]
        )

    def type_rows(self) -> list[tuple[str, int, float | None]]:
        return _shares(self.current["by_type"], dict(TicketType.choices), self.current["received"])

    def rate_rows(self) -> list[tuple[str, float | None, float | None]]:
        return [
            (label, self.current[key], self.last_month[key]) for key, label in RATE_LABELS.items()
        ]


def _rate(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def _change(now: int, before: int) -> float | None:
    return round((now - before) / before, 4) if before else None


def _shares(counts: dict, labels: dict, total: int) -> list[tuple[str, int, float | None]]:
    rows = [(labels.get(k, k), n, _rate(n, total)) for k, n in counts.items() if n]
    return sorted(rows, key=lambda r: -r[1])


def _shift(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def thresholds() -> dict[str, float]:
    return {
        "satisfaction_rate": settings.GONGKAI_HOTLINE_MIN_SATISFACTION,
        "reply_rate": settings.GONGKAI_HOTLINE_MIN_REPLY,
    }


def by_body(agency_ids: list[int], start: date, end: date) -> list[BodyRow]:
    reached = CallbackResult.reached()
    rows = (
        population(agency_ids, start, end)
        .filter(dispatched=True, body__isnull=False)
        .values("body__name")
        .annotate(
            # n_*: an annotation must not shadow a field that a later filter names
            n_dispatched=Count("id"),
            n_replied=Count("id", filter=Q(replied=True)),
            n_on_time=Count("id", filter=Q(replied=True, closed_late=False)),
            n_due=Count("id", filter=Q(replied=True) | Q(due_on__lte=end)),
            n_called=Count("id", filter=Q(satisfaction__in=reached)),
            n_satisfied=Count(
                "id",
                filter=Q(satisfaction__in=[CallbackResult.SATISFIED, CallbackResult.BASICALLY]),
            ),
        )
        .order_by("-n_dispatched", "body__name")
    )
    return [
        BodyRow(name=r.pop("body__name"), **{k.removeprefix("n_"): v for k, v in r.items()})
        for r in rows
    ]


def hot_spots(agency_ids: list[int], start: date, end: date, top: int = HOT_SPOTS) -> list[dict]:
    """The largest top-level categories, each with its largest sub-categories."""
    reached = CallbackResult.reached()
    rows = (
        population(agency_ids, start, end)
        .filter(category__isnull=False)
        .values("category_id")
        .annotate(
            n=Count("id"),
            called=Count("id", filter=Q(satisfaction__in=reached)),
            satisfied=Count(
                "id",
                filter=Q(satisfaction__in=[CallbackResult.SATISFIED, CallbackResult.BASICALLY]),
            ),
        )
        .order_by()
    )
    cats = {c.pk: c for c in Category.objects.select_related("parent")}
    groups: dict[int, dict] = {}
    for row in rows:
        cat = cats[row["category_id"]]
        top_cat = cat.top
        group = groups.setdefault(
            top_cat.pk, {"name": top_cat.name, "count": 0, "called": 0, "satisfied": 0, "subs": []}
        )
        group["count"] += row["n"]
        group["called"] += row["called"]
        group["satisfied"] += row["satisfied"]
        if cat.parent_id:
            group["subs"].append((cat.name, row["n"]))
    ranked = sorted(groups.values(), key=lambda g: (-g["count"], g["name"]))[:top]
    for group in ranked:
        group["subs"].sort(key=lambda s: -s[1])
        group["satisfaction_rate"] = _rate(group["satisfied"], group["called"])
    return ranked


def monthly(agency, year: int, month: int) -> Analysis:
    ids = [agency.pk]
    start, end = period(year, month)
    py, pm = _shift(year, month, -1)
    limits = thresholds()
    bodies = by_body(ids, start, end)
    flagged = []
    for row in bodies:
        reasons = [
            f"{RATE_LABELS[key]} {value * 100:.1f}%，低于 {limit * 100:.0f}%"
            for key, limit in limits.items()
            if (value := getattr(row, key)) is not None and value < limit
        ]
        if reasons:
            flagged.append((row, reasons))
    return Analysis(
        agency_name=agency.name,
        year=year,
        month=month,
        current=stats(ids, start, end),
        last_month=stats(ids, *period(py, pm)),
        last_year=stats(ids, *period(year - 1, month)),
        calls=connect_rate(ids, start, end),
        bodies=bodies,
        hot_spots=hot_spots(ids, start, end),
        flagged=flagged,
        thresholds=limits,
    )


__all__ = ["RATES", "Analysis", "BodyRow", "monthly"]
