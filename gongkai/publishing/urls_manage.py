"""Staff pages of this module, mounted under /manage/publishing/."""

from django.urls import path  # noqa: F401

app_name = "publishing_manage"
urlpatterns: list = []
