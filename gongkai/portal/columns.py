"""A body's four standard columns (国办公开办函〔2019〕61号) with their latest entries.

The 年报 column lists the reports published through gongkai (reports app) and annual reports
registered as items (a body that published outside gongkai), newest first, so a published
report shows up on the home page and on /gk/ the moment it is published.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.urls import reverse

from gongkai.agencies.models import Agency
from gongkai.publishing.models import Kind
from gongkai.publishing.views.public import LIST_FIELDS, public_items
from gongkai.reports.models import Report, ReportStatus

OTHER_KINDS_EXCLUDED = [Kind.GUIDE, Kind.SYSTEM, Kind.ANNUAL_REPORT]


@dataclass(frozen=True)
class Entry:
    title: str
    url: str
    date: datetime | None


def item_entries(qs, limit: int) -> list[Entry]:
    return [
        Entry(i.title, i.get_absolute_url(), i.published_at) for i in qs.only(*LIST_FIELDS)[:limit]
    ]


def report_entries(agency: Agency, limit: int) -> list[Entry]:
    reports = Report.objects.filter(agency=agency, status=ReportStatus.PUBLISHED).only(
        "year", "published_at"
    )
    entries = [
        Entry(
            f"{agency.name}{r.year}年政府信息公开工作年度报告",
            reverse("portal:reports_detail", args=[agency.code, r.year]),
            r.published_at,
        )
        for r in reports.order_by("-year")[:limit]
    ]
    entries += item_entries(public_items(agency).filter(kind=Kind.ANNUAL_REPORT), limit)
    entries.sort(key=lambda e: e.date.timestamp() if e.date else 0, reverse=True)
    return entries[:limit]


def columns(agency: Agency, latest: int = 5) -> list[dict]:
    code = agency.code
    items = public_items(agency)
    return [
        {
            "title": "政府信息公开指南",
            "url": reverse("portal:pub_guide", args=[code]),
            "entries": item_entries(items.filter(kind=Kind.GUIDE), latest),
        },
        {
            "title": "政府信息公开制度",
            "url": reverse("portal:publishing_rules", args=[code]),
            "entries": item_entries(items.filter(kind=Kind.SYSTEM), latest),
        },
        {
            "title": "法定主动公开内容",
            "url": reverse("portal:publishing_items", args=[code]),
            "entries": item_entries(items.exclude(kind__in=OTHER_KINDS_EXCLUDED), latest),
        },
        {
            "title": "政府信息公开年报",
            "url": reverse("portal:reports_list", args=[code]),
            "entries": report_entries(agency, latest),
        },
    ]


def latest_items(agency: Agency, limit: int = 10) -> list[Entry]:
    return item_entries(public_items(agency), limit)
