"""Staff pages of this module, mounted under /manage/workdays/."""

from django.urls import path  # noqa: F401

app_name = "workdays_manage"
urlpatterns: list = []
