"""Staff pages of this module, mounted under /manage/applications/."""

from django.urls import path

from gongkai.applications.views import manage, outbox, personal

app_name = "applications_manage"
urlpatterns = [
    path("", manage.worklist, name="worklist"),
    path("new/", manage.register, name="register"),
    path("disputes/", manage.disputes, name="disputes"),
    path("notifications/", manage.notifications, name="notifications"),
    path("notices/failed/", outbox.failed, name="failed_notices"),
    path("notices/<int:pk>/resend/", outbox.resend, name="notice_resend"),
    path("<int:pk>/", manage.detail, name="detail"),
    path("<int:pk>/reveal/", personal.reveal, name="reveal"),
    path("<int:pk>/do/<slug:name>/", manage.action, name="action"),
    path("<int:pk>/disputes/", manage.dispute, name="dispute_add"),
    path("<int:pk>/disputes/<int:dispute_pk>/", manage.dispute, name="dispute_edit"),
    path("<int:pk>/receipt.<str:fmt>", manage.receipt, name="receipt"),
    path("<int:pk>/letters/<int:det_pk>.<str:fmt>", manage.letter, name="letter"),
    path("<int:pk>/attachments/<int:att_pk>/", manage.attachment, name="attachment"),
]
