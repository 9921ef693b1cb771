from django.apps import AppConfig


class NumberingConfig(AppConfig):
    name = "gongkai.numbering"
    label = "numbering"
    default_auto_field = "django.db.models.BigAutoField"
