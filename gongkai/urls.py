"""URL map. Each module owns its pages: public ones under /xxgk/ (via gongkai.portal.urls),
staff ones under /manage/<module>/, JSON under /api/v1/."""

from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.generic import RedirectView

from gongkai.api.router import api
from gongkai.portal import site
from gongkai.portal.sitemaps import SITEMAPS

urlpatterns = [
    path("", RedirectView.as_view(url="/xxgk/", permanent=False)),
    path("xxgk/", include("gongkai.portal.urls")),
    path("robots.txt", site.robots_txt, name="robots_txt"),
    path("favicon.ico", site.favicon, name="favicon"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap_index",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("manage/", include("gongkai.accounts.urls")),
    path("manage/agencies/", include("gongkai.agencies.urls_manage")),
    path("manage/audit/", include("gongkai.agencies.urls_ledger")),
    path("manage/calendar/", include("gongkai.workdays.urls_manage")),
    path("manage/publishing/", include("gongkai.publishing.urls_manage")),
    path("manage/applications/", include("gongkai.applications.urls_manage")),
    path("manage/hotline/", include("gongkai.hotline.urls_manage")),
    path("manage/reports/", include("gongkai.reports.urls_manage")),
    path("manage/supervision/", include("gongkai.supervision.urls_manage")),
    path("api/v1/", api.urls),
    path("captcha/", include("captcha.urls")),
    path("open311/v2/", include("gongkai.hotline.open311.urls")),
    path("hotline/", include("gongkai.hotline.urls_channels")),
    path("django-admin/", admin.site.urls),
]
