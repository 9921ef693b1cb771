"""Staff pages of this module, mounted under /manage/applications/."""

from django.urls import path  # noqa: F401

app_name = "applications_manage"
urlpatterns: list = []
