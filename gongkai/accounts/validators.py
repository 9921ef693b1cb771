from django.contrib.auth.password_validation import (
    MinimumLengthValidator as DjangoMinimumLengthValidator,
)
from django.core.exceptions import ValidationError


class MinimumLengthValidator(DjangoMinimumLengthValidator):
    """Django 5.2 changed this message's msgid and its zh_Hans catalogue has not caught up, so
    the Chinese text is given here."""

    def get_error_message(self) -> str:
        return f"密码太短：至少需要 {self.min_length} 个字符。"

    def get_help_text(self) -> str:
        return f"密码至少需要 {self.min_length} 个字符。"

    def validate(self, password, user=None) -> None:
        if len(password) < self.min_length:
            raise ValidationError(self.get_error_message(), code="password_too_short")
