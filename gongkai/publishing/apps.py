from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "gongkai.publishing"
    label = "publishing"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from gongkai.core.signals import draft_for_publication
        from gongkai.publishing.jobs import recompute_publish_deadlines
        from gongkai.publishing.receivers import make_draft
        from gongkai.workdays.signals import calendar_changed

        calendar_changed.connect(
            recompute_publish_deadlines, dispatch_uid="publishing.recompute_publish_deadlines"
        )
        draft_for_publication.connect(make_draft, dispatch_uid="publishing.make_draft")
