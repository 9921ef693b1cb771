"""The root /sitemap.xml: an index over every kind of public page, each section paged by
Django's sitemap framework (at most `limit` URLs per file, as the sitemaps protocol asks)."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from gongkai.agencies.models import Agency
from gongkai.hotline.models import PublicReply
from gongkai.publishing.models import Item
from gongkai.publishing.views.portal import ItemSitemap
from gongkai.reports.models import Report, ReportStatus

# The pages every body's column has (names in gongkai.portal.urls' namespace).
AGENCY_PAGES = (
    "portal:agency_home",
    "portal:pub_columns",
    "portal:pub_guide",
    "portal:publishing_rules",
    "portal:publishing_items",
    "portal:reports_list",
    "portal:applications_apply",
    "portal:applications_track",
)


class SitePages(Sitemap):
    changefreq = "weekly"

    def items(self) -> list[str]:
        return ["portal:agency_list", "portal:site_map", "portal:contact", "portal:search"]

    def location(self, name: str) -> str:
        return reverse(name)


class AgencyPages(Sitemap):
    """One entry per (body, standard page): the column's fixed pages."""

    changefreq = "weekly"
    limit = 5000

    def items(self) -> list[tuple[str, str]]:
        codes = (
            Agency.objects.filter(is_active=True).order_by("path").values_list("code", flat=True)
        )
        return [(code, name) for code in codes.iterator() for name in AGENCY_PAGES]

    def location(self, entry: tuple[str, str]) -> str:
        code, name = entry
        return reverse(name, kwargs={"code": code})


class ReportPages(Sitemap):
    changefreq = "yearly"
    limit = 5000

    def items(self):
        return (
            Report.objects.filter(status=ReportStatus.PUBLISHED, agency__is_active=True)
            .select_related("agency")
            .only("year", "published_at", "agency__code")
            .order_by("id")
        )

    def location(self, report: Report) -> str:
        return reverse(
            "portal:reports_detail", kwargs={"code": report.agency.code, "year": report.year}
        )

    def lastmod(self, report: Report):
        return report.published_at


class CategoryPages(Sitemap):
    """A body's list of one 主动公开 category, where it has published something in it (one
    DISTINCT query; an empty category page is not worth a crawler's visit)."""

    changefreq = "weekly"
    limit = 5000

    def items(self) -> list[tuple[str, str]]:
        return list(
            Item.objects.public()
            .filter(category__isnull=False, agency__is_active=True)
            .values_list("agency__code", "category__code")
            .distinct()
            .order_by("agency__code", "category__code")
        )

    def location(self, entry: tuple[str, str]) -> str:
        code, term = entry
        return reverse("portal:pub_category", kwargs={"code": code, "term": term})


class HotlineReplyPages(Sitemap):
    """留言选登: each centre's list, and each reply published there (withdrawn ones are gone)."""

    changefreq = "weekly"
    limit = 5000

    def items(self) -> list[tuple[str, int | None]]:
        replies = list(
            PublicReply.objects.live()
            .filter(agency__is_active=True)
            .order_by("agency__code", "id")
            .values_list("agency__code", "id")
        )
        lists = sorted({(code, None) for code, _ in replies})
        return lists + replies

    def location(self, entry: tuple[str, int | None]) -> str:
        code, pk = entry
        if pk is None:
            return reverse("portal:hotline_selected", kwargs={"code": code})
        return reverse("portal:hotline_selected_detail", kwargs={"code": code, "pk": pk})


SITEMAPS = {
    "site": SitePages,
    "agencies": AgencyPages,
    "categories": CategoryPages,
    "items": ItemSitemap,
    "reports": ReportPages,
    "hotline": HotlineReplyPages,
}
