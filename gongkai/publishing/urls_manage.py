"""Staff pages of this module, mounted under /manage/publishing/."""

from django.urls import path

from gongkai.publishing.views import manage, manage_other

app_name = "publishing_manage"
urlpatterns = [
    path("", manage.worklist, name="worklist"),
    path("items/", manage.item_list, name="items"),
    path("items/new/", manage.item_create, name="create"),
    path("items/<int:pk>/", manage.item_detail, name="item"),
    path("items/<int:pk>/edit/", manage.item_edit, name="edit"),
    path("items/<int:pk>/correct/", manage.item_correct, name="correct"),
    path("items/<int:pk>/steps/<slug:name>/", manage.item_step, name="step"),
    path("items/<int:pk>/channels/<str:channel>/", manage.channel_content, name="channel_content"),
    path("items/<int:pk>/attachments/", manage.item_attach, name="attach"),
    path("items/<int:pk>/attachments/<int:att>/", manage.attachment_download, name="attachment"),
    path(
        "items/<int:pk>/attachments/<int:att>/delete/",
        manage.attachment_delete,
        name="attachment_delete",
    ),
    path("findings/<int:pk>/mask/", manage.finding_mask, name="finding_mask"),
    path("findings/<int:pk>/override/", manage.finding_override, name="finding_override"),
    path("section2/", manage_other.section_two, name="section_two"),
    path("section2/import/", manage_other.section_two_import, name="section_two_import"),
    path("kiosk/", manage_other.kiosk_catalogue, name="kiosk"),
    path("kiosk/<int:pk>/delete/", manage_other.kiosk_delete, name="kiosk_delete"),
]
