"""The event ledger: append-only, each event carrying the hash of the one before it."""

from __future__ import annotations

import hashlib
import json

from django.conf import settings
from django.db import models


class AppendOnlyError(Exception):
    pass


class Event(models.Model):
    created_at = models.DateTimeField("时间", db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_name = models.CharField("操作人", max_length=150, blank=True)
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name="机关",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    object_type = models.CharField("对象类型", max_length=100)
    object_id = models.CharField("对象编号", max_length=64)
    action = models.CharField("操作", max_length=100)
    before = models.JSONField("变更前", null=True, blank=True)
    after = models.JSONField("变更后", null=True, blank=True)
    request_id = models.CharField("请求编号", max_length=64, blank=True)
    source_address = models.CharField("来源地址", max_length=45, blank=True, default="")
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = "审计事件"
        verbose_name_plural = "审计事件"
        ordering = ["id"]
        indexes = [models.Index(fields=["object_type", "object_id", "id"], name="audit_object_idx")]

    def __str__(self) -> str:
        return f"#{self.pk} {self.action} {self.object_type}:{self.object_id}"

    @property
    def action_label(self) -> str:
        """The action in Chinese (old codes too, through their legacy declaration)."""
        from gongkai.audit.actions import label_for

        return label_for(self.action)

    def compute_hash(self) -> str:
        payload = {
            "created_at": self.created_at.isoformat(),
            "actor": self.actor_id,
            "actor_name": self.actor_name,
            "agency": self.agency_id,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "action": self.action,
            "before": self.before,
            "after": self.after,
            "request_id": self.request_id,
            "prev": self.prev_hash,
        }
        # Added later: events from before it carry no address and keep their hash.
        if self.source_address:
            payload["source"] = self.source_address
        canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise AppendOnlyError("审计事件只能追加，不能修改")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("审计事件只能追加，不能删除")


class ChainHead(models.Model):
    """One row: the last event's id and hash. Locked while appending so the chain never forks,
    and compared on verification so deleting the newest events is noticed too."""

    last_event_id = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)
    count = models.BigIntegerField(default=0)
    # HMAC of (last_event_id, last_hash, count) with a key kept outside the database
    # (gongkai.audit.signing): whoever rewrites the chain here cannot sign its new head.
    signature = models.CharField(max_length=64, blank=True, default="")

    def __str__(self) -> str:
        return f"#{self.last_event_id}"
