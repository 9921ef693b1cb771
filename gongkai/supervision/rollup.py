"""The subtree roll-up in the official table layout of its format, each cell traceable to the
bodies that contribute to it, and the bodies left out of the sum with the reason."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from gongkai.agencies.models import Agency
from gongkai.reports import services
from gongkai.reports.document import ReportData
from gongkai.reports.formats import get
from gongkai.reports.layout import build_grid
from gongkai.reports.models import Figure, Report, ReportStatus


@dataclass
class Left:
    agency_code: str
    agency_name: str
    reason: str


def title(node: Agency) -> str:
    return f"{node.name}及所辖单位"


def document(node: Agency, year: int, format_id: str | None = None) -> tuple[ReportData, object]:
    r = services.rollup(node, year, format_id)
    return ReportData(r.format, year, title(node), r.figures), r


def tables(data: ReportData) -> list[dict]:
    """Rows of cells per table, as the report page draws them, for the template."""
    fmt = data.fmt
    figures = data.complete_figures()
    out = []
    for table in fmt.tables:
        grid = build_grid(fmt, table, figures)
        rows: dict[int, list] = {}
        for c in grid.cells:
            rows.setdefault(c.row, []).append(c)
        out.append({"table": table, "rows": [rows[r] for r in sorted(rows)]})
    return out


def left_out(node: Agency, year: int, format_id: str, rolled) -> list[Left]:
    """Bodies missing from the sum or whose numbers may still change, each with its reason."""
    out = [Left(a.code, a.name, f"没有{year}年度年报，未计入") for a in rolled.missing]
    other = (
        Report.objects.filter(agency__in=node.subtree().filter(is_active=True), year=year)
        .exclude(format=format_id)
        .values_list("agency__code", "agency__name", "format")
        .order_by("agency__path")
    )
    out += [Left(c, n, f"年报按{f}格式编制，与汇总格式不同，未计入") for c, n, f in other]
    labels = dict(ReportStatus.choices)
    pending = (
        Report.objects.filter(
            agency__in=node.subtree().filter(is_active=True),
            year=year,
            format=format_id,
            status__in=ReportStatus.not_approved(),
        )
        .values_list("agency__code", "agency__name", "status")
        .order_by("agency__path")
    )
    out += [Left(c, n, f"年报{labels[s]}、未审定，已计入但数字可能变化") for c, n, s in pending]
    return out


def contributions(node: Agency, year: int, format_id: str, key: str) -> QuerySet:
    """Which bodies contribute what to one cell (largest first)."""
    return (
        Figure.objects.filter(
            report__agency__in=node.subtree().filter(is_active=True).values("pk"),
            report__year=year,
            report__format=format_id,
            key=key,
            value__isnull=False,
        )
        .order_by("-value", "report__agency__path")
        .values_list("report__agency__code", "report__agency__name", "value")
    )


def label(format_id: str, key: str) -> str:
    return get(format_id).label_of(key)
