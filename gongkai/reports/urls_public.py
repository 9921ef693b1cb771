"""Public pages of this module, mounted under /xxgk/<agency code>/ by gongkai.portal.urls."""

from django.urls import path

from .views import public

urlpatterns = [
    path("ndbg/", public.reports_list, name="reports_list"),
    path("ndbg/report.css", public.report_css, name="reports_css"),
    path("ndbg/<int:year>/", public.report_page, name="reports_detail"),
    path("ndbg/<int:year>.<slug:kind>", public.report_file, name="reports_file"),
]
