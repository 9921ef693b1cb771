"""A ticket (工单), its dispatches to bodies (Assignment) and its callbacks (回访)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from gongkai.core import codes
from gongkai.core.encrypted import EncryptedCharField, HashedFields, SearchHash
from gongkai.hotline.choices import (
    AssignmentStatus,
    CallbackResult,
    ExtensionStatus,
    TicketChannel,
    TicketStatus,
    TicketType,
)

__all__ = ["Assignment", "Callback", "Notice", "Ticket", "hash_code"]

# The query code's hash is bound to the hotline (a ticket number never matches a receipt's).
CODE_DOMAIN = "hotline"


def hash_code(ticket_no: str, code: str) -> str:
    """The stored form of a ticket's query code (gongkai.core.codes); the code is never kept."""
    return codes.code_hash(CODE_DOMAIN, ticket_no, code=code)


class TicketQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status=TicketStatus.CLOSED)

    def counted(self):
        """Tickets that count in the figures: a duplicate merged into another counts once."""
        return self.filter(duplicate_of__isnull=True)


class Ticket(HashedFields, models.Model):
    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="hotline_tickets",
        verbose_name="受理机关（热线中心）",
    )
    ticket_no = models.CharField("工单编号", max_length=40, unique=True)
    code_hash = models.CharField(max_length=64)
    upstream_no = models.CharField("上级平台工单号", max_length=60, blank=True)

    channel = models.CharField("受理渠道", max_length=16, choices=TicketChannel.choices)
    type = models.CharField("诉求类型", max_length=16, choices=TicketType.choices)
    category = models.ForeignKey(
        "hotline.Category",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="诉求分类",
    )
    emergency = models.BooleanField("紧急", default=False)

    # The caller: never shown on a public page; the phone is shown masked to staff. Encrypted
    # at rest (gongkai.core.encrypted); found by exact value through the keyed hashes.
    name = EncryptedCharField("来电人", max_length=50, blank=True)
    phone = EncryptedCharField("联系电话", max_length=30, blank=True)
    address = EncryptedCharField("地址", max_length=200, blank=True)
    name_hash = SearchHash(source="name", kind="name")
    phone_hash = SearchHash(source="phone", kind="phone")
    address_hash = SearchHash(source="address", kind="address")
    area = models.CharField("区域（镇街）", max_length=60, blank=True)
    content = models.TextField("诉求内容")
    public_consent = models.BooleanField("同意公开答复（留言选登）", default=False)

    received_at = models.DateTimeField("受理时间")
    received_on = models.DateField("受理日期", db_index=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    status = models.CharField(
        "状态", max_length=16, choices=TicketStatus.choices, default=TicketStatus.RECEIVED
    )
    body = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="承办单位",
    )
    direct = models.BooleanField("直办", default=False)
    dispatched = models.BooleanField("曾派单", default=False)
    due_on = models.DateField("办结时限", null=True, blank=True, db_index=True)
    sign_due_on = models.DateField("签收时限", null=True, blank=True)
    signed_on = models.DateField("签收日期", null=True, blank=True)
    signed_late = models.BooleanField("超时签收", null=True)
    replied_on = models.DateField("答复日期", null=True, blank=True)
    replied = models.BooleanField("已答复", default=False)
    reply = models.TextField("答复内容", blank=True)
    closed_on = models.DateField("办结日期", null=True, blank=True, db_index=True)
    closed_late = models.BooleanField("超期办结", null=True)
    extended = models.BooleanField("经延期", default=False)
    returns = models.PositiveSmallIntegerField("退单次数", default=0)
    reworks = models.PositiveSmallIntegerField("重办次数", default=0)
    supervised = models.BooleanField("督办", default=False)
    satisfaction = models.CharField(
        "回访结果", max_length=16, choices=CallbackResult.choices, blank=True
    )
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name="重复于",
    )
    topic = models.ForeignKey(
        "hotline.Topic",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tickets",
        verbose_name="热点话题",
    )
    reminded = models.CharField(max_length=32, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TicketQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = verbose_name_plural = "热线工单"
        indexes = [
            # The centre's queue (gongkai.hotline.queue): open tickets in the page's order; the
            # columns after id don't change that order, they let filters and the (capped)
            # count read the index alone. (status=all walks the due_on index.)
            models.Index(
                fields=[
                    "agency",
                    "due_on",
                    "received_at",
                    "id",
                    "status",
                    "type",
                    "channel",
                    "supervised",
                    "ticket_no",
                ],
                name="hotline_tk_open_queue",
                condition=~models.Q(status="closed"),
            ),
            models.Index(fields=["agency", "received_on"], name="hotline_tk_received"),
            models.Index(fields=["body", "status"], name="hotline_tk_body"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "upstream_no"],
                condition=~models.Q(upstream_no=""),
                name="hotline_upstream_once",
            )
        ]

    def __str__(self) -> str:
        return self.ticket_no

    def get_manage_url(self) -> str:
        return reverse("hotline_manage:ticket", args=[self.pk])

    def check_code(self, code: str) -> bool:
        return codes.matches(self.code_hash, CODE_DOMAIN, self.ticket_no, code=code)

    @property
    def is_open(self) -> bool:
        return self.status != TicketStatus.CLOSED

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)

    @property
    def current_assignment(self) -> Assignment | None:
        return self.assignments.exclude(status=AssignmentStatus.RETURNED).order_by("-id").first()


def mask_phone(phone: str) -> str:
    """138****5678: the first three and the last four characters; a short number keeps only its
    last two."""
    value = (phone or "").strip()
    if len(value) >= 8:
        return value[:3] + "****" + value[-4:]
    if len(value) > 2:
        return "*" * (len(value) - 2) + value[-2:]
    return "*" * len(value)


class Assignment(models.Model):
    """One dispatch of a ticket to a body (派单): the body signs, returns, extends, replies."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="assignments")
    body = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="hotline_assignments",
        verbose_name="承办单位",
    )
    status = models.CharField(
        "状态", max_length=16, choices=AssignmentStatus.choices, default=AssignmentStatus.PENDING
    )
    dispatched_on = models.DateField("派单日期")
    sign_due_on = models.DateField("签收时限")
    signed_on = models.DateField("签收日期", null=True, blank=True)
    note = models.CharField("派单说明", max_length=300, blank=True)
    return_reason = models.TextField("退单理由", blank=True)
    extension = models.CharField(
        "延期申请", max_length=12, choices=ExtensionStatus.choices, blank=True
    )
    extension_days = models.PositiveSmallIntegerField("申请延期工作日", null=True, blank=True)
    extension_reason = models.TextField("延期理由", blank=True)
    replied_on = models.DateField("答复日期", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = verbose_name_plural = "派单记录"
        indexes = [models.Index(fields=["body", "status"], name="hotline_asg_body")]

    def __str__(self) -> str:
        return f"{self.ticket.ticket_no} → {self.body}"

    def get_manage_url(self) -> str:
        return reverse("hotline_manage:assignment", args=[self.pk])


class Callback(models.Model):
    """回访: the centre calls the caller back after the reply."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="callbacks")
    on = models.DateField("回访日期")
    result = models.CharField("回访结果", max_length=16, choices=CallbackResult.choices)
    body_caused = models.BooleanField("不满意系承办单位原因", default=False)
    note = models.TextField("回访记录", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return f"{self.ticket.ticket_no} {self.get_result_display()}"


class Notice(models.Model):
    """An in-app message to a body's staff (D-1 reminders of a ticket's limit)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="notices")
    text = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.text
