"""Staff pages of this module, mounted under /manage/audit/."""

from django.urls import path  # noqa: F401

app_name = "audit_manage"
urlpatterns: list = []
