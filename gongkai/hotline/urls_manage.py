"""Staff pages of the hotline, mounted under /manage/hotline/."""

from django.urls import path

from gongkai.hotline.analysis import views as analysis
from gongkai.hotline.channels import cti
from gongkai.hotline.views import manage, partners, topics

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
    path("cti/next", cti.next_pop, name="cti_next"),
    path("analysis/", analysis.analysis, name="analysis"),
    path("partners/", partners.partner_list, name="partners"),
    path("partners/new/", partners.partner_edit, name="partner_new"),
    path("partners/<int:pk>/", partners.partner_edit, name="partner_edit"),
]
urlpatterns += [
    path("topics/", topics.queue, name="topics"),
    path("topics/group/", topics.group, name="topics_group"),
    path("topics/<int:pk>/", topics.topic, name="topic"),
    path("topics/<int:pk>/respond/", topics.respond, name="topic_respond"),
    path("topics/<int:pk>/merge/", topics.merge, name="topic_merge"),
    path("topics/<int:pk>/split/", topics.split, name="topic_split"),
]
