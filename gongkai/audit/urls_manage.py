from django.urls import path

from gongkai.audit import views

app_name = "audit_manage"
urlpatterns = [
    path("", views.ledger, name="ledger"),
    path("<str:object_type>/<str:object_id>/", views.object_history, name="history"),
]
