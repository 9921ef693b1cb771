"""The compliance table: one row per body of a subtree, every figure from aggregate SQL.

The whole table is one annotated query over the subtree (a LEFT JOIN on the year's report, a
LEFT JOIN on the body's self-check summary, correlated counts of applications on an indexed
column), so filtering, sorting and paging happen in the database and the number of queries does
not grow with the number of bodies.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from importlib import import_module

from django.apps import apps
from django.core.cache import cache
from django.db.models import (
    Case,
    Count,
    DateField,
    DurationField,
    ExpressionWrapper,
    F,
    FilteredRelation,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Substr, TruncDate
from django.utils import timezone

from gongkai.agencies.models import Agency, AgencyLevel
from gongkai.agencies.models.tree import SEGMENT, path_upper_bound
from gongkai.applications.choices import ApplicationStatus
from gongkai.applications.models import Application
from gongkai.reports.models import ReportStatus

from . import keyset
from .deadlines import deadline_expression
from .keyset import Window
from .models import BodySummary

NONE = "none"
STATUS_LABELS = {NONE: "未开始", **dict(ReportStatus.choices)}
STATUS_FILTERS = {**STATUS_LABELS, "late": "逾期未发布或逾期发布", "pending": "尚未发布"}
ZERO = dt.timedelta(0)

# sort key → ORDER BY expression (a leading "-" in the request reverses it)
SORTS = {
    "name": "path",
    "code": "code",
    "level": "depth",
    "status": "report_rank",
    "deadline": "deadline",
    "late": "lateness",
    "problems": "problems",
    "open": "open_applications",
    "overdue": "overdue_applications",
    "stale": "stale_columns",
    "veto": "veto_findings",
}
_RANK = {NONE: 0, **{s: i for i, s in enumerate(ReportStatus.values, 1)}}


@dataclass
class Query:
    """What the supervisor asked for: the node, the year and the filters."""

    node: Agency
    year: int
    today: dt.date
    level: str = ""
    status: str = ""
    sort: str = "name"

    def clean(self) -> None:
        if self.level not in AgencyLevel.values:
            self.level = ""
        if self.status not in STATUS_FILTERS:
            self.status = ""
        if self.sort.lstrip("-") not in SORTS:
            self.sort = "name"


def _count(qs: QuerySet) -> Coalesce:
    """COUNT of `qs` rows of the body in hand, as a correlated subquery (index on agency)."""
    sub = (
        qs.filter(agency=OuterRef("pk"))
        .order_by()
        .values("agency")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    return Coalesce(Subquery(sub, output_field=IntegerField()), Value(0))


def annotated(node: Agency, year: int, today: dt.date) -> QuerySet[Agency]:
    """Every active body under (and including) `node` with the console's columns."""
    qs = (
        Agency.objects.subtree_of(node)
        .filter(is_active=True)
        # A LEFT JOIN on the (agency, year) unique report, not a subquery per column and row.
        .annotate(report=FilteredRelation("annual_reports", condition=Q(annual_reports__year=year)))
        .annotate(
            report_status=Coalesce(F("report__status"), Value(NONE)),
            report_id=F("report__pk"),
            published_on=TruncDate("report__published_at"),
            deadline=deadline_expression(year),
        )
        .annotate(
            lateness=ExpressionWrapper(
                Coalesce(F("published_on"), Value(today), output_field=DateField()) - F("deadline"),
                output_field=DurationField(),
            ),
            open_applications=_count(Application.objects.exclude(status=ApplicationStatus.CLOSED)),
            # A paused clock (补正, 征求意见, 缴费) is not running, so only OPEN can be overdue.
            overdue_applications=_count(
                Application.objects.filter(status=ApplicationStatus.OPEN, due_on__lt=today)
            ),
            # The latest self-check's counts, one LEFT JOIN (selfcheck writes them with the
            # findings); report problems only when that check was for the year asked.
            problems=Coalesce(
                Case(
                    When(
                        supervision_summary__year=year,
                        then=F("supervision_summary__problems"),
                    )
                ),
                Value(0),
            ),
            stale_columns=Coalesce(F("supervision_summary__stale_columns"), Value(0)),
            veto_findings=Coalesce(F("supervision_summary__veto_findings"), Value(0)),
        )
    )
    return qs


def _rank_expression():
    return Case(
        *[When(report_status=s, then=Value(r)) for s, r in _RANK.items()],
        default=Value(0),
        output_field=IntegerField(),
    )


def late_q() -> Q:
    return Q(lateness__gt=ZERO)


def rows(q: Query) -> QuerySet[Agency]:
    q.clean()
    qs = annotated(q.node, q.year, q.today).annotate(report_rank=_rank_expression())
    if q.level:
        qs = qs.filter(level=q.level)
    if q.status == "late":
        qs = qs.filter(late_q())
    elif q.status == "pending":
        qs = qs.exclude(report_status=ReportStatus.PUBLISHED)
    elif q.status:
        qs = qs.filter(report_status=q.status)
    key = SORTS[q.sort.lstrip("-")]
    order = F(key).desc(nulls_last=True) if q.sort.startswith("-") else F(key).asc()
    return qs.order_by(order, "path")


def page_of(qs: QuerySet[Agency], q: Query, per_page: int, **where) -> tuple[Window, list]:
    """A page of rows in two steps: the ids of the page by keyset from a lean query (PostgreSQL
    computes a SELECT-list subquery for every row it sorts, so the full row is fetched only for
    the page), then the page's rows with every column. `where`: keyset.window's anchors."""
    key = SORTS[q.sort.lstrip("-")]
    page = keyset.window(qs, key, q.sort.startswith("-"), per_page, **where)
    full = {a.pk: a for a in annotated(q.node, q.year, q.today).filter(pk__in=page.ids)}
    return page, [full[i] for i in page.ids if i in full]


@dataclass
class Region:
    agency: Agency
    bodies: int = 0
    published: int = 0
    not_started: int = 0
    late: int = 0
    overdue_applications: int = 0
    veto_findings: int = 0


def regions(q: Query) -> list[Region]:
    """The node's children, each with counts rolled up over its own subtree (one GROUP BY)."""
    prefix = len(q.node.path) + SEGMENT
    children = list(
        Agency.objects.filter(parent=q.node, is_active=True).order_by("sort_order", "path")
    )
    if not children:
        return []
    qs = annotated(q.node, q.year, q.today).exclude(pk=q.node.pk)
    if q.level:
        qs = qs.filter(level=q.level)
    region = Substr("path", 1, prefix)
    grouped = (
        qs.annotate(region=region)
        .order_by()
        .values("region")
        .annotate(
            bodies=Count("pk"),
            published=Count("pk", filter=Q(report_status=ReportStatus.PUBLISHED)),
            not_started=Count("pk", filter=Q(report_status=NONE)),
            late=Count("pk", filter=late_q()),
        )
    )
    # Applications and findings are summed by joining to the body and grouping by the same
    # path prefix: one aggregate each instead of a subquery per body.
    below = {
        "agency__path__gt": q.node.path,
        "agency__path__lt": path_upper_bound(q.node.path),
        "agency__is_active": True,
    }
    if q.level:
        below["agency__level"] = q.level
    sums = {}
    for name, source in (
        ("overdue", Application.objects.filter(status=ApplicationStatus.OPEN, due_on__lt=q.today)),
        ("veto", BodySummary.objects.filter(veto_findings__gt=0)),
    ):
        for r, n in (
            source.filter(**below)
            .annotate(region=Substr("agency__path", 1, prefix))
            .order_by()
            .values("region")
            .annotate(n=Count("pk") if name == "overdue" else Sum("veto_findings"))
            .values_list("region", "n")
        ):
            sums.setdefault(r, {})[name] = n
    by_path = {g["region"]: g for g in grouped}
    out = []
    for child in children:
        g = by_path.get(child.path, {})
        extra = sums.get(child.path, {})
        out.append(
            Region(
                child,
                g.get("bodies", 0),
                g.get("published", 0),
                g.get("not_started", 0),
                g.get("late", 0),
                extra.get("overdue", 0),
                extra.get("veto", 0),
            )
        )
    return out


# Region counts cover the whole subtree (O(bodies)); they are kept this long, and the page says
# when they were counted. The body rows below them are always live.
REGION_SECONDS = 60


def cached_regions(q: Query) -> tuple[list[Region], dt.datetime]:
    """regions(q) and when they were counted, from the cache when counted in the last minute."""
    key = f"supervision:regions:{q.node.pk}:{q.node.path}:{q.year}:{q.level}:{q.today}"
    hit = cache.get(key)
    if hit is None:
        hit = (regions(q), timezone.now())
        cache.set(key, hit, REGION_SECONDS)
    return hit


@dataclass
class Row:
    agency: Agency
    report_status: str
    report_id: int | None
    deadline: dt.date
    days_late: int
    problems: int
    open_applications: int
    overdue_applications: int
    stale_columns: int
    veto_findings: int
    overdue_tickets: int | None = None
    unanswered_messages: int | None = None
    extra: dict = field(default_factory=dict)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.report_status, self.report_status)

    def as_dict(self) -> dict:
        return {
            "code": self.agency.code,
            "name": self.agency.name,
            "level": self.agency.get_level_display(),
            "report_status": self.status_label,
            "deadline": self.deadline.isoformat(),
            "days_late": self.days_late,
            "problems": self.problems,
            "open_applications": self.open_applications,
            "overdue_applications": self.overdue_applications,
            "stale_columns": self.stale_columns,
            "veto_findings": self.veto_findings,
            "overdue_tickets": self.overdue_tickets,
            "unanswered_messages": self.unanswered_messages,
        }


def hotline_provider():
    """The hotline module's oversight functions, when that module is installed.

    Looked up at run time so that supervision works (and imports) without it; the hotline
    module offers `overdue_tickets(agency_ids, today)` and `unanswered_messages(agency_ids,
    before)`, each returning {agency_id: count} from one aggregate query.
    """
    if not apps.is_installed("gongkai.hotline"):
        return None
    try:
        return import_module("gongkai.hotline.oversight")
    except ModuleNotFoundError:
        return None


def materialise(agencies, today: dt.date, message_days: int = 90) -> list[Row]:
    """Rows for a page (or an export) of annotated bodies; hotline figures in one call each."""
    agencies = list(agencies)
    out = [
        Row(
            agency=a,
            report_status=a.report_status,
            report_id=a.report_id,
            deadline=a.deadline,
            days_late=max(a.lateness.days, 0) if a.lateness is not None else 0,
            problems=a.problems,
            open_applications=a.open_applications,
            overdue_applications=a.overdue_applications,
            stale_columns=a.stale_columns,
            veto_findings=a.veto_findings,
        )
        for a in agencies
    ]
    provider = hotline_provider()
    if provider is not None and out:
        ids = [r.agency.pk for r in out]
        tickets = provider.overdue_tickets(ids, today)
        messages = provider.unanswered_messages(ids, today - dt.timedelta(days=message_days))
        for r in out:
            r.overdue_tickets = tickets.get(r.agency.pk, 0)
            r.unanswered_messages = messages.get(r.agency.pk, 0)
    return out
