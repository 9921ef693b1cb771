from django.apps import AppConfig


class HotlineConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "gongkai.hotline"
    verbose_name = "民生热线"
