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


class ThrottleEvent(models.Model):
    """One counted event of a rate limit (gongkai.core.throttle), shared by all processes."""

    key = models.CharField(max_length=200)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["key", "at"], name="throttle_key_at_idx")]

    def __str__(self) -> str:
        return self.key
