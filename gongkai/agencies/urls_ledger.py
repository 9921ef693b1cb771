from django.urls import path

from gongkai.agencies.views import ledger as views

# Mounted at /manage/audit/; the namespace keeps its name.
app_name = "audit_manage"
urlpatterns = [
    path("", views.ledger, name="ledger"),
    path("<str:object_type>/<str:object_id>/", views.object_history, name="history"),
]
