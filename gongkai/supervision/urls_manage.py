"""Staff pages of this module, mounted under /manage/supervision/."""

from django.urls import path

from . import views

app_name = "supervision"
urlpatterns = [
    path("", views.console_view, name="console"),
    path("check/", views.check_view, name="check"),
    path("rollup/", views.rollup_view, name="rollup"),
    path("bodies/<slug:code>/", views.findings_view, name="findings"),
    path("bulletin/", views.bulletin_view, name="bulletin"),
    path("reminders/", views.reminders_view, name="reminders"),
    path("notices/<int:pk>/", views.notice_view, name="notice"),
    path("notices/<int:pk>/download.<slug:kind>", views.notice_download, name="notice_download"),
]
