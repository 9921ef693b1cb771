"""Test data for supervision: reports with a status, public items, a few applications."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from gongkai.publishing.models import Item, ItemStatus, Kind, Scheme, Term
from gongkai.reports.models import Report, ReportStatus


def aware(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def report(agency, year: int, status=ReportStatus.DRAFT, published: dt.date | None = None):
    return Report.objects.create(
        agency=agency,
        year=year,
        format="2021" if year >= 2020 else "2014",
        status=status,
        published_at=aware(published) if published else None,
    )


def item(
    agency,
    title: str,
    days_ago: int = 1,
    kind=Kind.GENERAL,
    category=None,
    body="",
    status=ItemStatus.PUBLISHED,
):
    when = timezone.now() - dt.timedelta(days=days_ago)
    return Item.objects.create(
        agency=agency,
        title=title,
        kind=kind,
        formed_on=when.date(),
        status=status,
        published_at=when if status == ItemStatus.PUBLISHED else None,
        category=category,
        body=body,
    )


def categories() -> list[Term]:
    return list(Term.objects.filter(scheme=Scheme.CATEGORY, is_active=True).order_by("order"))


def clean_site(agency, year: int) -> None:
    """A body the inspection finds nothing wrong with."""
    for term in categories():
        item(agency, f"{term.name[:20]}最新信息", days_ago=3, category=term)
    item(agency, "政府信息公开指南", kind=Kind.GUIDE, days_ago=30)
    item(agency, "政府信息公开制度", kind=Kind.SYSTEM, days_ago=30)
    report(agency, year, ReportStatus.PUBLISHED, published=dt.date(year + 1, 1, 10))
