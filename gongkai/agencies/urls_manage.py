"""Staff pages of this module, mounted under /manage/agencies/."""

from django.urls import path  # noqa: F401

app_name = "agencies_manage"
urlpatterns: list = []
