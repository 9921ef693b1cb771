"""主动公开: disclosed items, their review trail, channels, attachments and catalogue vocabularies."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone


class Scheme(models.TextChoices):
    """The vocabularies of the catalogue; each one is a managed list (regulations.md §6.4)."""

    TOPIC = "topic", "主题分类"
    GENRE = "genre", "体裁分类"
    CATEGORY = "category", "公开目录（第二十条）"


class Term(models.Model):
    scheme = models.CharField("分类体系", max_length=20, choices=Scheme.choices)
    code = models.CharField("代码", max_length=20)
    name = models.CharField("名称", max_length=100)
    order = models.PositiveIntegerField("排序", default=0)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        ordering = ["scheme", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "code"], name="publishing_term_scheme_code")
        ]
        verbose_name = "分类词"
        verbose_name_plural = "分类词"

    def __str__(self) -> str:
        return self.name


class Kind(models.TextChoices):
    GENERAL = "general", "一般信息"
    RULE = "rule", "规章"
    NORMATIVE = "normative", "行政规范性文件"
    INTERPRETATION = "interpretation", "政策解读"
    ANNUAL_REPORT = "annual_report", "政府信息公开年报"
    GUIDE = "guide", "政府信息公开指南"
    SYSTEM = "system", "政府信息公开制度"


class Validity(models.TextChoices):
    VALID = "valid", "有效"
    EXPIRED = "expired", "失效"
    REPEALED = "repealed", "废止"


class Disclosure(models.TextChoices):
    PROACTIVE = "proactive", "主动公开"
    ON_REQUEST = "on_request", "依申请公开"
    WITHHELD = "withheld", "不予公开"


class ItemStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    REVIEW = "review", "待审核"
    SIGNOFF = "signoff", "待签发"
    SCHEDULED = "scheduled", "定时发布"
    PUBLISHED = "published", "已发布"
    WITHDRAWN = "withdrawn", "已撤回"


class ItemQuerySet(models.QuerySet):
    def public(self) -> ItemQuerySet:
        return self.filter(status=ItemStatus.PUBLISHED, disclosure=Disclosure.PROACTIVE)

    def overdue(self, today: dt.date | None = None) -> ItemQuerySet:
        today = today or timezone.localdate()
        return self.filter(
            due_on__lt=today,
            status__in=[
                ItemStatus.DRAFT,
                ItemStatus.REVIEW,
                ItemStatus.SIGNOFF,
                ItemStatus.SCHEDULED,
            ],
            disclosure=Disclosure.PROACTIVE,
        )


class Item(models.Model):
    agency = models.ForeignKey(
        "agencies.Agency", verbose_name="发布机构", on_delete=models.PROTECT, related_name="items"
    )
    kind = models.CharField("信息类型", max_length=20, choices=Kind.choices, default=Kind.GENERAL)
    title = models.CharField("标题", max_length=300)
    body = models.TextField("正文", blank=True)
    body_text = models.TextField("正文纯文本", blank=True, editable=False)
    summary = models.TextField("内容概述", blank=True)
    keywords = models.CharField("关键词", max_length=200, blank=True)
    index_number = models.CharField("索引号", max_length=64, blank=True, db_index=True)
    document_number = models.CharField("文号", max_length=100, blank=True)
    formed_on = models.DateField("成文日期")
    due_on = models.DateField("公开期限", null=True, blank=True, editable=False)
    # Which working-day calendar computed due_on; a calendar change recomputes open items.
    due_calendar_version = models.CharField(max_length=40, blank=True, editable=False)
    published_at = models.DateTimeField("发布日期", null=True, blank=True, db_index=True)
    scheduled_for = models.DateTimeField("定时发布时间", null=True, blank=True)
    topic = models.ForeignKey(
        Term,
        verbose_name="主题分类",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"scheme": Scheme.TOPIC},
    )
    genre = models.ForeignKey(
        Term,
        verbose_name="体裁分类",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"scheme": Scheme.GENRE},
    )
    category = models.ForeignKey(
        Term,
        verbose_name="公开目录",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"scheme": Scheme.CATEGORY},
    )
    validity = models.CharField(
        "有效性", max_length=10, choices=Validity.choices, default=Validity.VALID
    )
    effective_on = models.DateField("实施日期", null=True, blank=True)
    repealed_on = models.DateField("废止（失效）日期", null=True, blank=True)
    own_document = models.BooleanField(
        "本机关制发", default=True, help_text="转载上级或其他机关的文件不计入本机关“制发”件数。"
    )
    disclosure = models.CharField(
        "公开属性", max_length=12, choices=Disclosure.choices, default=Disclosure.PROACTIVE
    )
    disclosure_reason = models.TextField("不予主动公开理由", blank=True)
    interprets = models.ForeignKey(
        "self",
        verbose_name="解读的文件",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="interpretations",
    )
    status = models.CharField(
        "状态", max_length=12, choices=ItemStatus.choices, default=ItemStatus.DRAFT
    )
    last_comment = models.TextField("最近意见", blank=True)
    version = models.PositiveIntegerField("版本", default=1)
    correction_note = models.TextField("更正说明", blank=True)
    corrected_at = models.DateTimeField("更正时间", null=True, blank=True)
    withdrawn_reason = models.TextField("撤回理由", blank=True)
    withdrawn_at = models.DateTimeField("撤回时间", null=True, blank=True)
    is_demo = models.BooleanField("演示数据", default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_off_at = models.DateTimeField("签发时间", null=True, blank=True)
    sign_off_comment = models.TextField("签发意见", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ItemQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(
                fields=["agency", "status", "published_at"], name="pub_item_agency_status"
            ),
            models.Index(fields=["status", "published_at"], name="pub_item_status_date"),
            models.Index(fields=["category", "status"], name="pub_item_category"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["index_number"],
                condition=~models.Q(index_number=""),
                name="publishing_item_index_number_unique",
            )
        ]
        verbose_name = "公开信息"
        verbose_name_plural = "公开信息"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("portal:item", kwargs={"code": self.agency.code, "pk": self.pk})

    def get_manage_url(self) -> str:
        return reverse("publishing_manage:item", kwargs={"pk": self.pk})

    @property
    def is_public(self) -> bool:
        return self.status == ItemStatus.PUBLISHED and self.disclosure == Disclosure.PROACTIVE

    @property
    def is_editable(self) -> bool:
        return self.status == ItemStatus.DRAFT

    def is_overdue(self, today: dt.date | None = None) -> bool:
        today = today or timezone.localdate()
        return (
            self.due_on is not None
            and self.due_on < today
            and self.disclosure == Disclosure.PROACTIVE
            and self.status
            in (ItemStatus.DRAFT, ItemStatus.REVIEW, ItemStatus.SIGNOFF, ItemStatus.SCHEDULED)
        )


class ItemVersion(models.Model):
    """The text of a published version, kept when a correction replaces it."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField()
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    summary = models.TextField(blank=True)
    document_number = models.CharField(max_length=100, blank=True)
    published_at = models.DateTimeField(null=True)
    replaced_at = models.DateTimeField(default=timezone.now)
    note = models.TextField("更正说明", blank=True)

    class Meta:
        ordering = ["item", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["item", "version"], name="publishing_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.item_id} v{self.version}"


def attachment_path(instance: Attachment, filename: str) -> str:
    # Never trust the uploaded name on disk; the original name is only shown to users.
    return f"publishing/{timezone.now():%Y/%m}/{instance.sha256[:2]}/{instance.sha256}"


class Attachment(models.Model):
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=200)
    original_name = models.CharField("文件名", max_length=200)
    content_type = models.CharField(max_length=100)
    extension = models.CharField(max_length=10)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    text = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse(
            "portal:attachment",
            kwargs={"code": self.item.agency.code, "pk": self.item_id, "att": self.pk},
        )


class FindingStatus(models.TextChoices):
    OPEN = "open", "待处理"
    MASKED = "masked", "已遮盖"
    OVERRIDDEN = "overridden", "确认可公开"


class Finding(models.Model):
    """Personal information the scanner found; it blocks the workflow until resolved."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="findings")
    attachment = models.ForeignKey(
        Attachment, null=True, blank=True, on_delete=models.CASCADE, related_name="findings"
    )
    field = models.CharField("位置", max_length=20)  # title/summary/body/attachment
    kind = models.CharField("类型", max_length=40)
    kind_label = models.CharField("类型名称", max_length=40, blank=True)
    masked_value = models.CharField("内容（已遮盖）", max_length=100)
    fingerprint = models.CharField(max_length=64)
    status = models.CharField(
        max_length=12, choices=FindingStatus.choices, default=FindingStatus.OPEN
    )
    reason = models.TextField("理由", blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.kind_label or self.kind}：{self.masked_value}"

    FIELD_LABELS = {"title": "标题", "summary": "内容概述", "keywords": "关键词", "body": "正文"}

    @property
    def location_label(self) -> str:
        """Where the finding is, as staff name it: 正文, 标题 … or 附件 with its file name."""
        if self.attachment_id:
            return f"附件：{self.attachment.original_name}"
        return self.FIELD_LABELS.get(self.field, "正文")


class PublicationChannel(models.TextChoices):
    WEBSITE = "website", "政府网站"
    WEIBO = "weibo", "政务微博"
    WECHAT = "wechat", "政务微信"
    KIOSK = "kiosk", "大厅触摸屏"
    LED = "led", "LED屏"
    BOARD = "board", "公示栏"
    GAZETTE = "gazette", "政府公报"
    OTHER = "other", "其他"


OTHER_CHANNELS = [
    PublicationChannel.KIOSK,
    PublicationChannel.LED,
    PublicationChannel.BOARD,
    PublicationChannel.GAZETTE,
    PublicationChannel.OTHER,
]


class ChannelPost(models.Model):
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="channel_posts")
    channel = models.CharField("渠道", max_length=10, choices=PublicationChannel.choices)
    posted_at = models.DateTimeField("发布时间", default=timezone.now)
    reference = models.CharField("链接或编号", max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["posted_at", "id"]
        indexes = [models.Index(fields=["channel", "item"], name="pub_channel_item")]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.posted_at:%Y-%m-%d}"


class SectionTwoKey(models.TextChoices):
    """Section 二 counts that are decisions or money, not disclosed items (2019/2021 formats)."""

    LICENSE_DECISIONS = "license.decisions", "行政许可处理决定数量"
    OTHER_SERVICES_DECISIONS = "other_services.decisions", "其他对外管理服务事项处理决定数量"
    PENALTY_DECISIONS = "penalty.decisions", "行政处罚处理决定数量"
    COERCION_DECISIONS = "coercion.decisions", "行政强制处理决定数量"
    FEES_AMOUNT = "fees.amount", "行政事业性收费金额（万元）"
    LICENSE_PREV = "license.prev_items", "行政许可上一年项目数量"
    LICENSE_CHANGE = "license.change", "行政许可本年增/减"
    OTHER_SERVICES_PREV = "other_services.prev_items", "其他对外管理服务事项上一年项目数量"
    OTHER_SERVICES_CHANGE = "other_services.change", "其他对外管理服务事项本年增/减"
    PENALTY_PREV = "penalty.prev_items", "行政处罚上一年项目数量"
    PENALTY_CHANGE = "penalty.change", "行政处罚本年增/减"
    COERCION_PREV = "coercion.prev_items", "行政强制上一年项目数量"
    COERCION_CHANGE = "coercion.change", "行政强制本年增/减"
    FEES_PREV = "fees.prev_items", "行政事业性收费上一年项目数量"
    FEES_CHANGE = "fees.change", "行政事业性收费本年增/减"
    PROCUREMENT_ITEMS = "procurement.items", "政府集中采购项目数量"
    PROCUREMENT_AMOUNT = "procurement.amount", "政府集中采购总金额（万元）"


class SectionTwoEntry(models.Model):
    """One month's count of a section 二 figure for a body (month 0 = an annual figure)."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField("年度")
    month = models.PositiveSmallIntegerField("月份", help_text="0 表示全年数")
    key = models.CharField("指标", max_length=40, choices=SectionTwoKey.choices)
    value = models.DecimalField("数值", max_digits=14, decimal_places=4)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["agency", "year", "month", "key"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "month", "key"], name="publishing_section2_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}-{self.month:02d} {self.key} = {self.value}"


class KioskEntryKind(models.TextChoices):
    GUIDE = "guide", "办事指南"
    PHONE = "phone", "窗口电话"


class KioskEntry(models.Model):
    """The small catalogue the hall touch-screen shows: service guides and window phones."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField("类型", max_length=10, choices=KioskEntryKind.choices)
    title = models.CharField("名称", max_length=200)
    detail = models.TextField("内容", blank=True)
    phone = models.CharField("电话", max_length=50, blank=True)
    order = models.PositiveIntegerField("排序", default=0)

    class Meta:
        ordering = ["agency", "kind", "order", "id"]

    def __str__(self) -> str:
        return self.title


class SearchEntry(models.Model):
    """Segmented text of one public item; indexed natively (see gongkai.publishing.search).

    The id grows as items are published, so the index can return the newest matches first
    without sorting every match.
    """

    item = models.OneToOneField(Item, on_delete=models.CASCADE, related_name="+")
    words = models.TextField()

    def __str__(self) -> str:
        return f"search entry of item {self.item_id}"


class PublicGeneration(models.Model):
    """A counter bumped whenever public pages change (publish, correct, withdraw); cached pages
    carry it in their key, so every process drops them at once."""

    value = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return str(self.value)
