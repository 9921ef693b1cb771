"""The public 政府信息公开 column. Module pages hang under /xxgk/<agency code>/."""

from django.urls import include, path

from gongkai.portal import regions, site, views

app_name = "portal"
urlpatterns = [
    path("", views.agency_list, name="agency_list"),
    path("", include("gongkai.publishing.urls_portal")),
    # Site pages sit before /<code>/ so no body code can shadow them.
    path("wzdt/", site.site_map, name="site_map"),
    path("lxwm/", site.contact, name="contact"),
    path("agencies.json", views.agency_suggest, name="agency_suggest"),
    path("<slug:code>/ndbg/gdw/<int:year>/", regions.subtree_reports, name="subtree_reports"),
    path("<slug:code>/", views.agency_home, name="agency_home"),
    path("<slug:code>/gk/", views.column_overview, name="pub_columns"),
    path("<slug:code>/zn/", views.guide, name="pub_guide"),
    path("<slug:code>/", include("gongkai.publishing.urls_public")),
    path("<slug:code>/", include("gongkai.applications.urls_public")),
    path("<slug:code>/", include("gongkai.hotline.urls_public")),
    path("<slug:code>/", include("gongkai.reports.urls_public")),
]
