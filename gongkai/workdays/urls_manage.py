"""Staff pages of the working-day calendar, mounted under /manage/calendar/."""

from django.urls import path

from gongkai.workdays.views import calendar

app_name = "workdays_manage"
urlpatterns = [
    path("", calendar.index, name="index"),
    path("<int:year>/", calendar.year_detail, name="year"),
    path("days/new/", calendar.day_edit, name="day_create"),
    path("days/<int:pk>/", calendar.day_edit, name="day_edit"),
    path("days/<int:pk>/delete/", calendar.day_delete, name="day_delete"),
    path("notices/new/", calendar.notice_add, name="notice_add"),
]
