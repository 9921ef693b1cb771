"""Staff pages of the hotline, mounted under /manage/hotline/."""

from django.urls import path

from gongkai.hotline.views import manage

app_name = "hotline_manage"
urlpatterns = [
    path("", manage.queue, name="queue"),
    path("new/", manage.register, name="register"),
    path("callers/", manage.callers, name="callers"),
    path("<int:pk>/", manage.ticket, name="ticket"),
    path("<int:pk>/unmask/", manage.unmask, name="unmask"),
    path("<int:pk>/steps/<slug:name>/", manage.ticket_step, name="ticket_step"),
    path("assignments/", manage.body_queue, name="body_queue"),
    path("assignments/<int:pk>/", manage.assignment, name="assignment"),
    path(
        "assignments/<int:pk>/steps/<slug:name>/",
        manage.assignment_step,
        name="assignment_step",
    ),
]
