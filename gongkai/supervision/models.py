"""Records the supervising office keeps: self-check findings, check runs, notices."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Indicator(models.TextChoices):
    """Inspection indicators (国办秘函〔2019〕19号, regulations.md §10) plus report checks."""

    HOME_STALE = "home_stale", "首页不更新"
    COLUMN_STALE = "column_stale", "栏目不更新"
    COLUMN_BLANK = "column_blank", "空白栏目"
    STANDARD_COLUMN = "standard_column", "缺少标准栏目内容"
    GUIDE_ELEMENTS = "guide_elements", "办事指南要素缺失"
    BROKEN_LINK = "broken_link", "链接不可用"
    MESSAGE_UNANSWERED = "message_unanswered", "互动回应差"
    REPORT_MISSING = "report_missing", "未发布上一年度年报"
    REPORT_BALANCE = "report_balance", "年报勾稽关系问题"
    REPORT_JUMP = "report_jump", "年报数据同比异常"


# Indicators that count towards the report "problems" column of the console.
REPORT_INDICATORS = (Indicator.REPORT_BALANCE, Indicator.REPORT_JUMP)


class CheckRun(models.Model):
    """One self-check over a subtree (the nightly job covers every body)."""

    root = models.ForeignKey(
        "agencies.Agency", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    year = models.PositiveSmallIntegerField("年报年度")
    started_at = models.DateTimeField("开始时间")
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)
    bodies = models.PositiveIntegerField("检查机关数", default=0)
    findings = models.PositiveIntegerField("发现问题数", default=0)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-started_at"]
        verbose_name = verbose_name_plural = "自查记录"

    def __str__(self) -> str:
        return f"自查 {self.started_at:%Y-%m-%d %H:%M}"


class Finding(models.Model):
    """One problem the self-check found in one body; a later run replaces the body's findings."""

    run = models.ForeignKey(CheckRun, on_delete=models.CASCADE, related_name="+")
    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="+")
    indicator = models.CharField("指标", max_length=24, choices=Indicator.choices)
    veto = models.BooleanField("单项否决", default=False)
    year = models.PositiveSmallIntegerField("年度", null=True, blank=True)
    subject = models.CharField("对象", max_length=300, blank=True)
    detail = models.CharField("说明", max_length=500)
    url = models.CharField("链接", max_length=300, blank=True)
    checked_at = models.DateTimeField("检查时间")

    class Meta:
        ordering = ["agency_id", "indicator", "id"]
        verbose_name = verbose_name_plural = "自查发现"
        indexes = [models.Index(fields=["agency", "indicator"], name="sup_finding_agency")]

    def __str__(self) -> str:
        return f"{self.get_indicator_display()}：{self.detail}"


class BodySummary(models.Model):
    """A body's counts from its latest self-check, written in the same transaction as its
    findings (the only writer of findings is the self-check), so the console joins one row per
    body instead of counting findings for every row it sorts. As fresh as the findings: the
    console shows when the check ran."""

    agency = models.OneToOneField(
        "agencies.Agency",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="supervision_summary",
    )
    year = models.PositiveSmallIntegerField("年报年度")
    problems = models.PositiveIntegerField("年报问题", default=0)  # report findings of `year`
    stale_columns = models.PositiveIntegerField("未更新栏目", default=0)
    veto_findings = models.PositiveIntegerField("单项否决", default=0)
    checked_at = models.DateTimeField("检查时间")

    class Meta:
        verbose_name = verbose_name_plural = "自查汇总"

    def __str__(self) -> str:
        return f"{self.agency_id} {self.year}"


class ReportCheck(models.Model):
    """A report's balance and jump findings as last checked, and the basis they were computed
    from: its format and revision (raised by a trigger on every figure write), last year's
    report's id, format and revision, and the rules. The self-check keeps the findings while
    the basis holds. A cache: losing it only means checking every report again."""

    report = models.OneToOneField(
        "reports.Report", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    basis = models.CharField("依据", max_length=200)
    findings = models.JSONField("问题", default=list)  # [[indicator, subject, detail], …]

    class Meta:
        verbose_name = verbose_name_plural = "年报核查结果"

    def __str__(self) -> str:
        return f"{self.report_id} {self.basis}"


class NoticeKind(models.TextChoices):
    BULLETIN = "bulletin", "通报"
    REMINDER = "reminder", "督办提醒"


class Notice(models.Model):
    """A 通报 issued over a subtree, or a reminder to one late body. Kept as issued."""

    kind = models.CharField("类别", max_length=10, choices=NoticeKind.choices)
    issuer = models.ForeignKey(
        "agencies.Agency", verbose_name="印发机关", on_delete=models.PROTECT, related_name="+"
    )
    target = models.ForeignKey(
        "agencies.Agency",
        verbose_name="提醒对象",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField("年报年度")
    number = models.CharField("文号", max_length=100, blank=True)
    title = models.CharField("标题", max_length=300)
    text = models.TextField("正文")
    bodies = models.JSONField("涉及机关", default=list)  # [[code, name, indicator label], …]
    issued_at = models.DateTimeField("印发时间")
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    emailed = models.PositiveIntegerField("已发邮件数", default=0)

    class Meta:
        ordering = ["-issued_at", "-id"]
        verbose_name = verbose_name_plural = "通报与提醒"
        indexes = [models.Index(fields=["target", "kind"], name="sup_notice_target")]

    def __str__(self) -> str:
        return self.title
