"""The public 政府信息公开 column. Module pages hang under /xxgk/<agency code>/."""

from django.urls import include, path

from gongkai.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.agency_list, name="agency_list"),
    path("", include("gongkai.publishing.urls_portal")),
    path("<slug:code>/", views.agency_home, name="agency_home"),
    path("<slug:code>/", include("gongkai.publishing.urls_public")),
    path("<slug:code>/", include("gongkai.applications.urls_public")),
    path("<slug:code>/", include("gongkai.reports.urls_public")),
]
