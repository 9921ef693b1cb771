"""Staff pages of this module, mounted under /manage/reports/."""

from django.urls import path

from .views import imports, manage, org

app_name = "reports_manage"
urlpatterns = [
    path("", manage.report_list, name="list"),
    path("new/", manage.report_create, name="create"),
    path("rollup/", manage.report_rollup, name="rollup"),
    path("import/", imports.import_page, name="import"),
    path("import/<int:pk>/", imports.import_detail, name="import_detail"),
    path("org/<slug:code>/<int:year>/", org.org_records, name="org"),
    path("<int:pk>/", manage.report_detail, name="detail"),
    path("<int:pk>/steps/<slug:name>/", manage.report_step, name="step"),
    path("<int:pk>/download.<slug:kind>", manage.report_download, name="download"),
]
