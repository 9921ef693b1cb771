"""The region tree of /xxgk/ and each region's 年报 list across its bodies.

A region is a body of kind 人民政府 (or 派出机构, e.g. a 街道办事处); below it hang the lower
regions (区县, 乡镇街道 …) and its departments. /xxgk/ shows three levels from the top in one
query bounded by depth; a body's home page shows its own children the same way.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from gongkai.agencies.models import Agency, AgencyKind, AgencyLevel
from gongkai.agencies.models.tree import path_upper_bound
from gongkai.reports.models import Report, ReportStatus

REGION_KINDS = (AgencyKind.GOVERNMENT, AgencyKind.DISPATCHED)
TREE_DEPTH = 3  # levels shown on /xxgk/: 市 → 区县 → 部门 / 乡镇街道
PER_PAGE = 50


@dataclass
class Node:
    agency: Agency
    groups: list[tuple[str, list[Node]]] = field(default_factory=list)


def _group(children: list[Agency]) -> list[tuple[str, list[Agency]]]:
    """Children split into lower regions (labelled by their level) and 部门, in that order."""
    regions: dict[str, list[Agency]] = {}
    departments: list[Agency] = []
    for child in children:
        if child.kind in REGION_KINDS:
            regions.setdefault(AgencyLevel(child.level).label, []).append(child)
        else:
            departments.append(child)
    groups = list(regions.items())
    if departments:
        groups.append(("部门", departments))
    return groups


def tree() -> list[Node]:
    top = Agency.objects.filter(is_active=True).order_by("depth").values_list("depth", flat=True)
    root_depth = top.first()
    if root_depth is None:
        return []
    rows = list(
        Agency.objects.filter(is_active=True, depth__lt=root_depth + TREE_DEPTH)
        .only("code", "name", "level", "kind", "parent_id", "depth", "sort_order", "path")
        .order_by("sort_order", "path")
    )
    nodes = {a.pk: Node(a) for a in rows}
    children: dict[int, list[Agency]] = {}
    for a in rows:
        if a.parent_id in nodes:
            children.setdefault(a.parent_id, []).append(a)
    for node in nodes.values():
        node.groups = [
            (label, [nodes[c.pk] for c in members])
            for label, members in _group(children.get(node.agency.pk, []))
        ]
    return [nodes[a.pk] for a in rows if a.parent_id not in nodes]


def child_groups(agency: Agency) -> list[tuple[str, list[Agency]]]:
    kids = agency.children.filter(is_active=True).only("code", "name", "level", "kind")
    return _group(list(kids.order_by("sort_order", "name")))


def region_word(agency: Agency) -> str:
    """全省 / 全市 / 全区 / 全县 / 全镇 … as the body's own name says."""
    name = agency.name.removesuffix("人民政府").removesuffix("办事处")
    for suffix in ("街道", "省", "市", "区", "县", "镇", "乡"):
        if name.endswith(suffix):
            return "全" + suffix
    return "本级及下级"


def report_year(today: dt.date | None = None) -> int:
    """The latest year whose reports are due (reports cover the previous calendar year)."""
    return (today or timezone.localdate()).year - 1


def region_reports_link(agency: Agency) -> dict | None:
    if agency.kind not in REGION_KINDS:
        return None
    year = report_year()
    return {"year": year, "label": f"{region_word(agency)}各单位{year}年度报告"}


@require_GET
def subtree_reports(request, code: str, year: int):
    agency = get_object_or_404(Agency, code=code, is_active=True)
    this_year = timezone.localdate().year
    if not 2008 <= year <= this_year:
        year = report_year()
    bodies = Agency.objects.filter(
        is_active=True, path__gte=agency.path, path__lt=path_upper_bound(agency.path)
    )
    reports = (
        Report.objects.filter(
            status=ReportStatus.PUBLISHED,
            year=year,
            agency__is_active=True,
            agency__path__gte=agency.path,
            agency__path__lt=path_upper_bound(agency.path),
        )
        .select_related("agency")
        .only("year", "published_at", "agency__code", "agency__name", "agency__path")
        .order_by("agency__path")
    )
    page = Paginator(reports, PER_PAGE).get_page(request.GET.get("page"))
    word = region_word(agency)
    return render(
        request,
        "portal/subtree_reports.html",
        {
            "agency": agency,
            "year": year,
            "heading": f"{word}各单位{year}年度报告",
            "page": page,
            "body_count": bodies.count(),
            "years": range(report_year(), max(2008, report_year() - 9), -1),
        },
    )
