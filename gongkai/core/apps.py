from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "gongkai.core"
    label = "core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from gongkai.core import formmessages
        from gongkai.core.bounds import bound_form_dates
        from gongkai.core.plugins import discover

        bound_form_dates()
        formmessages.apply()
        # Every app's figures/jobs/commands/api/demo module is imported and checked now, so a
        # broken one stops the start instead of failing at first use.
        discover()
