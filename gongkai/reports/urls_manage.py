"""Staff pages of this module, mounted under /manage/reports/."""

from django.urls import path  # noqa: F401

app_name = "reports_manage"
urlpatterns: list = []
