"""Organisational records of a body (staff, funding, meetings, training, archive submissions,
reading-point visitors). Owned by the reports module; see gongkai/agencies/figures.py."""

from __future__ import annotations

from django.db import models

__all__ = ["ArchiveSubmission", "OrgYear", "ReadingPointVisits", "TrainingClass", "WorkMeeting"]


class OrgYear(models.Model):
    """机构建设和保障经费: one row per body and year. Blank fields mean "not recorded", not 0."""

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name="机关", on_delete=models.CASCADE, related_name="org_years"
    )
    year = models.PositiveSmallIntegerField("年度")
    units = models.PositiveIntegerField("政府信息公开工作专门机构数", null=True, blank=True)
    staff_full = models.PositiveIntegerField("专职人员数", null=True, blank=True)
    staff_part = models.PositiveIntegerField("兼职人员数", null=True, blank=True)
    budget = models.DecimalField(
        "政府信息公开专项经费（万元）", max_digits=14, decimal_places=4, null=True, blank=True
    )

    class Meta:
        verbose_name = "年度机构与经费"
        verbose_name_plural = "年度机构与经费"
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="org_year_unique")]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}"


class ReadingPointVisits(models.Model):
    """Visitors received by one reading point in one year (查阅点接待人数)."""

    reading_point = models.ForeignKey(
        "agencies.ReadingPoint",
        verbose_name="查阅点",
        on_delete=models.CASCADE,
        related_name="visits",
    )
    year = models.PositiveSmallIntegerField("年度")
    visitors = models.PositiveIntegerField("接待人次")

    class Meta:
        verbose_name = "查阅点接待人次"
        verbose_name_plural = "查阅点接待人次"
        constraints = [
            models.UniqueConstraint(
                fields=["reading_point", "year"], name="reading_point_year_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reading_point} {self.year}: {self.visitors}"


class WorkMeeting(models.Model):
    """政府信息公开工作会议或专题会议."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name="机关",
        on_delete=models.CASCADE,
        related_name="disclosure_meetings",
    )
    date = models.DateField("日期", db_index=True)
    title = models.CharField("会议名称", max_length=200)

    class Meta:
        verbose_name = "工作会议"
        verbose_name_plural = "工作会议"
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.date} {self.title}"


class TrainingClass(models.Model):
    """培训班 and the number of people trained."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name="机关",
        on_delete=models.CASCADE,
        related_name="training_classes",
    )
    date = models.DateField("日期", db_index=True)
    title = models.CharField("培训班名称", max_length=200)
    trainees = models.PositiveIntegerField("培训人次", default=0)

    class Meta:
        verbose_name = "培训班"
        verbose_name_plural = "培训班"
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.date} {self.title}"


class ArchiveSubmission(models.Model):
    """Information sent to archives or libraries (向图书馆、档案馆等查阅场所报送)."""

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name="机关",
        on_delete=models.CASCADE,
        related_name="archive_submissions",
    )
    date = models.DateField("报送日期", db_index=True)
    recipient = models.CharField("接收单位", max_length=200)
    paper = models.PositiveIntegerField("纸质文件数", default=0)
    electronic = models.PositiveIntegerField("电子文件数", default=0)

    class Meta:
        verbose_name = "报送档案馆/图书馆"
        verbose_name_plural = "报送档案馆/图书馆"
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.date} {self.recipient}"
