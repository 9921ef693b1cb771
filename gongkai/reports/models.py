"""The figures store and the report workflow.

A Report is one body's annual report for one year in one format. Each statistics cell is a
Figure row: the value (null = printed blank, kept apart from 0) and where it came from.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from .formats import FORMATS


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已提交审核"
    REVIEWED = "reviewed", "保密审查通过"
    APPROVED = "approved", "领导已审定"
    PUBLISHED = "published", "已发布"

    @classmethod
    def not_approved(cls) -> list[str]:
        return [cls.DRAFT, cls.SUBMITTED, cls.REVIEWED]


class Provenance(models.TextChoices):
    COMPUTED = "computed", "系统计算"
    ENTERED = "entered", "人工录入"
    IMPORTED = "imported", "文件导入"


class Report(models.Model):
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name="机关",
        on_delete=models.PROTECT,
        related_name="annual_reports",
    )
    year = models.PositiveSmallIntegerField("年度")
    format = models.CharField(
        "格式", max_length=8, choices=[(f.id, f"{f.id} {f.name}") for f in FORMATS.values()]
    )
    status = models.CharField(
        "状态", max_length=16, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    sections = models.JSONField("正文各部分", default=list, blank=True)  # [[heading, text], …]
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    reviewed_at = models.DateTimeField("保密审查时间", null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="保密审查人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_at = models.DateTimeField("审定时间", null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审定人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Counts the writes of this report's figures, raised by a database trigger (migration
    # 0007): part of the basis a kept roll-up is checked against (rollup_cache).
    revision = models.PositiveIntegerField("统计数修订次数", default=0, editable=False)

    class Meta:
        verbose_name = "年度报告"
        verbose_name_plural = "年度报告"
        ordering = ["-year", "agency__path"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="report_agency_year_unique")
        ]
        indexes = [models.Index(fields=["year", "status"])]

    def __str__(self) -> str:
        return f"{self.agency}{self.year}年政府信息公开工作年度报告"

    def save(self, *args, **kwargs) -> None:
        # A copy loaded before a figure write must not put the old revision back, or a roll-up
        # cached before that write would look valid again.
        if not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                f.name
                for f in self._meta.concrete_fields
                if not f.primary_key and f.name != "revision"
            ]
        super().save(*args, **kwargs)

    @property
    def is_frozen(self) -> bool:
        """An approved report's figures no longer change, whatever the records do later."""
        return self.status in (ReportStatus.APPROVED, ReportStatus.PUBLISHED)


class RollupCache(models.Model):
    """The figure sums over one body's subtree for one year and format, with the basis they
    were computed on (rollup_cache): read instead of millions of figures while it matches."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    format = models.CharField("格式", max_length=8)
    basis = models.CharField("依据", max_length=120)
    generation = models.BigIntegerField("写入代数", default=-1)
    bodies = models.PositiveIntegerField("机关数", default=0)
    reported = models.PositiveIntegerField("年报数", default=0)
    totals = models.JSONField("合计", default=dict)  # {key: "decimal" | null}
    built_at = models.DateTimeField("计算时间", auto_now=True)

    class Meta:
        verbose_name = "汇总缓存"
        verbose_name_plural = "汇总缓存"
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "format"], name="rollupcache_agency_year_format_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.year} {self.format}"


class RollupGeneration(models.Model):
    """One row counting the committed transactions that wrote bodies, reports or figures.
    Database triggers raise it (migration 0007), so no way of writing is missed: a kept roll-up
    built at the current generation is valid without looking at anything below it."""

    value = models.BigIntegerField("代数", default=0)

    class Meta:
        verbose_name = "汇总写入代数"
        verbose_name_plural = "汇总写入代数"

    def __str__(self) -> str:
        return str(self.value)


class Figure(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="figures")
    key = models.CharField("统计项", max_length=64)
    value = models.DecimalField("数值", max_digits=18, decimal_places=6, null=True, blank=True)
    provenance = models.CharField("来源", max_length=16, choices=Provenance.choices)
    source = models.CharField("来源说明", max_length=300, blank=True)  # module or file name
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="录入人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "统计数"
        verbose_name_plural = "统计数"
        constraints = [
            models.UniqueConstraint(fields=["report", "key"], name="figure_report_key_unique")
        ]
        indexes = [models.Index(fields=["key"])]

    def __str__(self) -> str:
        return f"{self.key}={self.value}"


class DeadlineRule(models.Model):
    """A jurisdiction's own publication date for the bodies below it (statutory dates are the
    outer limits: departments 1月31日, governments 3月31日, 条例 Art. 49)."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name="适用辖区（含下级）",
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField("适用机关类别", max_length=16, blank=True, help_text="留空表示全部类别")
    month = models.PositiveSmallIntegerField("月")
    day = models.PositiveSmallIntegerField("日")

    class Meta:
        verbose_name = "年报发布期限"
        verbose_name_plural = "年报发布期限"

    def __str__(self) -> str:
        return f"{self.agency} {self.kind or '全部'} {self.month}月{self.day}日"


def _import_path(instance: ImportBatch, filename: str) -> str:
    # never the uploaded name on disk; it is kept as metadata only
    return f"report-imports/{uuid.uuid4().hex}.zip"


class ImportBatch(models.Model):
    """A ZIP of published reports uploaded on the staff page; the worker imports it in chunks
    (each chunk commits, so the page shows progress)."""

    class Status(models.TextChoices):
        QUEUED = "queued", "排队中"
        RUNNING = "running", "导入中"
        DONE = "done", "已完成"
        FAILED = "failed", "失败"

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="上传人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    under = models.ForeignKey(
        "agencies.Agency",
        verbose_name="匹配范围",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField("年度", null=True, blank=True)
    file_name = models.CharField("文件名", max_length=200)
    # on disk under MEDIA_ROOT (served by no URL), read member by member; removed when done
    upload = models.FileField("ZIP 文件", upload_to=_import_path, max_length=200, blank=True)
    status = models.CharField("状态", max_length=16, choices=Status.choices, default="queued")
    total = models.PositiveIntegerField("文件数", default=0)
    done = models.PositiveIntegerField("已处理", default=0)
    outcomes = models.JSONField("结果", default=list, blank=True)
    error = models.TextField("错误", blank=True)
    created_at = models.DateTimeField("上传时间", auto_now_add=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)

    class Meta:
        verbose_name = "年报批量导入"
        verbose_name_plural = "年报批量导入"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.file_name

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0
