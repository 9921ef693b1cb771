from django.conf import settings
from django.db import models


class ApiToken(models.Model):
    """A personal API token of a staff member. Only its SHA-256 is stored; the token itself is
    shown once, when it is made."""

    user = models.ForeignKey("auth.User", on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField("用途", max_length=100)
    prefix = models.CharField(max_length=8)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "接口令牌"
        verbose_name_plural = "接口令牌"

    def __str__(self) -> str:
        return f"{self.name}（{self.prefix}…）"


class PasswordHistory(models.Model):
    """The hashes of a user's last passwords (never the passwords), so an old one cannot come
    back, and the time of the last change, for expiry."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="password_history"
    )
    password = models.CharField(max_length=128)
    changed_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user_id}@{self.changed_at:%Y-%m-%d}"


class UserSession(models.Model):
    """A logged-in session of a user: to hold the number of sessions per user to a limit and
    to end a session a fixed time after login, however active it is."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="login_sessions"
    )
    session_key = models.CharField(max_length=40, unique=True)
    started_at = models.DateTimeField(auto_now_add=True, db_index=True)
    address = models.CharField(max_length=45, blank=True, default="")

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user_id}@{self.started_at:%Y-%m-%d %H:%M}"


class SetupCode(models.Model):
    """A one-time code with which a member sets their password: for people created without
    one, and for those who forgot it. Only the code's SHA-256 is stored; it expires, works
    once, and a new code replaces any earlier one."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="setup_codes"
    )
    code_hash = models.CharField(max_length=64, unique=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "一次性设置密码码"
        verbose_name_plural = "一次性设置密码码"

    def __str__(self) -> str:
        return f"{self.user} {self.created_at:%Y-%m-%d %H:%M}"
