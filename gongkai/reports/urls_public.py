"""Public pages of this module, mounted under /xxgk/<agency code>/ by gongkai.portal.urls."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
