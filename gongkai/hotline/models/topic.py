"""Hot topics (热点) grouped from tickets, and the responses (回应解读) that answer them."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai.hotline.choices import ResponseKind


class Topic(models.Model):
    """A 热点或舆情: counted once in resp.total however many ways it is answered."""

    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="hotline_topics",
        verbose_name="机关",
    )
    title = models.CharField("话题", max_length=200)
    category = models.ForeignKey(
        "hotline.Category",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="分类",
    )
    keywords = models.CharField("关键词", max_length=300, blank=True)
    first_on = models.DateField("起始日期")
    last_on = models.DateField("最近日期")
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="已并入",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-last_on", "-id"]
        verbose_name = verbose_name_plural = "热点话题"
        indexes = [models.Index(fields=["agency", "first_on"], name="hotline_topic_first")]

    def __str__(self) -> str:
        return self.title


class Response(models.Model):
    """One response to a topic, by way (the rows of the 2014 table's section 二)."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="responses")
    kind = models.CharField("回应方式", max_length=16, choices=ResponseKind.choices)
    on = models.DateField("回应日期", db_index=True)
    leader = models.BooleanField("主要负责同志参加", default=False)
    item = models.ForeignKey(
        "publishing.Item",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="政策解读稿件",
    )
    note = models.CharField("说明", max_length=300, blank=True)
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
        verbose_name = verbose_name_plural = "回应记录"

    def __str__(self) -> str:
        return f"{self.topic} {self.get_kind_display()}"
