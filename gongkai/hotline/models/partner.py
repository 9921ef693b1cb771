"""The seed's partners: 加盟服务企业 (life-service companies by category) and the volunteer
centre, to which an agent can refer a caller; each referral is a step with its outcome."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Partner(models.Model):
    class Kind(models.TextChoices):
        ENTERPRISE = "enterprise", "加盟服务企业"
        VOLUNTEER = "volunteer", "志愿服务组织"

    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="+", verbose_name="热线中心"
    )
    kind = models.CharField("类型", max_length=12, choices=Kind.choices)
    name = models.CharField("名称", max_length=100)
    categories = models.ManyToManyField(
        "hotline.Category", blank=True, related_name="partners", verbose_name="服务类别"
    )
    services = models.CharField("服务内容", max_length=300, blank=True)
    contact = models.CharField("联系人", max_length=50, blank=True)
    phone = models.CharField("服务电话", max_length=30, blank=True)
    address = models.CharField("地址", max_length=200, blank=True)
    is_active = models.BooleanField("在册", default=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = verbose_name_plural = "加盟企业与志愿组织"
        constraints = [
            models.UniqueConstraint(fields=["agency", "name"], name="hotline_partner_name_once")
        ]

    def __str__(self) -> str:
        return self.name


class Referral(models.Model):
    class Outcome(models.TextChoices):
        PENDING = "", "待反馈"
        SERVED = "served", "已提供服务"
        DECLINED = "declined", "未能提供服务"
        CALLER_DECLINED = "caller_declined", "群众不再需要"

    ticket = models.ForeignKey("hotline.Ticket", on_delete=models.CASCADE, related_name="referrals")
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="referrals")
    note = models.CharField("转介说明", max_length=300, blank=True)
    outcome = models.CharField("结果", max_length=16, choices=Outcome.choices, blank=True)
    outcome_note = models.CharField("结果说明", max_length=300, blank=True)
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    referred_at = models.DateTimeField(auto_now_add=True)
    outcome_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-referred_at", "-id"]
        verbose_name = verbose_name_plural = "转介记录"

    def __str__(self) -> str:
        return f"{self.ticket_id} → {self.partner_id}"
