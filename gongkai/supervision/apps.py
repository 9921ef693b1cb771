from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "gongkai.supervision"
    label = "supervision"
    verbose_name = "政务公开监督"
    default_auto_field = "django.db.models.BigAutoField"
