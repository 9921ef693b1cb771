"""Password rules of 等保 level 3 (GB/T 22239-2019 8.1.4.1 a): complexity, no reuse of the last
N passwords, optional expiry. Django's validator protocol carries them, so every way a password
is set (the change page, `createadmin`, the admin site) obeys the same rules; `password_changed`
is called by Django after any save of a new password, which is where history and the ledger
entry are written."""

from __future__ import annotations

import datetime as dt
import string

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.contrib.auth.password_validation import (
    MinimumLengthValidator as DjangoMinimumLengthValidator,
)
from django.core.exceptions import ValidationError
from django.utils import timezone

CLASSES = {
    "大写字母": set(string.ascii_uppercase),
    "小写字母": set(string.ascii_lowercase),
    "数字": set(string.digits),
}


def character_classes(password: str) -> int:
    count = sum(1 for chars in CLASSES.values() if set(password) & chars)
    if any(not ch.isalnum() or not ch.isascii() for ch in password):
        count += 1  # symbols (and non-ASCII characters) are the fourth class
    return count


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


class CharacterClassesValidator:
    def __init__(self, min_classes: int = 3) -> None:
        self.min_classes = min_classes

    def validate(self, password: str, user=None) -> None:
        if character_classes(password) < self.min_classes:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self) -> str:
        return f"密码须包含大写字母、小写字母、数字、符号中的至少 {self.min_classes} 类。"


class PasswordHistoryValidator:
    """Refuses any of the user's last `keep` passwords; records each new one."""

    def __init__(self, keep: int = 5) -> None:
        self.keep = keep

    def validate(self, password: str, user=None) -> None:
        if user is None or user.pk is None or self.keep <= 0:
            return
        for old in user.password_history.values_list("password", flat=True)[: self.keep]:
            if check_password(password, old):
                raise ValidationError(
                    f"不能使用最近 {self.keep} 次用过的密码。", code="password_reused"
                )

    def password_changed(self, password: str, user=None) -> None:
        from gongkai.accounts.actions import PASSWORD_CHANGE
        from gongkai.accounts.models import PasswordHistory
        from gongkai.accounts.signals import request_user
        from gongkai.audit.services import record

        if user is None or user.pk is None:
            return
        # The first password is the account being made, not a change: history only.
        first = not user.password_history.exists()
        PasswordHistory.objects.create(user=user, password=user.password)
        stale = user.password_history.values_list("pk", flat=True)[max(self.keep, 1) :]
        PasswordHistory.objects.filter(pk__in=list(stale)).delete()
        if not first:
            record(PASSWORD_CHANGE, user, after={"changed": True}, actor=request_user())

    def get_help_text(self) -> str:
        return f"不能与最近 {self.keep} 次用过的密码相同。"


def password_changed_at(user) -> dt.datetime:
    latest = user.password_history.values_list("changed_at", flat=True).first()
    return latest or user.date_joined


def password_expired(user) -> bool:
    days = settings.GONGKAI_PASSWORD_MAX_AGE_DAYS
    if not days:
        return False
    return timezone.now() - password_changed_at(user) > dt.timedelta(days=days)
