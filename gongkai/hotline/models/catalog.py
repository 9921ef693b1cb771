"""What the centre configures: the category tree, the 派单目录 and the knowledge base."""

from __future__ import annotations

from django.db import models


class Category(models.Model):
    """One node of the configurable category tree (城乡建设 › 物业 …); `code` is stable."""

    code = models.SlugField("代码", max_length=40, unique=True)
    name = models.CharField("名称", max_length=60)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="上级分类",
    )
    order = models.PositiveSmallIntegerField("排序", default=0)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = verbose_name_plural = "诉求分类"

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.parent.name}／{self.name}" if self.parent_id else self.name

    @property
    def top(self) -> Category:
        return self.parent if self.parent_id else self


class DispatchRule(models.Model):
    """派单目录: which body handles a category in an area (blank area: everywhere)."""

    centre = models.ForeignKey(
        "agencies.Agency", on_delete=models.CASCADE, related_name="+", verbose_name="热线中心"
    )
    category = models.ForeignKey(Category, on_delete=models.CASCADE, verbose_name="分类")
    area = models.CharField("区域（镇街）", max_length=60, blank=True)
    body = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="+", verbose_name="承办单位"
    )
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        ordering = ["category__order", "area", "id"]
        verbose_name = verbose_name_plural = "派单目录"
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "category", "area"], name="hotline_dispatch_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.category} {self.area or '全区'} → {self.body}"


class KnowledgeEntry(models.Model):
    """知识库: an answer the agent can give at once (直办), kept by the responsible body."""

    centre = models.ForeignKey(
        "agencies.Agency", on_delete=models.CASCADE, related_name="+", verbose_name="热线中心"
    )
    category = models.ForeignKey(
        Category, on_delete=models.SET_NULL, null=True, blank=True, verbose_name="分类"
    )
    title = models.CharField("问题", max_length=200)
    answer = models.TextField("答复口径")
    item = models.ForeignKey(
        "publishing.Item",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="关联公开信息",
    )
    guide_url = models.URLField("办事指南链接", blank=True)
    kept_by = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="维护单位",
    )
    is_active = models.BooleanField("启用", default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = verbose_name_plural = "知识库条目"

    def __str__(self) -> str:
        return self.title
