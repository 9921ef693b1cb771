"""What the outside channels leave behind: each message taken in (so a retried push or a
re-imported file makes no second ticket), the partner systems allowed to post tickets, and the
telephony system's call records."""

from __future__ import annotations

import hashlib
import secrets

from django.db import models

from gongkai.core.encrypted import EncryptedCharField


class ChannelMessage(models.Model):
    """One message received on an outside channel, by the channel's own id (WeChat MsgId,
    e-mail Message-ID). The sender's address stays here, for staff only."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    channel = models.CharField("渠道", max_length=16)
    external_id = models.CharField("消息标识", max_length=255)
    sender = EncryptedCharField("发送方", max_length=255, blank=True)
    ticket = models.ForeignKey(
        "hotline.Ticket", on_delete=models.CASCADE, related_name="channel_messages"
    )
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "渠道来件"
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "channel", "external_id"], name="hotline_message_once"
            )
        ]

    def __str__(self) -> str:
        return self.external_id


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class PartnerSystem(models.Model):
    """A system allowed to post to the centre: an Open311 client or the telephony (CTI)
    system. Only the key's hash is kept; the key is shown once when issued."""

    class Kind(models.TextChoices):
        OPEN311 = "open311", "Open311 接入系统"
        CTI = "cti", "话务系统"

    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="+", verbose_name="热线中心"
    )
    name = models.CharField("系统名称", max_length=100)
    kind = models.CharField("类型", max_length=12, choices=Kind.choices)
    key_hash = models.CharField(max_length=64, unique=True)
    is_active = models.BooleanField("启用", default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "接入系统"

    def __str__(self) -> str:
        return self.name

    @classmethod
    def issue(cls, agency, name: str, kind: str) -> tuple[PartnerSystem, str]:
        key = "gk311_" + secrets.token_urlsafe(24)
        return cls.objects.create(agency=agency, name=name, kind=kind, key_hash=hash_key(key)), key

    @classmethod
    def for_key(cls, key: str, kind: str) -> PartnerSystem | None:
        if not key:
            return None
        return (
            cls.objects.select_related("agency")
            .filter(key_hash=hash_key(key), kind=kind, is_active=True)
            .first()
        )


class Call(models.Model):
    """One incoming call as the telephony system reports it (a CTI event or an imported call
    record): the basis of 接通率."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    call_id = models.CharField("呼叫标识", max_length=80)
    caller = EncryptedCharField("主叫号码", max_length=30, blank=True)  # encrypted at rest
    agent = models.CharField("坐席", max_length=150, blank=True)
    started_at = models.DateTimeField("呼入时间", db_index=True)
    answered = models.BooleanField("已接通", default=False)
    duration = models.PositiveIntegerField("通话秒数", default=0)
    shown = models.BooleanField("已弹屏", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "呼叫记录"
        constraints = [
            models.UniqueConstraint(fields=["agency", "call_id"], name="hotline_call_once")
        ]
        indexes = [models.Index(fields=["agency", "started_at"], name="hotline_call_period")]

    def __str__(self) -> str:
        return self.call_id
