from django.db import models


class Job(models.Model):
    """Background work for `gongkai worker`. Claimed with a conditional UPDATE, so several
    workers can share one PostgreSQL database without a broker."""

    kind = models.CharField(max_length=100)
    payload = models.JSONField(default=dict, blank=True)
    dedupe_key = models.CharField(max_length=200, blank=True, default="")
    run_after = models.DateTimeField(db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    claimed_by = models.CharField(max_length=100, blank=True, default="")
    claimed_at = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True, default="")

    class Meta:
        indexes = [models.Index(fields=["done_at", "claimed_at", "run_after"], name="job_due_idx")]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"


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
