from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "gongkai.accounts"
    label = "accounts"
    verbose_name = "账号与登录"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from gongkai.accounts import signals

        signals.connect()
