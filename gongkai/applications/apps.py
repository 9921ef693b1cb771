from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "gongkai.applications"
    label = "applications"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from gongkai.applications.jobs import recompute_open_deadlines
        from gongkai.workdays.signals import calendar_changed

        calendar_changed.connect(
            recompute_open_deadlines, dispatch_uid="applications.recompute_open_deadlines"
        )
