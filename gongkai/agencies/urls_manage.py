from django.urls import path

from gongkai.agencies.views import bodies, members, reading_points

app_name = "agencies_manage"
urlpatterns = [
    path("", bodies.agency_list, name="list"),
    path("new/", bodies.agency_create, name="create"),
    path("<slug:code>/", bodies.agency_detail, name="detail"),
    path("<slug:code>/edit/", bodies.agency_edit, name="edit"),
    path(
        "<slug:code>/reading-points/new/",
        reading_points.reading_point_edit,
        name="reading_point_create",
    ),
    path(
        "<slug:code>/reading-points/<int:pk>/",
        reading_points.reading_point_edit,
        name="reading_point_edit",
    ),
    path(
        "<slug:code>/reading-points/<int:pk>/delete/",
        reading_points.reading_point_delete,
        name="reading_point_delete",
    ),
    path("<slug:code>/members/new/", members.member_add, name="member_add"),
    path("<slug:code>/members/<int:pk>/delete/", members.member_remove, name="member_remove"),
]
