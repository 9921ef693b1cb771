"""Public pages across all bodies. gongkai.portal.urls includes these before its
/xxgk/<code>/ patterns so that /xxgk/search/ is never taken for an agency code."""

from django.contrib.sitemaps.views import sitemap
from django.urls import path

from gongkai.publishing.views import portal

urlpatterns = [
    path("search/", portal.search_view, name="search"),
    path("sitemap.xml", sitemap, {"sitemaps": portal.SITEMAPS}, name="sitemap"),
]
